import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTPayload, SignJWT } from 'jose';

export interface TokenOptions {
  /** Default: the stub's own issuer; another name makes a cross-signed or unknown-issuer token. */
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

/**
 * An external OpenID Connect provider as far as Redmet sees one: its JWKS
 * served over HTTP at `jwksUrl`, and tokens signed with its own key, carrying
 * whatever claims the test gives.
 */
export class IdentityProviderStub {
  readonly kid = randomUUID();
  /** How many times the JWKS was fetched. */
  jwksRequests = 0;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: object;
  private server?: Server;
  private origin = '';

  constructor(
    private readonly algorithm: 'ES256' | 'RS256',
    private readonly realm: string,
  ) {
    const { privateKey, publicKey } =
      algorithm === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, alg: algorithm, use: 'sig' };
  }

  get issuer(): string {
    return `${this.origin}/realms/${this.realm}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (req.url !== new URL(this.jwksUrl).pathname) return void res.writeHead(404).end();
      this.jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [this.publicJwk] }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  token(claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
    return new SignJWT({ sub: randomUUID(), ...claims })
      .setProtectedHeader({ alg: this.algorithm, kid: this.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'redmet')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(this.privateKey);
  }
}
