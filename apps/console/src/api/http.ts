import { type ApiError, networkError, problemOf } from './problem';
import { session, type Tokens } from './session';

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
}

let refreshing: Promise<Tokens | null> | null = null;

/**
 * Exchanges the refresh token once for everyone waiting: concurrent 401s share
 * one refresh (refresh tokens are single use). A failed refresh signs out.
 */
export function refreshTokens(): Promise<Tokens | null> {
  refreshing ??= (async () => {
    const refreshToken = session.tokens?.refreshToken;
    if (!refreshToken) return null;
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!response.ok) throw new Error(`refresh refused (${response.status})`);
      const tokens = (await response.json()) as Tokens;
      session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
      return session.tokens;
    } catch {
      session.set(null);
      return null;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
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

function send(path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  const method = options.method ?? (body ? 'POST' : 'GET');
  return fetch(withQuery(path, options.query), { method, headers, body, signal: options.signal });
}

/**
 * Calls the API with the user's bearer token. A 401 refreshes the tokens once
 * and retries; when that fails the session ends (the app shows the login).
 * Failures throw an ApiError carrying the problem's code and field messages.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await send(path, options, session.tokens?.accessToken);
    if (response.status === 401 && session.tokens) {
      const tokens = await refreshTokens();
      if (tokens) response = await send(path, options, tokens.accessToken);
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  if (options.as === 'blob') return (await response.blob()) as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export type { ApiError };
