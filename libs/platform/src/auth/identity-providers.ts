import { createHash } from 'node:crypto';
import { ROLES, type Role } from '@redmet/contracts';
import { plainHttpProblems } from './plain-http';

/**
 * An OpenID Connect provider whose tokens the services accept (a ministry's
 * own identity provider), as configured in AUTH_PROVIDERS. Its tokens are
 * checked only against its own keys, and read with its own claim names.
 */
export interface IdentityProviderSettings {
  /** The exact `iss` of its tokens. */
  issuer: string;
  /** Its JWKS: an https URL (usually the `jwks_uri` of its discovery document; http only to a loopback host) or a file. */
  jwks: string;
  /** Required `aud` (default AUTH_AUDIENCE); a list accepts any of them. */
  audience?: string | string[];
  /** Claim with the user's roles, a list or a space-separated string; a dotted path reaches into objects (`realm_access.roles`). Default `roles`. */
  rolesClaim?: string;
  /** Claim with a producer's company id. Default `company_id`. */
  companyClaim?: string;
  /** Claim naming the user. Default `sub`. */
  subjectClaim?: string;
  /** Claim with the user's display name. Default `name`. */
  nameClaim?: string;
  /** The provider's role names to Redmet's; when given, only the names it lists count. */
  roleMap?: Record<string, Role | Role[]>;
}

/** Long enough for most host names; the digest after it tells apart providers whose hosts begin alike. */
const SUFFIX_HOST_LENGTH = 32;

/**
 * What the user ids of a provider's users end with: `@`, the issuer's host and the first 8 hex digits of the
 * issuer's SHA-256 (`@sso.minprom.example~054c3a35` for `https://sso.minprom.example/realms/staff`). A
 * subject is unique only within its issuer: two providers may give one to different people, and one may
 * equal a gateway account's id (the gateway's users are named by their subject alone). The host makes an id
 * readable in audit trails, the digest tells apart providers on one host (a Keycloak's realms). It depends
 * on the issuer alone, so that every service names a user alike from one start to the next, and holds no
 * `@`: what precedes the last `@` is the subject whole.
 */
export function providerUserIdSuffix(issuer: string): string {
  const host = (URL.canParse(issuer) && new URL(issuer).hostname) || issuer;
  const readable = host.replace(/[^\w.:[\]-]/g, '').slice(0, SUFFIX_HOST_LENGTH);
  const digest = createHash('sha256').update(issuer).digest('hex').slice(0, 8);
  return `@${[readable, digest].filter(Boolean).join('~')}`;
}

const FIELDS: Record<keyof IdentityProviderSettings, true> = {
  issuer: true,
  jwks: true,
  audience: true,
  rolesClaim: true,
  companyClaim: true,
  subjectClaim: true,
  nameClaim: true,
  roleMap: true,
};
const CLAIM_NAME = /^[\w.:/-]+$/;

/** What AUTH_PROVIDERS held when it was not JSON: reported by `identityProviderProblems`. */
export class NotJson {
  constructor(readonly reason: string) {}
}

/** AUTH_PROVIDERS as the environment gives it (a JSON string) to what the problems check reads. */
export function parseProvidersSetting(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return [];
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    return new NotJson((error as Error).message);
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** An http(s) URL, or a file path (anything else with a scheme, like ftp:, is neither). */
function isUrlOrPath(value: string): boolean {
  if (/\s/.test(value)) return false;
  if (!/^[a-z][\w+.-]*:/i.test(value)) return true;
  return /^https?:\/\/[^/]/i.test(value) && URL.canParse(value);
}

function fieldProblems(provider: Record<string, unknown>, at: string): string[] {
  const problems = Object.keys(provider)
    .filter((key) => !(key in FIELDS))
    .map((key) => `${at}.${key} is not a provider setting (${Object.keys(FIELDS).join(', ')})`);
  // The issuer is only compared with a token's `iss`, never fetched: any scheme will do.
  if (!isText(provider.issuer)) problems.push(`${at}.issuer must be the provider's \`iss\`, a non-empty string`);
  if (!isText(provider.jwks) || !isUrlOrPath(provider.jwks)) {
    problems.push(`${at}.jwks must be an http(s) URL or a file path of the provider's JWKS`);
  } else problems.push(...plainHttpProblems(provider.jwks, `${at}.jwks`));
  const audience = provider.audience;
  if (audience !== undefined && !isText(audience) && !(Array.isArray(audience) && audience.every(isText))) {
    problems.push(`${at}.audience must be a string or a list of strings`);
  }
  for (const claim of ['rolesClaim', 'companyClaim', 'subjectClaim', 'nameClaim'] as const) {
    const name = provider[claim];
    if (name !== undefined && !(typeof name === 'string' && CLAIM_NAME.test(name))) {
      problems.push(`${at}.${claim} must be a claim name`);
    }
  }
  return [...problems, ...roleMapProblems(provider.roleMap, `${at}.roleMap`)];
}

function roleMapProblems(roleMap: unknown, at: string): string[] {
  if (roleMap === undefined) return [];
  if (typeof roleMap !== 'object' || roleMap === null || Array.isArray(roleMap)) {
    return [`${at} must be an object of the provider's role names to Redmet roles`];
  }
  return Object.entries(roleMap).flatMap(([name, mapped]) => {
    const roles: unknown[] = Array.isArray(mapped) ? mapped : [mapped];
    const unknown = roles.filter((role) => !ROLES.includes(role as Role));
    return unknown.length === 0 && roles.length > 0
      ? []
      : [`${at}.${name} must name Redmet roles (${ROLES.join(', ')}); got ${JSON.stringify(mapped)}`];
  });
}

/**
 * Every problem of an AUTH_PROVIDERS value, each naming the field at fault
 * (`AUTH_PROVIDERS[1].jwks ...`); empty when it is valid. `reservedIssuers`
 * (AUTH_ISSUERS, the gateway's) may not be configured again as a provider.
 */
export function identityProviderProblems(value: unknown, reservedIssuers: readonly string[] = []): string[] {
  if (value instanceof NotJson) return [`AUTH_PROVIDERS is not JSON (${value.reason})`];
  if (!Array.isArray(value)) return ['AUTH_PROVIDERS must be a JSON list of providers: [{"issuer": ..., "jwks": ...}]'];
  const problems: string[] = [];
  const seen = new Set<string>(reservedIssuers);
  value.forEach((provider: unknown, index) => {
    const at = `AUTH_PROVIDERS[${index}]`;
    if (typeof provider !== 'object' || provider === null || Array.isArray(provider)) {
      problems.push(`${at} must be an object with issuer and jwks`);
      return;
    }
    problems.push(...fieldProblems(provider as Record<string, unknown>, at));
    const issuer = (provider as { issuer?: unknown }).issuer;
    if (typeof issuer !== 'string') return;
    if (seen.has(issuer)) {
      const where = reservedIssuers.includes(issuer) ? 'AUTH_ISSUERS (the gateway)' : 'an earlier provider';
      problems.push(`${at}.issuer "${issuer}" is already trusted through ${where}: each issuer has one set of keys`);
    }
    seen.add(issuer);
  });
  return problems;
}
