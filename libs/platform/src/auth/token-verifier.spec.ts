import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JWTPayload, SignJWT } from 'jose';
import { TestAuth } from '@redmet/testing';
import { PlatformEnvironment } from '../config/platform.environment';
import { type IdentityProviderSettings, providerUserIdSuffix } from './identity-providers';
import { TokenVerifier, UnknownIssuerError } from './token-verifier';

function verifierFor(auth: TestAuth, providers: IdentityProviderSettings[] = []): TokenVerifier {
  const environment = Object.assign(new PlatformEnvironment(), { AUTH_JWKS: auth.jwksFile, AUTH_PROVIDERS: providers });
  const verifier = new TokenVerifier(environment);
  verifier.onModuleInit();
  return verifier;
}

/** An external provider's signing key, its JWKS in a file, and tokens with whatever claims it puts in them. */
class ProviderKey {
  readonly kid = randomUUID();
  readonly jwksFile: string;
  private readonly privateKey: KeyObject;

  constructor(readonly issuer: string) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.jwksFile = join(mkdtempSync(join(tmpdir(), 'redmet-idp-')), 'jwks.json');
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'ES256', use: 'sig' };
    writeFileSync(this.jwksFile, JSON.stringify({ keys: [jwk] }));
  }

  token(claims: JWTPayload, options: { issuer?: string; audience?: string; expiresIn?: string } = {}): Promise<string> {
    const jwt = new SignJWT({ sub: randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'redmet')
      .setIssuedAt();
    if (options.expiresIn !== 'never') jwt.setExpirationTime(options.expiresIn ?? '5m');
    return jwt.sign(this.privateKey);
  }
}

describe('TokenVerifier', () => {
  const auth = new TestAuth();
  const verifier = verifierFor(auth);

  it('reads roles, company and name from a valid token', async () => {
    const token = await auth.token({
      roles: ['producer', 'not-a-role' as never],
      companyId: '3f1c2a4e-8b6d-4c2a-9e1f-5a7b9c0d1e21',
      userId: 'u-1',
      name: 'A. Petrova',
    });
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({
      userId: 'u-1',
      roles: ['producer'],
      companyId: '3f1c2a4e-8b6d-4c2a-9e1f-5a7b9c0d1e21',
      name: 'A. Petrova',
    });
  });

  it('answers a token again from memory, and still refuses every other token', async () => {
    const token = await auth.token({ roles: ['admin'] });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    const tampered = `${token.slice(0, -4)}AAAA`;
    await expect(verifier.verify(tampered)).rejects.toThrow();
  });

  it('refuses an expired token, a foreign key, another audience and another issuer', async () => {
    await expect(verifier.verify(await auth.token({ roles: ['admin'], expiresIn: '-5m' }))).rejects.toThrow();
    await expect(verifier.verify(await new TestAuth().token({ roles: ['admin'] }))).rejects.toThrow();
    await expect(verifier.verify(await auth.token({ roles: ['admin'], audience: 'other' }))).rejects.toThrow();
    await expect(verifier.verify(await auth.token({ roles: ['admin'], issuer: 'other' }))).rejects.toThrow(
      UnknownIssuerError,
    );
    await expect(verifier.verify('not a token')).rejects.toThrow();
  });
});

