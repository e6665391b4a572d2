import { Platform } from './support/platform';
import { randomInn } from './support/registry-data';

describe('system: the registry behind the gateway, as separate processes', () => {
  const platform = new Platform(['deposit-registry', 'gateway']);

  beforeAll(async () => {
    await platform.start();
  }, 180_000);

  afterAll(async () => {
    await platform.stop();
  });

  const login = async (username: string, roles: ('admin' | 'registry_admin' | 'producer')[], companyId?: string) => {
    const admin = await platform.auth.bearer({ roles: ['admin'] });
    const password = 'system-test-password';
    const created = await fetch(`${platform.gatewayUrl}/api/users`, {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username, displayName: username, password, roles, companyId }),
    });
    expect(created.status).toBe(201);
    const tokens = await fetch(`${platform.gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return `Bearer ${((await tokens.json()) as { accessToken: string }).accessToken}`;
  };

  it('lets a registry administrator who logged in at the gateway register a company through it', async () => {
    const bearer = await login('registry.system', ['registry_admin']);
    const response = await fetch(`${platform.gatewayUrl}/api/registry/companies`, {
      method: 'POST',
      headers: { authorization: bearer, 'content-type': 'application/json', 'x-correlation-id': 'system-test-1' },
      body: JSON.stringify({ legalName: 'Arctic Lithium JSC', inn: randomInn() }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('system-test-1');
  });

  it('refuses, at the service, a producer who tries to change the registry through the gateway', async () => {
    const bearer = await login('producer.system', ['producer'], '0b7c0c1e-4c8b-4a2e-9d55-3f6f0a1b2c3d');
    const response = await fetch(`${platform.gatewayUrl}/api/registry/companies`, {
      method: 'POST',
      headers: { authorization: bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ legalName: 'Somebody Else LLC', inn: randomInn() }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH.ROLE_REQUIRED');
  });

  it('answers 503 for a service that is down, and serves again once it is back', async () => {
    const bearer = await platform.auth.bearer({ roles: ['ministry_analyst'] });
    await platform.kill('deposit-registry');
    const down = await fetch(`${platform.gatewayUrl}/api/registry/products`, { headers: { authorization: bearer } });
    expect(down.status).toBe(503);

    await platform.restart('deposit-registry');
    const back = await fetch(`${platform.gatewayUrl}/api/registry/products`, { headers: { authorization: bearer } });
    expect(back.status).toBe(200);
  });
});
