import 'reflect-metadata';
import { createHttpApp, listen } from '@redmet/platform';
import { AppModule } from './app.module';

export const REGISTRY_API = {
  title: 'Redmet deposit registry',
  description: 'Companies, deposits, licences, processing facilities and the catalogue of critical products.',
};

async function main(): Promise<void> {
  const app = await createHttpApp(AppModule, REGISTRY_API);
  await listen(app);
}

void main();
