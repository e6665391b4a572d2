import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ROLES, type Role } from '@redmet/contracts';
import { PlatformEnvironment } from '../config/platform.environment';
import { Principal } from './principal';

export const TOKEN_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];
const VERIFIED_CACHE_SIZE = 10_000;

function keySource(location: string): JWTVerifyGetKey {
  if (/^https?:\/\//.test(location)) return createRemoteJWKSet(new URL(location), { cooldownDuration: 30_000 });
  return createLocalJWKSet(JSON.parse(readFileSync(resolve(location), 'utf8')));
}

/** Tries each configured key set in turn: the gateway's, then an external identity provider's. */
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

/**
 * Checks bearer tokens itself (signature, issuer, audience, expiry) so that a
 * request that bypasses the gateway is refused just the same.
 */
@Injectable()
export class TokenVerifier implements OnModuleInit {
  private keys: JWTVerifyGetKey;
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly environment: PlatformEnvironment) {}

  onModuleInit(): void {
    this.keys = anyOf(this.environment.AUTH_JWKS.split(',').map((location) => keySource(location.trim())));
  }

  /**
   * A token already verified is trusted until it expires: the signature check
   * costs more than most handlers, and a client sends the same token many times.
   */
  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: this.environment.AUTH_ISSUERS.split(',').map((issuer) => issuer.trim()),
      audience: this.environment.AUTH_AUDIENCE,
      algorithms: TOKEN_ALGORITHMS,
    });
    const principal = this.toPrincipal(payload);
    if (payload.exp) this.remember(token, principal, payload.exp * 1000);
    return principal;
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

  private toPrincipal(payload: JWTPayload): Principal {
    const claimed = payload[this.environment.AUTH_ROLES_CLAIM];
    const roles = (Array.isArray(claimed) ? claimed : []).filter((role): role is Role => ROLES.includes(role as Role));
    const company = payload[this.environment.AUTH_COMPANY_CLAIM];
    const name = typeof payload.name === 'string' ? payload.name : null;
    return new Principal(String(payload.sub ?? ''), roles, typeof company === 'string' ? company : null, name);
  }
}
