import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { PlatformEnvironment } from '../config/platform.environment';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** JSON lines with the service name and the request's correlation id on every line. */
export function loggerParams(service: string, environment: PlatformEnvironment): Params {
  return {
    pinoHttp: {
      level: environment.LOG_LEVEL,
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      genReqId: (req: IncomingMessage & { correlationId?: string }) => req.correlationId ?? 'none',
      customAttributeKeys: { reqId: 'correlationId' },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
      transport: environment.LOG_PRETTY
        ? { target: 'pino-pretty', options: { singleLine: true, messageKey: 'message' } }
        : undefined,
    },
  };
}
