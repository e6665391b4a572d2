import { api } from './http';
import { problemOf } from './problem';
import { session } from './session';

export const ROLES = [
  'producer',
  'subsidy_officer',
  'finance_officer',
  'ministry_analyst',
  'registry_admin',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

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

export async function login(username: string, password: string): Promise<void> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await problemOf(response);
  const tokens = (await response.json()) as TokensAnswer;
  session.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

export function me(): Promise<Me> {
  return api<Me>('/api/auth/me');
}

/** Revokes the refresh token; the session ends here whatever the server says. */
export async function logout(): Promise<void> {
  const refreshToken = session.tokens?.refreshToken;
  session.set(null);
  if (!refreshToken) return;
  await fetch('/api/auth/logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  }).catch(() => undefined);
}
