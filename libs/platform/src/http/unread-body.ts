import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Mounted after the JSON parser: a body it did not read (text/plain, a form) would reach the
 * handler as no body at all, and an update whose fields are all optional would answer 200 having
 * changed nothing. Multipart bodies are read later, by the upload routes' own interceptor (and refused
 * on every other route by MultipartOnlyForUploads).
 */
export function refuseUnreadBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && req.body === undefined && !req.is('multipart/form-data')) {
    return next(new UnsupportedMediaTypeException('The body must be application/json (uploads: multipart/form-data)'));
  }
  next();
}
