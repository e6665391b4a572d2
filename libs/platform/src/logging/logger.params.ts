import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { type Params, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { type HttpLogger, type Options, pinoHttp } from 'pino-http';
import type { PlatformEnvironment } from '../config/platform.environment';
import { queryWithoutSecrets, withoutSecrets } from './without-secrets';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);
const LOGGED_RESPONSE_HEADERS = new Set(['content-type', 'content-length', 'location', 'retry-after']);

/** What every request log line carries, whichever middleware writes it. */
const REQUEST_LOGGING: Options = {
  genReqId: (req: IncomingMessage & { correlationId?: string }) => req.correlationId ?? 'none',
  customAttributeKeys: { reqId: 'correlationId' },
  autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
  serializers: {
    // Given the request as pino serialised it (a fresh object, whose query is the request's own).
    req: (req: { url?: string; query?: unknown }) =>
      Object.assign(req, { url: req.url && withoutSecrets(req.url), query: queryWithoutSecrets(req.query) }),
    // The security headers are the same on every answer, and an ETag tells a reader of logs nothing: a
    // kilobyte a line.
    res: (res: { statusCode?: number; headers?: Record<string, unknown> }) => ({
      statusCode: res.statusCode,
      headers: Object.fromEntries(
        Object.entries(res.headers ?? {}).filter(([name]) => LOGGED_RESPONSE_HEADERS.has(name.toLowerCase())),
      ),
    }),
  },
};

/** JSON lines with the service name and the request's correlation id on every line. */
export function loggerParams(service: string, environment: PlatformEnvironment): Params {
  return {
    pinoHttp: {
      ...REQUEST_LOGGING,
      level: environment.LOG_LEVEL,
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      redact: {
        paths: ['req.headers.authorization', 'req.headers["proxy-authorization"]', 'req.headers.cookie'],
        remove: true,
      },
      transport: environment.LOG_PRETTY
        ? { target: 'pino-pretty', options: { singleLine: true, messageKey: 'message' } }
        : undefined,
    },
  };
}

/**
 * Request log lines for Express routes mounted before Nest's own middleware
 * (the gateway's proxy never reaches it), written through the application's
 * logger, so they look like every other request's.
 */
export function requestLogging(logger: () => Logger = () => PinoLogger.root): RequestHandler {
  let middleware: HttpLogger | undefined;
  return (req, res, next) => {
    // Nest creates its logger when the application starts, after these routes are mounted.
    middleware ??= pinoHttp({ ...REQUEST_LOGGING, logger: logger() });
    middleware(req, res, next);
  };
}
