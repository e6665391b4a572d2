import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { withoutSecrets } from '../logging/without-secrets';
import { databaseRefusal } from './database-input';
import { DomainError, type FieldError } from './domain.error';

/** The body of every error answer (RFC 9457 problem details plus a stable code). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  correlationId?: string;
}

const RETRY_AFTER_SECONDS = 5;
const BUSY = 'SERVICE.BUSY';

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  409: 'RESOURCE.CONFLICT',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.TOO_MANY',
};

/** PostgreSQL's connection exceptions (class 08) and a server shutting down or starting (57P01-57P03). */
const UNREACHABLE_SQLSTATE = /^(08|57P0[1-3])/;
/** What node-postgres and TypeORM say when the server went away or the pool cannot connect. */
const UNREACHABLE_MESSAGE =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET/;

/** True when a dependency (the database) could not be reached: the client may retry the same request. */
export function isDependencyUnavailable(exception: unknown): boolean {
  const error = exception as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (!error || typeof error !== 'object') return false;
  if (typeof error.code === 'string' && UNREACHABLE_SQLSTATE.test(error.code)) return true;
  if (typeof error.code === 'string' && UNREACHABLE_MESSAGE.test(error.code)) return true;
  if (typeof error.message === 'string' && UNREACHABLE_MESSAGE.test(error.message)) return true;
  return error.driverError !== undefined && isDependencyUnavailable(error.driverError);
}

/**
 * PostgreSQL gave up on a transaction because of another one: a serialization
 * failure, a deadlock, a lock it could not take or a statement cancelled by its
 * timeout. Nothing was changed and the same request may succeed when retried.
 */
const CONTENTION_SQLSTATE = new Set(['40001', '40P01', '55P03', '57014']);

function isContention(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: unknown } | null;
  if (!error || typeof error !== 'object') return false;
  if (typeof error.code === 'string' && CONTENTION_SQLSTATE.has(error.code)) return true;
  return error.driverError !== undefined && isContention(error.driverError);
}

/** The form field a multipart upload got wrong (a file under another name, one file too many): multer's error, kept as the cause. */
function uploadFieldErrors(exception: HttpException): FieldError[] {
  const cause = exception.cause as { field?: unknown; message?: unknown } | undefined;
  if (typeof cause?.field !== 'string' || cause.field === '' || typeof cause.message !== 'string') return [];
  return [{ field: cause.field, messages: [cause.message] }];
}

function fromHttpException(exception: HttpException): Omit<Problem, 'type' | 'correlationId'> {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return {
    status,
    title: HttpStatus[status] ?? 'Error',
    code: HTTP_CODES[status] ?? `HTTP.${status}`,
    detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
    errors: uploadFieldErrors(exception),
  };
}

/**
 * One place that turns exceptions into answers: domain errors keep their code,
 * framework errors (malformed JSON, body too large) and database errors that
 * the input caused (not a uuid, too long, a duplicate) get a 4xx, an unreachable
 * database or a transaction it gave up on (a deadlock, a serialization
 * failure) a 503 the client may retry, and anything unexpected is a 500 whose
 * details go to the log, never to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = problemOf(exception, request, this.logger);
    if (problem.code === BUSY) {
      // The client may retry, but two of our own transactions in each other's way is ours to fix: logged as an error.
      this.logger.error(
        { err: exception, path: withoutSecrets(request.url) },
        'Transaction given up on by the database',
      );
      response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status === 503) {
      this.logger.warn({ err: exception, path: withoutSecrets(request.url) }, 'Dependency unavailable');
      response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, path: withoutSecrets(request.url) }, 'Unhandled error');
    }
    // A stream (a file, Server-Sent Events) that failed after it began: too late for a problem body,
    // so the answer is cut off, which the client sees as the break it is.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(problem.status).type('application/problem+json').json(problem);
  }
}

/**
 * The answer an exception gets. `logger` hears of input the database refused, the client's mistake that its
 * DTO should have caught; the filter passes its own, others that merely look at the answer pass none.
 */
export function problemOf(exception: unknown, request: Request, logger?: Logger): Problem {
  const base = { type: 'about:blank', correlationId: request.correlationId };
  if (exception instanceof DomainError) {
    return {
      ...base,
      status: exception.status,
      title: HttpStatus[exception.status] ?? 'Error',
      code: exception.code,
      detail: exception.message,
      errors: exception.fieldErrors,
    };
  }
  if (exception instanceof HttpException) return { ...base, ...fromHttpException(exception) };
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser's errors (malformed JSON, too large) carry a 4xx status of their own.
    return {
      ...base,
      status,
      title: HttpStatus[status] ?? 'Error',
      code: HTTP_CODES[status] ?? `HTTP.${status}`,
      detail: 'The request body could not be read',
      errors: [],
    };
  }
  if (isDependencyUnavailable(exception)) {
    return {
      ...base,
      status: 503,
      title: 'Service Unavailable',
      code: 'SERVICE.UNAVAILABLE',
      detail: 'The service cannot reach its database just now; nothing was changed, try again shortly',
      errors: [],
    };
  }
  if (isContention(exception)) {
    return {
      ...base,
      status: 503,
      title: 'Service Unavailable',
      code: BUSY,
      detail: 'The service was busy with a conflicting change; nothing was changed, try again shortly',
      errors: [],
    };
  }
  const refusal = databaseRefusal(exception);
  if (refusal) {
    // Input that reached the database unchecked: the client's mistake, logged so that its DTO gets the check.
    logger?.warn({ err: exception, path: withoutSecrets(request.url) }, 'Refused by the database');
    return { ...base, ...refusal, title: HttpStatus[refusal.status] };
  }
  return {
    ...base,
    status: 500,
    title: 'Internal Server Error',
    code: 'INTERNAL',
    detail: 'Something went wrong on our side; quote the correlation id when reporting it',
    errors: [],
  };
}
