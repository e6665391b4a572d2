import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getToken } from '@willsoto/nestjs-prometheus';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import type { Histogram } from 'prom-client';
import { PlatformEnvironment } from './config/platform.environment';
import { correlationIdMiddleware } from './context/correlation';
import { recordBodyDigest } from './idempotency/idempotency.interceptor';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi';
import { HTTP_DURATION_METRIC, httpMetricsMiddleware } from './metrics/http-metrics.middleware';

export interface ServiceDescription {
  title: string;
  description: string;
  /** Express middleware that must see the raw request body (the gateway's proxy), mounted before parsing. */
  beforeBodyParsing?: (app: NestExpressApplication) => void;
  /** Where the OpenAPI UI is served (default `docs`). */
  docsPath?: string;
}

/**
 * Express-level set-up shared by `main.ts` and the integration tests, so tests
 * exercise the same middleware, body limits and docs as production.
 */
export function configureHttp(app: NestExpressApplication, description: ServiceDescription): OpenAPIObject {
  const environment = app.get(PlatformEnvironment);
  // Which framework answers is nobody's business outside.
  app.disable('x-powered-by');
  app.use(httpMetricsMiddleware(app.get<Histogram<string>>(getToken(HTTP_DURATION_METRIC))));
  app.use(correlationIdMiddleware);
  description.beforeBodyParsing?.(app);
  // Express's parser itself, as Nest's useBodyParser would mount it, but with `verify`, which Nest keeps for its
  // rawBody option: the Idempotency-Key check compares the body as sent, not as parsed.
  app.use(json({ limit: environment.HTTP_BODY_LIMIT, verify: recordBodyDigest }));
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(description.title)
      .setDescription(description.description)
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentIdempotencyKey(document);
  const docsPath = description.docsPath ?? 'docs';
  SwaggerModule.setup(docsPath, app, document, { jsonDocumentUrl: `${docsPath}/openapi.json` });
  return document;
}

export async function createHttpApp(
  module: Type<unknown>,
  description: ServiceDescription,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  configureHttp(app, description);
  return app;
}

/**
 * Idle keep-alive connections are kept longer than a proxy in front keeps
 * them (the gateway, an ingress or a cloud load balancer: 60 s is common).
 * Node's 5 s default lets the server close a connection at the moment a
 * client reuses it, and that request fails with ECONNRESET.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function listen(app: INestApplication): Promise<void> {
  const environment = app.get(PlatformEnvironment);
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await app.listen(environment.PORT, '0.0.0.0');
  app.get(Logger).log(`listening on http://127.0.0.1:${environment.PORT}`);
}
