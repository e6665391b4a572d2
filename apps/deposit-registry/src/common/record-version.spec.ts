import { type CallHandler, type ExecutionContext, HttpStatus } from '@nestjs/common';
import { lastValueFrom, throwError } from 'rxjs';
import { ConflictError } from '@redmet/platform';
import { assertVersion, parseIfMatch, StaleVersionError, VersionTagInterceptor, versionTag } from './record-version';
import type { RegistryRecord } from './registry-record.entity';

describe('If-Match', () => {
  it.each([
    [undefined, undefined],
    ['*', undefined],
    ['"3"', ['"3"']],
    ['"3", "4"', ['"3"', '"4"']],
    ['"3",W/"4"', ['"3"']],
    ['W/"3"', []],
  ])('reads %p as %p', (header, condition) => {
    expect(parseIfMatch(header)).toEqual(condition);
  });

  it.each(['', '3', '"3', '"3" "4"', '*, "3"', '"a b"'])('refuses %p with 400 naming If-Match', (header) => {
    expect(() => parseIfMatch(header)).toThrow(
      expect.objectContaining({
        status: HttpStatus.BAD_REQUEST,
        fieldErrors: [expect.objectContaining({ field: 'If-Match' })],
      }),
    );
  });

  const atVersion = (version: number) => ({ version }) as RegistryRecord;

  it('lets a change through when no version is asked for or the current one is among those asked for', () => {
    expect(() => assertVersion(atVersion(3), undefined)).not.toThrow();
    expect(() => assertVersion(atVersion(3), ['"2"', versionTag(3)])).not.toThrow();
  });

  it.each([[['"2"']], [[]]])('refuses a change against %p with 412 naming the current version', (condition) => {
    expect(() => assertVersion(atVersion(3), condition)).toThrow(
      expect.objectContaining({
        code: 'REGISTRY.STALE_VERSION',
        status: HttpStatus.PRECONDITION_FAILED,
        message: expect.stringContaining('version 3 (ETag "3")'),
        fieldErrors: [expect.objectContaining({ field: 'If-Match' })],
        currentVersion: 3,
      }),
    );
  });
});

describe('VersionTagInterceptor on a refusal', () => {
  const refuse = async (error: Error) => {
    const headers = new Map<string, string>();
    const response = { setHeader: (name: string, value: string) => headers.set(name, value) };
    const context = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => throwError(() => error) };
    await expect(lastValueFrom(new VersionTagInterceptor().intercept(context, next))).rejects.toBe(error);
    return headers;
  };

  it('answers a 412 with the current version as ETag and passes the error on to be answered', async () => {
    expect((await refuse(new StaleVersionError(4))).get('etag')).toBe('"4"');
  });

  it('sets no ETag on any other refusal, which names no version', async () => {
    expect((await refuse(new ConflictError('COMPANY.LIQUIDATED', 'liquidated is final'))).has('etag')).toBe(false);
  });
});
