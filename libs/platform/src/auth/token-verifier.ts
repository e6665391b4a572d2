import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { PlatformEnvironment } from '../config/platform.environment';
import { type IdentityProviderSettings, providerUserIdSuffix } from './identity-providers';
import { Principal } from './principal';
import { type ClaimNames, principalFromClaims } from './token-claims';

export const TOKEN_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Leeway on `exp` and `nbf`: an external provider's clock may run a little ahead of ours, and
 * one that sets `nbf` to `iat` would otherwise issue tokens refused right after sign-in.
 */
const CLOCK_TOLERANCE_SECONDS = 30;

function keySource(location: string): JWTVerifyGetKey {
  if (/^https?:\/\//.test(location)) return createRemoteJWKSet(new URL(location), { cooldownDuration: 30_000 });
  return createLocalJWKSet(JSON.parse(readFileSync(resolve(location), 'utf8')));
}

/** Tries each of one issuer's key sets in turn (several while a key is rotated out). */
function anyOf(sources: JWTVerifyGetKey[]): JWTVerifyGetKey {
  return async (header, token) => {
    let lastError: unknown = new Error('no key sources configured');
    for (const source of sources) {
      try {
        return await source(header, token);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
}

/** One trusted issuer: only its keys verify its tokens, and its claim names read them. */
interface TrustedIssuer {
  keys: JWTVerifyGetKey;
  audience: string | string[];
  claims: ClaimNames;
  /** Empty for the gateway, whose users' ids are their subjects as they have always been stored. */
  userIdSuffix: string;
}

/** A token naming no issuer this service trusts. */
export class UnknownIssuerError extends Error {
  constructor(issuer: unknown) {
    super(`tokens of issuer ${JSON.stringify(issuer ?? null)} are not accepted`);
  }
}

/**
 * Checks bearer tokens itself (signature, issuer, audience, expiry) so that a
 * request that bypasses the gateway is refused just the same. Each issuer has
 * its own keys: the gateway's (AUTH_ISSUERS, AUTH_JWKS) and each external
 * provider's (AUTH_PROVIDERS). A token is looked up by the issuer it names and
 * verified with that issuer's keys alone, so a key of one provider cannot vouch
 * for a token in another's name.
 */
@Injectable()
export class TokenVerifier implements OnModuleInit {
  private readonly logger = new Logger(TokenVerifier.name);
  private issuers = new Map<string, TrustedIssuer>();
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly environment: PlatformEnvironment) {}

  onModuleInit(): void {
    const environment = this.environment;
    const gateway: TrustedIssuer = {
      keys: anyOf(environment.AUTH_JWKS.split(',').map((location) => keySource(location.trim()))),
      audience: environment.AUTH_AUDIENCE,
      claims: {
        roles: environment.AUTH_ROLES_CLAIM,
        company: environment.AUTH_COMPANY_CLAIM,
        subject: 'sub',
        name: 'name',
      },
      userIdSuffix: '',
    };
    const gatewayIssuers = environment.AUTH_ISSUERS.split(',').map((issuer) => issuer.trim());
    if (gatewayIssuers.length > 1) {
      this.logger.warn(
        `AUTH_ISSUERS names ${gatewayIssuers.length} issuers; they share the keys of AUTH_JWKS and its claim names. ` +
          'Configure an external identity provider in AUTH_PROVIDERS instead, with keys of its own.',
      );
    }
    const issuers = new Map(gatewayIssuers.map((issuer) => [issuer, gateway]));
    for (const provider of environment.AUTH_PROVIDERS ?? []) {
      const trusted = this.external(provider);
      issuers.set(provider.issuer, trusted);
      // What an operator needs to find, or rewrite, the ids the services stored for this provider's users.
      this.logger.log(`Users of ${provider.issuer} are named <subject>${trusted.userIdSuffix}`);
    }
    this.issuers = issuers;
  }

  /**
   * A token already verified is trusted until it expires: the signature check
   * costs more than most handlers, and a client sends the same token many times.
   */
  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    // Read, not yet trusted: it only picks the keys, and jwtVerify checks `iss` against the same name.
    const issuer = decodeJwt(token).iss;
    const trusted = issuer === undefined ? undefined : this.issuers.get(issuer);
    if (!trusted) throw new UnknownIssuerError(issuer);
    const { payload } = await jwtVerify(token, trusted.keys, {
      issuer,
      audience: trusted.audience,
      algorithms: TOKEN_ALGORITHMS,
      // A token without an expiry would be good forever.
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const principal = principalFromClaims(payload, trusted.claims, trusted.userIdSuffix);
    this.remember(token, principal, payload.exp! * 1000);
    return principal;
  }

  private external(provider: IdentityProviderSettings): TrustedIssuer {
    return {
      keys: keySource(provider.jwks.trim()),
      audience: provider.audience ?? this.environment.AUTH_AUDIENCE,
      claims: {
        roles: provider.rolesClaim ?? 'roles',
        company: provider.companyClaim ?? 'company_id',
        subject: provider.subjectClaim ?? 'sub',
        name: provider.nameClaim ?? 'name',
        roleMap: provider.roleMap,
      },
      userIdSuffix: providerUserIdSuffix(provider.issuer),
    };
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const now = Date.now();
      for (const [key, entry] of this.verified) if (entry.expiresAt <= now) this.verified.delete(key);
      // Still full of live tokens: drop the oldest entry (Map keeps insertion order).
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { principal, expiresAt });
  }
}
