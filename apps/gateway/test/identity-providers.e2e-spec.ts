import { randomUUID } from 'node:crypto';
import { providerUserIdSuffix } from '@redmet/platform';
import { type GatewayTestApp, startGateway } from './support/gateway-app';
import { IdentityProviderStub } from './support/identity-provider-stub';

/**
 * Two external OpenID Connect providers, each with its own keys (served over
 * HTTP) and claim names, trusted beside the gateway's own tokens. The gateway's
 * routes check tokens with the same verifier as every service.
 */
describe('gateway: tokens of external identity providers', () => {
  let gateway: GatewayTestApp;
  // A Keycloak-like realm for ministry staff: roles nested, its own role names, RS256.
  const ministry = new IdentityProviderStub('RS256', 'ministry');
  // A regional provider for producers: flat claims named its way, an audience of its own, ES256.
  const region = new IdentityProviderStub('ES256', 'region');
  const companyId = randomUUID();

  const me = (token: string) => gateway.http().get('/api/auth/me').set('authorization', `Bearer ${token}`);
  const expectRefused = async (token: string) => {
    const response = await me(token).expect(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
  };

  beforeAll(async () => {
    await Promise.all([ministry.start(), region.start()]);
    gateway = await startGateway({
      AUTH_PROVIDERS: JSON.stringify([
        {
          issuer: ministry.issuer,
          jwks: ministry.jwksUrl,
          rolesClaim: 'realm_access.roles',
          subjectClaim: 'preferred_username',
          roleMap: { 'minprom-analyst': 'ministry_analyst', 'minprom-admin': ['admin', 'ministry_analyst'] },
        },
        {
          issuer: region.issuer,
          jwks: region.jwksUrl,
          audience: 'redmet-region',
          rolesClaim: 'groups',
          companyClaim: 'org',
          nameClaim: 'display_name',
        },
      ]),
    });
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([ministry.stop(), region.stop()]);
  });

  it("accepts each provider's tokens with the roles and company its claims give", async () => {
    const analyst = await ministry.token({
      preferred_username: 'i.orlova',
      name: 'Irina Orlova',
      realm_access: { roles: ['minprom-analyst', 'offline_access', 'admin'] },
    });
    expect((await me(analyst).expect(200)).body).toEqual({
      userId: `i.orlova${providerUserIdSuffix(ministry.issuer)}`,
      name: 'Irina Orlova',
      roles: ['ministry_analyst'],
      companyId: null,
    });

    const producer = await region.token(
      { sub: 'p-17', display_name: 'Lovozero GOK', groups: ['producer', 'staff'], org: companyId },
      { audience: 'redmet-region' },
    );
    expect((await me(producer).expect(200)).body).toEqual({
      userId: `p-17${providerUserIdSuffix(region.issuer)}`,
      name: 'Lovozero GOK',
      roles: ['producer'],
      companyId,
    });
    expect(ministry.jwksRequests).toBeGreaterThanOrEqual(1);
    expect(region.jwksRequests).toBeGreaterThanOrEqual(1);
  });

  it('enforces the mapped roles: only an admin of the provider reaches the account routes', async () => {
    const admin = await ministry.token({ preferred_username: 'chief', realm_access: { roles: ['minprom-admin'] } });
    const analyst = await ministry.token({ preferred_username: 'staff', realm_access: { roles: ['minprom-analyst'] } });
    await gateway.http().get('/api/users').set('authorization', `Bearer ${admin}`).expect(200);
    const refused = await gateway.http().get('/api/users').set('authorization', `Bearer ${analyst}`).expect(403);
    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
  });

  it("takes a provider's user for no gateway account, not even one whose id is the user's subject", async () => {
    const account = await gateway.createUser('analyst.same-subject', 'correct horse battery', ['ministry_analyst']);
    const admin = await ministry.token({ preferred_username: account, realm_access: { roles: ['minprom-admin'] } });
    // The account is no admin: taken for it, the provider's admin would be refused the account routes.
    await gateway.http().get('/api/users').set('authorization', `Bearer ${admin}`).expect(200);
    expect((await me(admin).expect(200)).body.userId).toBe(`${account}${providerUserIdSuffix(ministry.issuer)}`);
  });

  it('keeps accepting the gateway’s own tokens', async () => {
    const token = await gateway.auth.token({ roles: ['registry_admin'], userId: 'u-1' });
    expect((await me(token).expect(200)).body).toMatchObject({ userId: 'u-1', roles: ['registry_admin'] });
  });

  it("refuses a token signed with another provider's key, in either direction, or with the gateway's", async () => {
    const claims = { preferred_username: 'mallory', realm_access: { roles: ['minprom-admin'] }, groups: ['admin'] };
    await expectRefused(await region.token(claims, { issuer: ministry.issuer }));
    await expectRefused(await ministry.token(claims, { issuer: region.issuer, audience: 'redmet-region' }));
    await expectRefused(await gateway.auth.token({ roles: ['admin'], issuer: ministry.issuer }));
    await expectRefused(await ministry.token(claims, { issuer: 'redmet-gateway' }));
  });

  it('refuses a wrong audience, an expired token and an unknown issuer', async () => {
    const producer = { groups: ['producer'], org: companyId };
    await expectRefused(await region.token(producer, { audience: 'redmet' }));
    await expectRefused(await region.token(producer, { audience: 'redmet-region', expiresIn: '-5m' }));
    await expectRefused(
      await region.token(producer, { audience: 'redmet-region', issuer: 'https://idp.unknown.example' }),
    );
  });
});
