import { type ArgumentsHost, Logger } from '@nestjs/common';
import { transformException } from '@nestjs/platform-express/multer/multer/multer.utils';
import { MulterError } from 'multer';
import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable, type Problem, ProblemFilter } from './problem.filter';

function answer(
  exception: unknown,
  url = '/reports',
  headersSent = false,
): { status: number; headers: Record<string, string>; body: Problem; destroyed: boolean } {
  const sent = {
    status: 0,
    headers: {} as Record<string, string>,
    body: undefined as unknown as Problem,
    destroyed: false,
  };
  const response = {
    headersSent,
    destroy: () => (sent.destroyed = true),
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    json: (body: Problem) => (sent.body = body),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ url, correlationId: 'c-1' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it('cuts off an answer that had begun (a stream) rather than write a problem into it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const sent = answer(new Error('stream source failed'), '/alerts/stream', true);
      expect(sent).toMatchObject({ destroyed: true, status: 0, body: undefined });
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  it("names the form field of an upload multer refused, as Nest's upload interceptor passes it on", () => {
    const sent = answer(transformException(new MulterError('LIMIT_UNEXPECTED_FILE', 'csv')));
    expect(sent.status).toBe(400);
    expect(sent.body.errors).toEqual([{ field: 'csv', messages: ['Unexpected file field'] }]);
  });

  it('answers 503 with Retry-After when the database cannot be reached, so clients retry', () => {
    const sent = answer(new QueryFailedError('INSERT INTO report ...', [], shutdown));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE', correlationId: 'c-1' });
    expect(JSON.stringify(sent.body)).not.toContain('INSERT');
  });

  it.each([
    ['40P01', 'deadlock detected'],
    ['40001', 'could not serialize access due to concurrent update'],
    ['55P03', 'could not obtain lock on row in relation "claim"'],
    ['57014', 'canceling statement due to statement timeout'],
  ])('answers 503 with Retry-After when the database gave up on the transaction (%s), not a 500', (code, message) => {
    const sent = answer(new QueryFailedError('UPDATE claim ...', [], Object.assign(new Error(message), { code })));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'SERVICE.BUSY', correlationId: 'c-1' });
    expect(JSON.stringify(sent.body)).not.toContain('claim');
  });

  it('recognises the ways node-postgres reports a lost or unreachable server', () => {
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('no'), { code: '08006' }))).toBe(true);
  });

  it('keeps other failures a 500 without details, and a constraint violation is no outage', () => {
    const violation = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(isDependencyUnavailable(new QueryFailedError('INSERT', [], violation))).toBe(false);
    const sent = answer(new TypeError('cannot read properties of undefined'));
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
    expect(sent.body).toMatchObject({ code: 'INTERNAL' });
    expect(JSON.stringify(sent.body)).not.toContain('cannot read');
  });

  it('logs the path of a failed request without the token an EventSource put in its query', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    answer(new TypeError('boom'), '/alerts/stream?access_token=header.payload.signature');
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/alerts/stream?access_token=[redacted]' }),
      'Unhandled error',
    );
    logged.mockRestore();
  });

  describe('a PostgreSQL error that the input caused', () => {
    const failed = (code: string, fields: Record<string, string> = {}) =>
      new QueryFailedError(
        'INSERT INTO company (inn) VALUES ($1)',
        ['7707083893'],
        Object.assign(new Error('database says no'), { code, ...fields }),
      );

    it.each([
      ['22P02', 'invalid input syntax for type uuid', 400, 'REQUEST.INVALID'],
      ['22003', 'value out of range for type integer', 400, 'REQUEST.INVALID'],
      ['22001', 'value too long for type character varying(12)', 400, 'REQUEST.INVALID'],
      ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 400, 'REQUEST.INVALID'],
      ['23514', 'violates check constraint', 400, 'REQUEST.INVALID'],
      ['23503', 'violates foreign key constraint', 409, 'RESOURCE.CONFLICT'],
      ['23505', 'duplicate key value violates unique constraint', 409, 'RESOURCE.CONFLICT'],
    ])('answers %s (%s) with %i %s, without SQL or values', (code, _meaning, status, problemCode) => {
      const sent = answer(failed(code));
      expect(sent.status).toBe(status);
      expect(sent.body).toMatchObject({ code: problemCode, correlationId: 'c-1' });
      expect(JSON.stringify(sent.body)).not.toMatch(/INSERT|7707083893|database says no/);
    });

    it('names the fields from the columns PostgreSQL names, never their values', () => {
      const duplicate = failed('23505', {
        detail: 'Key (company_id, period_start)=(5b0d, 2026-01-01) already exists.',
      });
      expect(answer(duplicate).body.errors.map((error) => error.field)).toEqual(['companyId', 'periodStart']);
      expect(JSON.stringify(answer(duplicate).body)).not.toContain('5b0d');
      expect(answer(failed('23502', { column: 'legal_name' })).body).toMatchObject({
        status: 400,
        errors: [{ field: 'legalName' }],
      });
      expect(answer(failed('23505', { detail: 'Key (lower(name))=(x) already exists.' })).body.errors).toEqual([]);
    });

    it('keeps errors the input did not cause a 500', () => {
      expect(answer(failed('42P01')).status).toBe(500);
      expect(answer(Object.assign(new Error('x'), { code: 'ERR_22' })).status).toBe(500);
    });
  });
});
