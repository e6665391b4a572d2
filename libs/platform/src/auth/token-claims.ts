import type { JWTPayload } from 'jose';
import { ROLES, type Role } from '@redmet/contracts';
import { cutText } from '../text/cut-text';
import { Principal } from './principal';

/** Which claims of an issuer's tokens say who the caller is. */
export interface ClaimNames {
  roles: string;
  company: string;
  subject: string;
  name: string;
  /** The issuer's role names to Redmet's; when absent, the token must carry Redmet's names. */
  roleMap?: Record<string, Role | Role[]>;
}

/**
 * A claim by its name, or, when no claim has that name and it has dots, by the
 * path (`realm_access.roles`). Names with dots come first: namespaced claims
 * like `https://redmet.example/roles` are common.
 */
export function claimAt(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A list of strings, or one space-separated string (as `scope` is). */
function names(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function rolesOf(claimed: string[], roleMap: ClaimNames['roleMap']): Role[] {
  const roles = roleMap
    ? claimed.flatMap((name) => (Object.hasOwn(roleMap, name) ? [roleMap[name]].flat() : []))
    : claimed.filter((name): name is Role => ROLES.includes(name as Role));
  return [...new Set(roles)];
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What an event's `Actor` holds: a user id of at most 128 characters, a name of at most 200. */
const MAX_USER_ID = 128;
const MAX_NAME = 200;

/**
 * The caller a verified token names; throws when it names nobody (no
 * subject) or a subject no event could record. A blank name is no name, a
 * long one is cut: the caller is recorded as the actor of what they do.
 * `userIdSuffix` names an external provider's users apart from everyone
 * else's (`providerUserIdSuffix`); the gateway's users are their subject.
 */
export function principalFromClaims(payload: JWTPayload, claims: ClaimNames, userIdSuffix = ''): Principal {
  const subject = textOf(claimAt(payload, claims.subject));
  if (!subject) throw new Error(`the token has no ${claims.subject} claim`);
  const maxSubject = MAX_USER_ID - userIdSuffix.length;
  if (subject.length > maxSubject) {
    throw new Error(`the token's ${claims.subject} claim is longer than ${maxSubject} characters`);
  }
  const roles = rolesOf(names(claimAt(payload, claims.roles)), claims.roleMap);
  const name = claimAt(payload, claims.name);
  const shownName = typeof name === 'string' ? cutText(name.trim(), MAX_NAME) : '';
  // Company ids are uuids, which PostgreSQL gives back in lower case and services compare as text; an
  // external provider may send them upper case. Anything else names no company the registry can have: the
  // caller acts for none (a producer is refused as one without a company), rather than reaching queries that
  // would refuse the value itself.
  const company = textOf(claimAt(payload, claims.company))?.toLowerCase() ?? null;
  return new Principal(
    subject + userIdSuffix,
    roles,
    company && UUID.test(company) ? company : null,
    shownName || null,
  );
}
