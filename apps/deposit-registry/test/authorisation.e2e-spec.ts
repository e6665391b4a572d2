import request from 'supertest';
import { TestAuth } from '@redmet/testing';
import { randomInn } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

describe('registry: who may read and change it', () => {
  let registry: RegistryTestApp;
  const anonymous = () => request(registry.app.getHttpServer());
  const company = () => ({ legalName: 'Arctic Lithium JSC', inn: randomInn() });

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  it('refuses a request without a token with 401 and a problem body', async () => {
    const response = await anonymous().get('/deposits').expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401 });
  });

  it.each([
    ['signed by a key it does not trust', () => new TestAuth().token({ roles: ['admin'] })],
    ['expired', () => registry.auth.token({ roles: ['admin'], expiresIn: '-1m' })],
    ['for another audience', () => registry.auth.token({ roles: ['admin'], audience: 'someone-else' })],
    ['from an unknown issuer', () => registry.auth.token({ roles: ['admin'], issuer: 'https://evil.example' })],
  ])('refuses a token %s', async (_, token) => {
    const response = await anonymous()
      .get('/deposits')
      .set('authorization', `Bearer ${await token()}`)
      .expect(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('lets a producer read the registry but not change it, and writes nothing', async () => {
    const producer = await registry.auth.bearer({
      roles: ['producer'],
      companyId: '8b1f2f5c-3c1a-4f43-9d7e-4f5a1c2b3d4e',
    });
    await anonymous().get('/products').set('authorization', producer).expect(200);
    const before = await registry.count('company', 'outbox_message');

    const response = await anonymous().post('/companies').set('authorization', producer).send(company()).expect(403);

    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_REQUIRED' });
    expect(await registry.count('company', 'outbox_message')).toEqual(before);
  });

  it.each([['registry_admin'], ['admin']] as const)('lets a %s change it', async (role) => {
    const bearer = await registry.auth.bearer({ roles: [role] });
    await anonymous().post('/companies').set('authorization', bearer).send(company()).expect(201);
  });

  it('keeps health and metrics open for probes and Prometheus', async () => {
    await anonymous().get('/health/live').expect(200);
    const metrics = await anonymous().get('/metrics').expect(200);
    expect(metrics.text).toContain('redmet_http_request_duration_seconds');
  });
});
