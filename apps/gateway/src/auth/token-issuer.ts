import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { PlatformEnvironment } from '@redmet/platform';
import type { User } from '../users/user.entity';
import { GatewayEnvironment } from '../gateway.environment';

export const TOKEN_ISSUER = 'redmet-gateway';

/** The members of a JWK that are secret (RFC 7518: EC and RSA private parts, a symmetric key). */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

interface SigningKey {
  kid: string;
  alg: string;
  key: KeyObject;
}

/**
 * Signs short-lived access tokens with the current private key. Services check
 * them against the published JWKS, which may also hold the previous key while
 * it is rotated out (see the README: rotating JWT keys).
 */
@Injectable()
export class TokenIssuer implements OnModuleInit {
  private signing: SigningKey;
  private published: { keys: Record<string, unknown>[] };

  constructor(private readonly environment: GatewayEnvironment) {}

  /**
   * Both files are read once, here: every step of a key rotation ends with a
   * restart (deploy/OPERATIONS.md, rotating JWT keys), and the JWKS served is
   * then always the one the signing key was checked against.
   */
  onModuleInit(): void {
    this.published = this.readPublishedKeys();
    const jwk = JSON.parse(readFileSync(resolve(this.environment.AUTH_SIGNING_KEY_FILE), 'utf8'));
    if (!jwk.kid || !jwk.d) throw new Error('AUTH_SIGNING_KEY_FILE must hold a private JWK with a kid');
    this.signing = { kid: jwk.kid, alg: jwk.alg ?? 'ES256', key: createPrivateKey({ key: jwk, format: 'jwk' }) };
    this.checkPublished();
  }

  issue(user: Pick<User, 'id' | 'roles' | 'companyId' | 'displayName'>): Promise<string> {
    return new SignJWT({
      roles: user.roles,
      name: user.displayName,
      ...(user.companyId ? { company_id: user.companyId } : {}),
    })
      .setProtectedHeader({ alg: this.signing.alg, kid: this.signing.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(this.environment.AUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.environment.AUTH_TOKEN_TTL_SECONDS}s`)
      .sign(this.signing.key);
  }

  /** The JWKS services and external verifiers read, as it was at start. */
  publishedKeys(): { keys: Record<string, unknown>[] } {
    return this.published;
  }

  /**
   * The keys in AUTH_JWKS that are files, public members only, should a file
   * hold a private key by mistake.
   */
  private readPublishedKeys(): { keys: Record<string, unknown>[] } {
    const files = (this.environment as PlatformEnvironment).AUTH_JWKS.split(',').filter((l) => !/^https?:/.test(l));
    const keys: Record<string, unknown>[] = files.flatMap(
      (file) => JSON.parse(readFileSync(resolve(file.trim()), 'utf8')).keys ?? [],
    );
    return {
      keys: keys.map((key) => Object.fromEntries(Object.entries(key).filter(([name]) => !PRIVATE_MEMBERS.has(name)))),
    };
  }

  /**
   * Services refuse a token whose key is not in their JWKS: signing with a key
   * the JWKS lacks (a rotation's steps done out of order) would sign everyone
   * out. Refused at start instead, so a rolling update stops at the first
   * new gateway while the others keep signing.
   */
  private checkPublished(): void {
    const own = createPublicKey(this.signing.key).export({ format: 'jwk' });
    const published = this.published.keys.find((key) => key.kid === this.signing.kid);
    if (!published || Object.entries(own).some(([name, value]) => published[name] !== value)) {
      throw new Error(
        `AUTH_SIGNING_KEY_FILE: the public half of key ${this.signing.kid} is not in AUTH_JWKS under that kid; services would refuse every token it signs`,
      );
    }
  }
}
