import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
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

function fromHttpException(exception: HttpException): Omit<Problem, 'type' | 'correlationId'> {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return {
    status,
    title: HttpStatus[status] ?? 'Error',
    code: HTTP_CODES[status] ?? `HTTP.${status}`,
    detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
    errors: [],
  };
}

/**
 * One place that turns exceptions into answers: domain errors keep their code,
 * framework errors (malformed JSON, body too large) get a 4xx, and anything
 * unexpected is a 500 whose details go to the log, never to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) this.logger.error({ err: exception, path: request.url }, 'Unhandled error');
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, request: Request): Problem {
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
    return {
      ...base,
      status: 500,
      title: 'Internal Server Error',
      code: 'INTERNAL',
      detail: 'Something went wrong on our side; quote the correlation id when reporting it',
      errors: [],
    };
  }
}
