import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable, type Problem, ProblemFilter } from './problem.filter';

function answer(exception: unknown): { status: number; headers: Record<string, string>; body: Problem } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown as Problem };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    json: (body: Problem) => (sent.body = body),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ url: '/reports', correlationId: 'c-1' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it('answers 503 with Retry-After when the database cannot be reached, so clients retry', () => {
    const sent = answer(new QueryFailedError('INSERT INTO report ...', [], shutdown));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE', correlationId: 'c-1' });
    expect(JSON.stringify(sent.body)).not.toContain('INSERT');
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
});
