import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UnsupportedMediaTypeException,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import { IdempotentAfterUpload } from '../idempotency/idempotency.interceptor';

const TAKES_FILE = 'redmet:takes-file';

/** A route that takes one file, as the multipart/form-data field `file`, and nothing else. */
export function FileUpload(description: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(TAKES_FILE, true),
    UseInterceptors(FileInterceptor('file')),
    IdempotentAfterUpload(),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description,
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    }),
  );
}

/**
 * A body the route will not read is refused, not taken for none. The JSON parser reads only JSON (so
 * text/plain or a URL-encoded form reach the handler as no body), and only a `FileUpload` route reads a
 * multipart form, in its interceptor, after this. Taken for none, an update whose fields are all optional
 * would answer 200 having changed nothing, and an approval sent as a form would approve the whole amount
 * asked for, its `approvedKopecks` unread.
 */
@Injectable()
export class RefuseUnreadBody implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const hasBody =
      request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || request.body !== undefined) return true;
    const takesFile = this.reflector.getAllAndOverride<boolean>(TAKES_FILE, [context.getHandler(), context.getClass()]);
    if (takesFile && request.is('multipart/form-data')) return true;
    throw new UnsupportedMediaTypeException(
      takesFile ? 'The body must be multipart/form-data, the file in `file`' : 'The body must be application/json',
    );
  }
}
