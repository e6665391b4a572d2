import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import { CORRELATION_ID_PATTERN, type EventOrigin } from '@redmet/contracts';

export const CORRELATION_HEADER = 'x-correlation-id';

const ORIGIN_KEY = 'redmet.origin';

declare module 'express' {
  interface Request {
    correlationId?: string;
  }
}

/** Takes the caller's correlation id when it is well-formed, otherwise starts a new one; echoes it back. */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.header(CORRELATION_HEADER);
  req.correlationId = offered && CORRELATION_ID_PATTERN.test(offered) ? offered : randomUUID();
  res.setHeader(CORRELATION_HEADER, req.correlationId);
  next();
}

/**
 * What caused the work in progress: the HTTP request's correlation id, or the
 * consumed event (its correlation id, and itself as the cause). Events written
 * to the outbox inherit it.
 */
export function currentOrigin(): EventOrigin {
  const cls = ClsServiceManager.getClsService();
  const origin = cls.isActive() ? cls.get<EventOrigin | undefined>(ORIGIN_KEY) : undefined;
  return origin ?? { correlationId: randomUUID(), causationId: null };
}

export function setOrigin(origin: EventOrigin): void {
  ClsServiceManager.getClsService().set(ORIGIN_KEY, origin);
}

export function runWithOrigin<T>(origin: EventOrigin, fn: () => Promise<T>): Promise<T> {
  return ClsServiceManager.getClsService().run(() => {
    setOrigin(origin);
    return fn();
  });
}
