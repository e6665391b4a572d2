import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { CORRELATION_HEADER, type Problem } from '@redmet/platform';
import { GatewayEnvironment } from '../gateway.environment';
import { type Upstream, upstreams } from './upstreams';

const MINUTE_MS = 60_000;

function sendProblem(
  res: ServerResponse | Socket,
  status: number,
  code: string,
  detail: string,
  correlationId?: string,
) {
  if (!('writeHead' in res) || res.headersSent) {
    res.destroy();
    return;
  }
  const problem: Problem = { type: 'about:blank', title: code, status, code, detail, errors: [], correlationId };
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
}

/** A service that is down answers 503 at once; one that hangs, 504 after PROXY_TIMEOUT_MS. Never a hang. */
function onProxyError(upstream: Upstream) {
  return (error: Error & { code?: string }, req: IncomingMessage, res: ServerResponse | Socket) => {
    const correlationId = (req as Request).correlationId;
    if (error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH' || error.code === 'ENOTFOUND') {
      sendProblem(
        res,
        503,
        'SERVICE.UNAVAILABLE',
        `${upstream.title} is not available; try again shortly`,
        correlationId,
      );
    } else {
      sendProblem(res, 504, 'SERVICE.TIMEOUT', `${upstream.title} did not answer in time`, correlationId);
    }
  };
}

/** Per client address, with @nestjs/throttler's storage, before anything is forwarded. */
function rateLimit(storage: ThrottlerStorage, limit: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { isBlocked, timeToBlockExpire } = await storage.increment(
      `proxy:${req.ip}`,
      MINUTE_MS,
      limit,
      MINUTE_MS,
      'proxy',
    );
    if (!isBlocked) return next();
    res.setHeader('retry-after', String(timeToBlockExpire));
    sendProblem(res, 429, 'REQUEST.TOO_MANY', `More than ${limit} requests a minute; slow down`, req.correlationId);
  };
}

/**
 * `/api/<service>/*` streams to the service untouched (bodies, uploads,
 * Server-Sent Events) with the correlation id added. Mounted before body
 * parsing; the services check tokens themselves.
 */
export function mountProxies(app: NestExpressApplication): void {
  const environment = app.get(GatewayEnvironment);
  const limiter = rateLimit(app.get<ThrottlerStorage>(getStorageToken()), environment.API_RATE_LIMIT_PER_MINUTE);
  for (const upstream of upstreams(environment)) {
    const proxy = createProxyMiddleware<Request, Response>({
      target: upstream.target,
      changeOrigin: true,
      xfwd: true,
      proxyTimeout: environment.PROXY_TIMEOUT_MS,
      on: {
        proxyReq: (proxyReq: ClientRequest, req: Request) => {
          if (req.correlationId) proxyReq.setHeader(CORRELATION_HEADER, req.correlationId);
        },
        error: onProxyError(upstream),
      },
    });
    app.use(`/api/${upstream.prefix}`, limiter, proxy);
  }
}
