import { makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

export const HTTP_DURATION_METRIC = 'redmet_http_request_duration_seconds';

export const httpDurationHistogram = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/**
 * Express middleware, first in the chain, rather than a Nest interceptor: an
 * interceptor never sees what guards refuse (401, 403), what no route matches
 * (404) or a body the parser refuses. Recorded when the answer is sent, so
 * each request counts once under the status it went out with.
 *
 * Labels by route pattern (`/deposits/:id`) or the path a middleware answering
 * for a whole prefix is mounted at (the gateway's `/api/registry`), never by
 * raw URL, to keep the number of series bounded: whatever found neither is
 * `unmatched`.
 */
export function httpMetricsMiddleware(duration: Histogram<string>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = duration.startTimer();
    response.once('finish', () => {
      stop({ method: request.method, route: routeLabel(request), status: String(response.statusCode) });
    });
    next();
  };
}

/**
 * A route that takes every path is a middleware applied to all routes (the
 * request logger's), not an endpoint: Express leaves it as the request's
 * route when no endpoint follows.
 */
const CATCH_ALL = /^\{?\/?\*/;

function routeLabel(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string' && !CATCH_ALL.test(path)) return path;
  return request.baseUrl || 'unmatched';
}
