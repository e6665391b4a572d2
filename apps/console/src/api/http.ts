import { IDEMPOTENCY_KEY_HEADER, withIdempotencyKey } from './idempotency';
import { type ApiError, networkError, problemOf } from './problem';
import { session, type Tokens } from './session';
import { announceReplaced, askWhoSpent, oneTabAtATime } from './shared-refresh';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart (files). */
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** `blob` for files (documents); JSON or text otherwise. */
  as?: 'blob';
  /** The version of the record the person read (the registry's `version`): sent as `If-Match: "3"`. */
  ifMatch?: number;
}

let refreshing: Promise<Tokens | null> | null = null;

/**
 * Exchanges the refresh token once for everyone waiting: concurrent 401s share
 * one refresh (refresh tokens are single use). The gateway refusing it ends the
 * session (null). A refresh that could not be made (network, 5xx, 429: the
 * gateway throttles refreshes per address) keeps the session and throws, so the
 * page says what happened and a retry can still succeed.
 */
function refreshTokens(): Promise<Tokens | null> {
  const spending = session.tokens?.refreshToken;
  // Another tab holding the same token refreshed while this one waited, or before this one loaded: its pair is taken.
  const replacedElsewhere = () => !!session.tokens && session.tokens.refreshToken !== spending;
  refreshing ??= oneTabAtATime(async () => {
    if (spending && !replacedElsewhere()) await askWhoSpent(spending);
    return replacedElsewhere() ? session.tokens : exchange();
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function exchange(): Promise<Tokens | null> {
  const refreshToken = session.tokens?.refreshToken;
  if (!refreshToken) return null;
  let response: Response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    throw networkError();
  }
  if (response.status === 429 || response.status >= 500) throw await problemOf(response);
  // Signed out (or in again) while the refresh was under way: that session's tokens are not this one's.
  const sameSession = () => session.tokens?.refreshToken === refreshToken;
  if (!response.ok) {
    if (sameSession()) session.set(null);
    return null;
  }
  const tokens = (await response.json()) as Tokens;
  if (!sameSession()) return null;
  session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  announceReplaced(refreshToken, session.tokens!);
  return session.tokens;
}

/**
 * The tokens to repeat a call with that got a 401 for `usedToken`: the current
 * ones when another call refreshed them meanwhile (refreshing again would spend
 * a refresh token for nothing), else freshly refreshed ones; null when the
 * session is over.
 */
export function tokensAfter401(usedToken: string): Promise<Tokens | null> {
  const current = session.tokens;
  if (!current) return Promise.resolve(null);
  if (current.accessToken !== usedToken) return Promise.resolve(current);
  return refreshTokens();
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(
  path: string,
  options: RequestOptions,
  token: string | undefined,
  idempotencyKey?: string,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  const method = options.method ?? (body ? 'POST' : 'GET');
  try {
    return await fetch(withQuery(path, options.query), { method, headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw networkError();
  }
}

/** Writes under way, by method, address and body. */
const writing = new Map<string, Promise<unknown>>();

/**
 * Calls the API with the user's bearer token. A 401 refreshes the tokens once
 * and retries; when the gateway refuses the refresh the session ends (the app
 * shows the login).
 * Failures throw an ApiError carrying the problem's code and field messages.
 *
 * A write sent again while the same one is under way joins it rather than
 * going out twice: a double click or a second Enter lands before the page has
 * re-rendered with its button disabled, and the services take most writes as
 * new each time (two claims, two comments, two webhooks of which the first
 * one's secret is never shown). Each write carries an Idempotency-Key, the
 * same one when the user sends again a write whose outcome was not known.
 */
export function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined || options.form ? 'POST' : 'GET');
  if (method === 'GET' || options.form) return call<T>(path, options);
  const write = `${method} ${withQuery(path, options.query)} ${options.ifMatch ?? ''} ${JSON.stringify(options.json ?? null)}`;
  const underWay = writing.get(write);
  if (underWay) return underWay as Promise<T>;
  const sent = withIdempotencyKey(write, (key) => call<T>(path, options, key)).finally(() => writing.delete(write));
  writing.set(write, sent);
  return sent;
}

async function call<T>(path: string, options: RequestOptions, idempotencyKey?: string): Promise<T> {
  const token = session.tokens?.accessToken;
  let response = await send(path, options, token, idempotencyKey);
  if (response.status === 401 && token) {
    const tokens = await tokensAfter401(token);
    if (tokens) response = await send(path, options, tokens.accessToken, idempotencyKey);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  if (options.as === 'blob') return (await response.blob()) as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export type { ApiError };
