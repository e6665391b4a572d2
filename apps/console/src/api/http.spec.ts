import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { api } from './http';
import { NETWORK_ERROR } from './problem';
import { session } from './session';

/** The gateway as the console sees it: each call answered by the test, in the order the test says. */
type Answer = () => Promise<Response> | Response;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const expired = () => json(401, { code: 'AUTH.UNAUTHENTICATED', detail: 'The token has expired', errors: [] });

let answers: Map<string, Answer>;
let calls: { path: string; token: string | null; body: unknown; key: string | undefined; ifMatch?: string }[];

function answer(path: string, reply: Answer): void {
  answers.set(path, reply);
}

/** A promise the test resolves when it wants the answer to arrive. */
function held<T>(): { promise: Promise<T>; release: (value: T) => void } {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

beforeEach(() => {
  const stored = new Map<string, string>();
  Object.assign(globalThis, {
    sessionStorage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    },
  });
  answers = new Map();
  calls = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      path,
      token: headers.authorization?.replace('Bearer ', '') ?? null,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      key: headers['Idempotency-Key'],
      ifMatch: headers['if-match'],
    });
    const reply = answers.get(`${path} ${headers.authorization ?? ''}`) ?? answers.get(path);
    if (!reply) throw new TypeError('Failed to fetch');
    return reply();
  });
  session.set({ accessToken: 'a1', refreshToken: 'r1' });
});

afterEach(() => {
  jest.restoreAllMocks();
  session.set(null);
});

const refreshes = () => calls.filter((call) => call.path === '/api/auth/refresh');

