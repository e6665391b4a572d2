import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { InjectMetric, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import type { Observable } from 'rxjs';

export const HTTP_DURATION_METRIC = 'redmet_http_request_duration_seconds';

export const httpDurationHistogram = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/**
 * Labels by route pattern (`/deposits/:id`), never by raw URL, to keep the number of series bounded.
 * Timed until the answer is sent: an error becomes its status (400, 500) only in the exception
 * filter, after the handler's observable has ended.
 */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(@InjectMetric(HTTP_DURATION_METRIC) private readonly duration: Histogram<string>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const stop = this.duration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    return next.handle();
  }
}
