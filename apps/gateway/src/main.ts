// Tracing first: it must see http and pg load.
import { startTracing } from '@redmet/platform/tracing';
startTracing('gateway');

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { listen } from '@redmet/platform';
import { AppModule } from './app.module';
import { configureGateway } from './gateway.api';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureGateway(app);
  await listen(app);
}

void main();