describe('api: the token refresh', () => {
  it('repeats a call refused for an expired token once, with the refreshed token', async () => {
    answer('/api/x Bearer a1', expired);
    answer('/api/x Bearer a2', () => json(200, { ok: true }));
    answer('/api/auth/refresh', () => json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));

    await expect(api('/api/x')).resolves.toEqual({ ok: true });
    expect(calls.map((call) => `${call.path} ${call.token}`)).toEqual([
      '/api/x a1',
      '/api/auth/refresh null',
      '/api/x a2',
    ]);
    expect(session.tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('spends the refresh token once for calls refused at the same time', async () => {
    const refresh = held<Response>();
    answer('/api/x Bearer a1', expired);
    answer('/api/x Bearer a2', () => json(200, 'x'));
    answer('/api/y Bearer a1', expired);
    answer('/api/y Bearer a2', () => json(200, 'y'));
    answer('/api/auth/refresh', () => refresh.promise);

    const both = Promise.all([api('/api/x'), api('/api/y')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    refresh.release(json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));

    await expect(both).resolves.toEqual(['x', 'y']);
    expect(refreshes()).toHaveLength(1);
  });

  it('does not refresh again for a call refused after another call has refreshed', async () => {
    // y was sent with the old token and its 401 arrives once x's refresh is done: the new token is already here.
    const late401 = held<Response>();
    answer('/api/x Bearer a1', expired);
    answer('/api/x Bearer a2', () => json(200, 'x'));
    answer('/api/y Bearer a1', () => late401.promise);
    answer('/api/y Bearer a2', () => json(200, 'y'));
    answer('/api/auth/refresh', () => json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));

    const y = api('/api/y');
    await expect(api('/api/x')).resolves.toBe('x');
    late401.release(expired());

    await expect(y).resolves.toBe('y');
    expect(refreshes()).toHaveLength(1);
    expect(session.tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('ends the session when the gateway refuses the refresh token', async () => {
    answer('/api/x', expired);
    answer('/api/auth/refresh', () => json(401, { code: 'AUTH.UNAUTHENTICATED', detail: 'used before', errors: [] }));

    await expect(api('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(session.tokens).toBeNull();
  });

  it.each([
    ['the network fails', () => Promise.reject(new TypeError('Failed to fetch')), NETWORK_ERROR],
    [
      'the gateway throttles refreshes',
      () => json(429, { code: 'REQUEST.TOO_MANY', detail: '', errors: [] }),
      'REQUEST.TOO_MANY',
    ],
    [
      'the gateway fails',
      () => json(503, { code: 'SERVICE.UNAVAILABLE', detail: '', errors: [] }),
      'SERVICE.UNAVAILABLE',
    ],
  ])('keeps the session and says why when %s during a refresh', async (_, reply, code) => {
    answer('/api/x', expired);
    answer('/api/auth/refresh', reply as Answer);

    await expect(api('/api/x')).rejects.toMatchObject({ code });
    expect(session.tokens).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
  });

  it('stays signed out when the user signs out while a refresh is under way', async () => {
    const refresh = held<Response>();
    answer('/api/x', expired);
    answer('/api/auth/refresh', () => refresh.promise);

    const x = api('/api/x');
    await new Promise((resolve) => setTimeout(resolve, 10));
    session.set(null);
    refresh.release(json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));

    await expect(x).rejects.toMatchObject({ status: 401 });
    expect(session.tokens).toBeNull();
  });
});

describe('api: a write sent again while it is under way', () => {
  it('goes out once, and both callers get its answer', async () => {
    const created = held<Response>();
    answer('/api/subsidy/claims', () => created.promise);

    const first = api('/api/subsidy/claims', { json: { period: '2026-Q1' } });
    const second = api('/api/subsidy/claims', { json: { period: '2026-Q1' } });
    created.release(json(201, { id: 'c-1' }));

    await expect(Promise.all([first, second])).resolves.toEqual([{ id: 'c-1' }, { id: 'c-1' }]);
    expect(calls.filter((call) => call.path === '/api/subsidy/claims')).toHaveLength(1);
  });

  it('goes out again once the first has been answered, and other writes go out beside it', async () => {
    let created = 0;
    answer('/api/subsidy/claims', () => json(201, { id: `c-${(created += 1)}` }));

    await expect(api('/api/subsidy/claims', { json: { period: '2026-Q1' } })).resolves.toEqual({ id: 'c-1' });
    const again = api('/api/subsidy/claims', { json: { period: '2026-Q1' } });
    const other = api('/api/subsidy/claims', { json: { period: '2026-Q2' } });

    await expect(Promise.all([again, other])).resolves.toEqual([{ id: 'c-2' }, { id: 'c-3' }]);
  });

  it('does not join reads', async () => {
    answer('/api/subsidy/claims', () => json(200, { items: [] }));

    await Promise.all([api('/api/subsidy/claims'), api('/api/subsidy/claims')]);

    expect(calls).toHaveLength(2);
  });
});

describe('api: the Idempotency-Key of a write', () => {
  const write = () => api('/api/subsidy/claims', { json: { period: '2026-Q1' } });
  const keys = () => calls.filter((call) => call.path === '/api/subsidy/claims').map((call) => call.key);

  it('is the same when a write whose outcome is not known is sent again, and new once it is answered', async () => {
    const replies: Answer[] = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(503, { code: 'SERVICE.BUSY', detail: '', errors: [] }),
      () => json(409, { code: 'REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS', detail: '', errors: [] }),
      () => json(201, { id: 'c-1' }),
      () => json(201, { id: 'c-2' }),
    ];
    answer('/api/subsidy/claims', () => replies.shift()!());

    await expect(write()).rejects.toMatchObject({ code: NETWORK_ERROR });
    await expect(write()).rejects.toMatchObject({ status: 503 });
    await expect(write()).rejects.toMatchObject({ status: 409 });
    await expect(write()).resolves.toEqual({ id: 'c-1' });
    await expect(write()).resolves.toEqual({ id: 'c-2' });

    const [first, ...rest] = keys();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(rest).toEqual([first, first, first, expect.not.stringMatching(first!)]);
  });

  it('is new after an answer that judged the write, and differs between writes', async () => {
    const replies: Answer[] = [
      () => json(422, { code: 'CLAIM.NOT_ELIGIBLE', detail: '', errors: [] }),
      () => json(201, { id: 'c-1' }),
    ];
    answer('/api/subsidy/claims', () => replies.shift()!());

    await expect(write()).rejects.toMatchObject({ status: 422 });
    await expect(write()).resolves.toEqual({ id: 'c-1' });
    answer('/api/subsidy/claims', () => json(201, { id: 'c-2' }));
    await api('/api/subsidy/claims', { json: { period: '2026-Q2' } });

    expect(new Set(keys()).size).toBe(3);
  });

  it('is new after the service says the write was made but its answer lost: sending it again cannot help', async () => {
    const replies: Answer[] = [
      () => json(409, { code: 'REQUEST.IDEMPOTENCY_ANSWER_LOST', detail: '', errors: [] }),
      () => json(201, { id: 'c-2' }),
    ];
    answer('/api/subsidy/claims', () => replies.shift()!());

    await expect(write()).rejects.toMatchObject({ code: 'REQUEST.IDEMPOTENCY_ANSWER_LOST' });
    await expect(write()).resolves.toEqual({ id: 'c-2' });

    expect(new Set(keys()).size).toBe(2);
  });

  it('goes with the write repeated after a refreshed token', async () => {
    answer('/api/subsidy/claims Bearer a1', expired);
    answer('/api/auth/refresh', () => json(200, { accessToken: 'a2', refreshToken: 'r2' }));
    answer('/api/subsidy/claims Bearer a2', () => json(201, { id: 'c-1' }));

    await write();

    const [expiredCall, repeated] = keys();
    expect(repeated).toBe(expiredCall);
  });

  it('is not sent with reads', async () => {
    answer('/api/subsidy/claims', () => json(200, { items: [] }));
    await api('/api/subsidy/claims');
    expect(keys()).toEqual([undefined]);
  });
});

describe('api: the version a change was made on', () => {
  it('sends it as a strong entity tag, and only when given', async () => {
    answer('/api/r/1/status', () => json(200, { version: 4 }));

    await api('/api/r/1/status', { json: { status: 'closed' }, ifMatch: 3 });
    await api('/api/r/1/status', { json: { status: 'closed' } });
    expect(calls.map((call) => call.ifMatch)).toEqual(['"3"', undefined]);
  });

  it('sends the same change on two versions as two writes', async () => {
    const held1 = held<void>();
    answer('/api/r/1/status', () => held1.promise.then(() => json(200, { version: 5 })));

    const both = Promise.all([
      api('/api/r/1/status', { json: { status: 'closed' }, ifMatch: 3 }),
      api('/api/r/1/status', { json: { status: 'closed' }, ifMatch: 4 }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    held1.release();
    await both;
    expect(calls.map((call) => call.ifMatch)).toEqual(['"3"', '"4"']);
  });
});
