import { TestAuth } from '@redmet/testing';
import { PlatformEnvironment } from '../config/platform.environment';
import { TokenVerifier } from './token-verifier';

function verifierFor(auth: TestAuth): TokenVerifier {
  const environment = Object.assign(new PlatformEnvironment(), { AUTH_JWKS: auth.jwksFile });
  const verifier = new TokenVerifier(environment);
  verifier.onModuleInit();
  return verifier;
}

describe('TokenVerifier', () => {
  const auth = new TestAuth();
  const verifier = verifierFor(auth);

  it('reads roles, company and name from a valid token', async () => {
    const token = await auth.token({
      roles: ['producer', 'not-a-role' as never],
      companyId: 'c-1',
      userId: 'u-1',
      name: 'A. Petrova',
    });
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({ userId: 'u-1', roles: ['producer'], companyId: 'c-1', name: 'A. Petrova' });
  });

  it('answers a token again from memory, and still refuses every other token', async () => {
    const token = await auth.token({ roles: ['admin'] });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    const tampered = `${token.slice(0, -4)}AAAA`;
    await expect(verifier.verify(tampered)).rejects.toThrow();
  });

  it('refuses an expired token, a foreign key, another audience and another issuer', async () => {
    await expect(verifier.verify(await auth.token({ roles: ['admin'], expiresIn: '-1s' }))).rejects.toThrow();
    await expect(verifier.verify(await new TestAuth().token({ roles: ['admin'] }))).rejects.toThrow();
    await expect(verifier.verify(await auth.token({ roles: ['admin'], audience: 'other' }))).rejects.toThrow();
    await expect(verifier.verify(await auth.token({ roles: ['admin'], issuer: 'other' }))).rejects.toThrow();
  });
});
