import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiPreconditionFailedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, tap, throwError } from 'rxjs';
import { DomainError, InvalidInputError } from '@redmet/platform';
import { RegistryRecord } from './registry-record.entity';

/** A strong tag: one version of a record has exactly one representation. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/**
 * What a change's `If-Match` asks for: nothing (no header, or `*`, which any
 * existing record meets), or the tags of the versions the client accepts.
 */
export type VersionCondition = readonly string[] | undefined;

const ENTITY_TAG = String.raw`(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"`;
const IF_MATCH = new RegExp(String.raw`^(?:\*|${ENTITY_TAG}(?:[ \t]*,[ \t]*${ENTITY_TAG})*)$`);
const IF_MATCH_FORMAT = 'If-Match must be * or entity tags as the record’s ETag gives them, e.g. "3"';

/**
 * RFC 9110 compares `If-Match` strongly, so a weak tag (`W/"3"`) matches no
 * version: it is left out of the list, and a header of weak tags alone is
 * never met, rather than void.
 */
export function parseIfMatch(header: string | undefined): VersionCondition {
  if (header === undefined) return undefined;
  if (!IF_MATCH.test(header)) {
    throw new InvalidInputError('REQUEST.INVALID', IF_MATCH_FORMAT, [
      { field: 'If-Match', messages: [IF_MATCH_FORMAT] },
    ]);
  }
  if (header === '*') return undefined;
  return (header.match(new RegExp(ENTITY_TAG, 'g')) ?? []).filter((tag) => !tag.startsWith('W/'));
}

/**
 * 412 naming the version the record is at, so the client knows to read it again before changing it.
 * The version travels with the error, not only in its text, so that the answer can carry it as `ETag`.
 */
export class StaleVersionError extends DomainError {
  constructor(readonly currentVersion: number) {
    const message = `The record has changed since the version If-Match names: it is at version ${currentVersion} (ETag ${versionTag(currentVersion)}) now; read it again and redo the change`;
    super('REGISTRY.STALE_VERSION', message, HttpStatus.PRECONDITION_FAILED, [
      { field: 'If-Match', messages: [message] },
    ]);
  }
}

export function assertVersion(record: RegistryRecord, condition: VersionCondition): void {
  if (condition === undefined || condition.includes(versionTag(record.version))) return;
  throw new StaleVersionError(record.version);
}

/** The `ETag` response header in the OpenAPI document. */
export const VERSION_TAG_HEADER = {
  ETag: {
    description: 'The record’s version as a strong entity tag; send it back as If-Match to change the record',
    schema: { type: 'string', example: '"3"' },
  },
};

/** The header and its 412 in the OpenAPI document of each change that takes `If-Match`. */
const IF_MATCH_DOCS = applyDecorators(
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of the version the change was made against (from the record’s GET or the answer to its last change). When the record is at another version nothing is changed and the answer is 412 REGISTRY.STALE_VERSION. Without it the change applies to the current version.',
    example: '"3"',
  }),
  ApiPreconditionFailedResponse({
    description:
      'REGISTRY.STALE_VERSION: the record has changed since the version If-Match names; its current version is the ETag header and is named in the detail. Nothing was changed or published: read the record again and redo the change on what it now says.',
    headers: {
      ETag: {
        description: 'The version the record is at now, as its GET answers it',
        schema: { type: 'string', example: '"4"' },
      },
    },
  }),
);

/**
 * The change's `If-Match`, parsed. Optional: without it a change applies to
 * whatever version is current, as it did before the registry had tags.
 */
export const IfMatch = createParamDecorator(
  (_: unknown, context: ExecutionContext): VersionCondition =>
    parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
  [
    (target, key) => {
      if (key === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) IF_MATCH_DOCS(target, key, descriptor);
    },
  ],
);

/**
 * Every answer that is one record carries its version as `ETag`, and so does a 412 refusing a change
 * against a stale one (RFC 9110): the client that lost the race learns the version it lost to without
 * parsing the detail. Without this the 412 would carry Express's weak hash of the problem body, a tag
 * that looks like a version but is none.
 */
@Injectable()
export class VersionTagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body: unknown) => {
        if (body instanceof RegistryRecord) response.setHeader('etag', versionTag(body.version));
      }),
      catchError((error: unknown) => {
        if (error instanceof StaleVersionError) response.setHeader('etag', versionTag(error.currentVersion));
        return throwError(() => error);
      }),
    );
  }
}