describe('TokenVerifier with external identity providers', () => {
  const gateway = new TestAuth();
  const ministry = new ProviderKey('https://sso.minprom.example/realms/staff');
  const region = new ProviderKey('https://idp.region.example');
  const verifier = verifierFor(gateway, [
    {
      issuer: ministry.issuer,
      jwks: ministry.jwksFile,
      rolesClaim: 'realm_access.roles',
      companyClaim: 'org_id',
      subjectClaim: 'preferred_username',
      nameClaim: 'given_name',
      roleMap: { analyst: 'ministry_analyst', chief: ['ministry_analyst', 'admin'], 'subsidy-desk': 'subsidy_officer' },
    },
    { issuer: region.issuer, jwks: region.jwksFile, audience: 'redmet-region', rolesClaim: 'https://redmet/roles' },
  ]);

  it("reads each provider's tokens with its own claim names and role names", async () => {
    const analyst = await ministry.token({
      preferred_username: 'i.orlova',
      given_name: 'Irina',
      // Only names the role map lists count, even one that happens to be a Redmet role.
      realm_access: { roles: ['analyst', 'chief', 'offline_access', 'admin'] },
    });
    expect(await verifier.verify(analyst)).toMatchObject({
      userId: `i.orlova${providerUserIdSuffix(ministry.issuer)}`,
      name: 'Irina',
      roles: ['ministry_analyst', 'admin'],
      companyId: null,
    });
    const producer = await region.token(
      {
        sub: 'p-7',
        'https://redmet/roles': 'producer unknown_role',
        company_id: '7e2d4b6a-1c3e-4f5a-8b9c-0d1e2f3a4b57',
      },
      { audience: 'redmet-region' },
    );
    expect(await verifier.verify(producer)).toMatchObject({
      userId: `p-7${providerUserIdSuffix(region.issuer)}`,
      roles: ['producer'],
      companyId: '7e2d4b6a-1c3e-4f5a-8b9c-0d1e2f3a4b57',
    });
  });

  it('keeps accepting the gateway’s own tokens', async () => {
    const token = await gateway.token({ roles: ['registry_admin'], userId: 'u-9' });
    expect(await verifier.verify(token)).toMatchObject({ userId: 'u-9', roles: ['registry_admin'] });
  });

  it("tells apart users of two providers and the gateway's account who share a subject", async () => {
    const account = randomUUID();
    const ids = [
      (await verifier.verify(await gateway.token({ roles: ['admin'], userId: account }))).userId,
      (await verifier.verify(await ministry.token({ preferred_username: account }))).userId,
      (await verifier.verify(await region.token({ sub: account }, { audience: 'redmet-region' }))).userId,
    ];
    expect(ids[0]).toBe(account);
    expect(new Set(ids).size).toBe(3);
    for (const external of ids.slice(1)) expect(external.startsWith(`${account}@`)).toBe(true);
  });

  it("allows for a provider's clock a few seconds off ours, but not minutes", async () => {
    const now = Math.floor(Date.now() / 1000);
    const user = { preferred_username: 'i.orlova' };
    const userId = `i.orlova${providerUserIdSuffix(ministry.issuer)}`;
    expect(await verifier.verify(await ministry.token({ ...user, nbf: now + 5 }))).toMatchObject({ userId });
    await expect(verifier.verify(await ministry.token({ ...user, nbf: now + 300 }))).rejects.toThrow(/"nbf"/);
    expect(await verifier.verify(await ministry.token(user, { expiresIn: '-5s' }))).toMatchObject({ userId });
    await expect(verifier.verify(await ministry.token(user, { expiresIn: '-5m' }))).rejects.toThrow(/"exp"/);
  });

  it('verifies a token only with the keys of the issuer it names', async () => {
    // Signed by the ministry's key in the region's name, and the other way round.
    const crossSigned = await ministry.token({ 'https://redmet/roles': ['admin'] }, { issuer: region.issuer });
    await expect(verifier.verify(crossSigned)).rejects.toThrow();
    await expect(
      verifier.verify(await region.token({ roles: ['admin'] }, { issuer: 'redmet-gateway' })),
    ).rejects.toThrow();
    const asMinistry = await gateway.token({ roles: ['admin'], issuer: ministry.issuer });
    await expect(verifier.verify(asMinistry)).rejects.toThrow();
  });

  it("checks each provider's audience, and refuses unknown issuers, expired tokens and tokens naming nobody", async () => {
    await expect(verifier.verify(await region.token({}, { audience: 'redmet' }))).rejects.toThrow();
    await expect(verifier.verify(await ministry.token({}, { audience: 'redmet-region' }))).rejects.toThrow();
    await expect(verifier.verify(await ministry.token({}, { issuer: 'https://evil.example' }))).rejects.toThrow(
      UnknownIssuerError,
    );
    await expect(
      verifier.verify(await ministry.token({ preferred_username: 'x' }, { expiresIn: '-5m' })),
    ).rejects.toThrow();
    await expect(
      verifier.verify(await ministry.token({ preferred_username: 'x' }, { expiresIn: 'never' })),
    ).rejects.toThrow();
    await expect(verifier.verify(await ministry.token({}))).rejects.toThrow(/preferred_username/);
  });
});
