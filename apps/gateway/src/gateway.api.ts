import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { configureHttp, type ServiceDescription } from '@redmet/platform';
import { serveConsole } from './console/serve-console';
import { GatewayEnvironment } from './gateway.environment';
import { GatewayDocument } from './proxy/combined-document';
import { mountProxies } from './proxy/proxy.middleware';

export const GATEWAY_API: ServiceDescription = {
  title: 'Redmet gateway',
  description: 'Login, tokens and accounts; every service is proxied at /api/<service>/ (combined docs at /api/docs).',
  docsPath: 'api/gateway/docs',
  beforeBodyParsing: (app: NestExpressApplication) => mountProxies(app),
};

/**
 * Security headers, CORS locked to the console's origin, then the platform's
 * HTTP set-up with the proxies mounted ahead of body parsing. main.ts and the
 * tests both use it.
 */
export function configureGateway(app: NestExpressApplication): void {
  const environment = app.get(GatewayEnvironment);
  app.use(helmet());
  app.enableCors({ origin: environment.CONSOLE_ORIGIN, maxAge: 600 });
  app.set(
    'trust proxy',
    /^\d+$/.test(environment.TRUST_PROXY) ? Number(environment.TRUST_PROXY) : environment.TRUST_PROXY,
  );
  serveConsole(app, environment.CONSOLE_DIR);
  app.get(GatewayDocument).document = configureHttp(app, GATEWAY_API);
}
