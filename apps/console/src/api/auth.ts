import type { Role } from '@redmet/contracts/vocabulary';
import { api } from './http';
import { networkError, problemOf } from './problem';
import { session, type Tokens } from './session';

/** Who the token says the user is (gateway `GET /api/auth/me`). */
export interface Me {
  userId: string;
  name: string | null;
  roles: Role[];
  companyId: string | null;
}

interface TokensAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

/**
 * Signs in and asks who that is, without touching the current session yet: the
 * caller decides what of the page may stay (the same user signing in again
 * after the session lapsed keeps it) before the new tokens take over.
 */
export async function login(username: string, password: string): Promise<{ tokens: Tokens; user: Me }> {
  const response = await post('/api/auth/login', { username, password });
  if (!response.ok) throw await problemOf(response);
  const { accessToken, refreshToken } = (await response.json()) as TokensAnswer;
  const identity = await fetch('/api/auth/me', {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
  }).catch(() => {
    throw networkError();
  });
  if (!identity.ok) throw await problemOf(identity);
  return { tokens: { accessToken, refreshToken }, user: (await identity.json()) as Me };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => {
    throw networkError();
  });
}

export function me(): Promise<Me> {
  return api<Me>('/api/auth/me');
}

/** Revokes the refresh token; the session ends here whatever the server says. */
export async function logout(): Promise<void> {
  const refreshToken = session.tokens?.refreshToken;
  session.set(null);
  if (!refreshToken) return;
  await post('/api/auth/logout', { refreshToken }).catch(() => undefined);
}
