import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from '@redmet/contracts';

export interface TokenClaims {
  roles: Role[];
  companyId?: string;
  userId?: string;
  name?: string;
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

/**
 * A signing key of the test's own, published to the services as a JWKS file
 * (AUTH_JWKS), so tests call the APIs with real tokens as the gateway issues them.
 */
export class TestAuth {
  private readonly privateKey;
  private readonly kid = randomUUID();
  readonly jwksFile: string;
  /** The private JWK, for a gateway under test to sign with. */
  readonly signingKeyFile: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const folder = mkdtempSync(join(tmpdir(), 'redmet-auth-'));
    this.jwksFile = join(folder, 'jwks.json');
    this.signingKeyFile = join(folder, 'signing-key.json');
    writeFileSync(
      this.signingKeyFile,
      JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: this.kid, alg: 'ES256' }),
    );
    writeFileSync(
      this.jwksFile,
      JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'ES256', use: 'sig' }] }),
    );
  }

  /** Points the services created after this call at the test's keys. */
  install(): this {
    process.env.AUTH_JWKS = this.jwksFile;
    process.env.AUTH_SIGNING_KEY_FILE = this.signingKeyFile;
    process.env.AUTH_ISSUERS = 'redmet-gateway';
    process.env.AUTH_AUDIENCE = 'redmet';
    return this;
  }

  token(claims: TokenClaims): Promise<string> {
    return new SignJWT({
      roles: claims.roles,
      ...(claims.companyId ? { company_id: claims.companyId } : {}),
      name: claims.name,
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid })
      .setSubject(claims.userId ?? randomUUID())
      .setIssuer(claims.issuer ?? 'redmet-gateway')
      .setAudience(claims.audience ?? 'redmet')
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '10m')
      .sign(this.privateKey);
  }

  async bearer(claims: TokenClaims): Promise<string> {
    return `Bearer ${await this.token(claims)}`;
  }
}
