import { waitFor } from '@redmet/testing';
import { Platform } from './support/platform';

interface EmailSubscription {
  id: string;
  email: string;
  paused: boolean;
}

describe('system: an account the gateway disables or demotes stops its alert e-mails in monitoring', () => {
  const platform = new Platform(['target-monitoring', 'gateway']);

  beforeAll(async () => {
    await platform.start();
  }, 180_000);

  afterAll(async () => {
    await platform.stop();
  });

  it('pauses the subscription of a disabled or demoted analyst, and resumes it when access returns', async () => {
    const admin = await platform.auth.bearer({ roles: ['admin'], userId: 'u-system-admin' });
    const password = 'system-test-password';
    const created = await platform.call('POST', '/api/users', admin, {
      username: 'analyst.access',
      displayName: 'M. Orlova',
      password,
      roles: ['ministry_analyst'],
    });
    expect(created.status).toBe(201);
    const userId = created.body.id as string;
    const login = await fetch(`${platform.gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst.access', password }),
    });
    const analyst = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const subscribed = await platform.call('POST', '/api/monitoring/subscriptions/email', analyst, {
      email: 'm.orlova@minpromtorg.test',
    });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toMatchObject({ userId, paused: false });

    const pausedBecomes = (paused: boolean) =>
      waitFor(
        async () => {
          const { body } = await platform.call<EmailSubscription[]>(
            'GET',
            '/api/monitoring/subscriptions/email',
            admin,
          );
          const mine = body.find((subscription) => subscription.id === subscribed.body.id);
          return mine?.paused === paused;
        },
        { timeoutMs: 60_000, description: `the subscription to be ${paused ? 'paused' : 'sent again'}` },
      );

    expect((await platform.call('POST', `/api/users/${userId}/disable`, admin)).status).toBe(201);
    await pausedBecomes(true);
    expect((await platform.call('POST', `/api/users/${userId}/enable`, admin)).status).toBe(201);
    await pausedBecomes(false);
    expect(
      (await platform.call('PATCH', `/api/users/${userId}/roles`, admin, { roles: ['registry_admin'] })).status,
    ).toBe(200);
    await pausedBecomes(true);
  });
});
