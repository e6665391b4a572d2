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

const TAKES_FILE = 'redmet:takes-file';

/** A route that takes one file, as the multipart/form-data field `file`, and nothing else. */
export function FileUpload(description: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(TAKES_FILE, true),
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description,
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    }),
  );
}

/**
 * Only a `FileUpload` route reads a multipart body. Anywhere else nothing would: an approval sent as a
 * form would approve the whole amount asked for, its `approvedKopecks` unread, and an edit would change
 * nothing and answer 200.
 */
@Injectable()
export class MultipartOnlyForUploads implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is('multipart/form-data')) return true;
    if (this.reflector.getAllAndOverride<boolean>(TAKES_FILE, [context.getHandler(), context.getClass()])) return true;
    throw new UnsupportedMediaTypeException('The body must be application/json: this route takes no upload');
  }
}
