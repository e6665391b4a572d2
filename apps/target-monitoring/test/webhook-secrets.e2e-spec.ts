import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BudgetReserved } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { SecretSealer } from '../src/delivery/secret-sealing';
import { SIGNING_SECRETS, WebhookSecrets } from '../src/delivery/webhook-secrets';
import { verifyWebhook } from '../src/delivery/webhook-signature';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { type ReceivedHook, startHookReceiver } from './support/receivers';

jest.setTimeout(180_000);

const BUDGET_ONLY = { ruleIds: ['subsidy.budget_utilisation'] };
const HOUR_MS = 3_600_000;
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('webhook signing secrets: sealed at rest, rotated without a gap', () => {
  const [current, older] = [key('current'), key('older')];
  const keysDirectory = mkdtempSync(path.join(tmpdir(), 'redmet-webhook-keys-'));
  let monitoring: MonitoringTestApp;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeAll(async () => {
    receiver = await startHookReceiver(204);
    const keysFile = path.join(keysDirectory, 'keys');
    // As after `generate-webhook-keys.mjs --rotate`: the new key first, the one it replaces after it.
    writeFileSync(keysFile, `${current}\n${older}\n`, { mode: 0o600 });
    monitoring = await startMonitoring({ WEBHOOK_SECRET_KEYS_FILE: keysFile });
  });

  afterAll(async () => {
    await monitoring.close();
    await receiver.close();
    rmSync(keysDirectory, { recursive: true, force: true });
  });

  let nextYear = 2030;
  /** Raises a budget alert of its own and returns what the receiver got for it at `url`. */
  async function alertDelivered(url: string): Promise<ReceivedHook> {
    const year = nextYear++;
    const budget = { ...samplePayload(BudgetReserved), programmeYear: year, claimId: randomUUID() };
    await monitoring.processed(
      await monitoring.publish(BudgetReserved, String(year), { ...budget, utilisationPercent: '97.00' }),
    );
    return waitFor(
      async () =>
        receiver.hooks.find((hook) => hook.path === new URL(url).pathname && hook.body.includes(`budget:${year}`)),
      PATIENTLY,
    );
  }

  const signature = (hook: ReceivedHook) => String(hook.headers['x-redmet-signature']);
  const verifies = (secret: string, hook: ReceivedHook) =>
    verifyWebhook(secret, hook.body, signature(hook), new Date());
  /** A webhook at `<receiver>/<name>`, registered by an administrator: its answer, with the secret shown once. */
  async function registered(name: string, description: string): Promise<{ id: string; url: string; secret: string }> {
    const admin = await monitoring.http('admin');
    const url = `${receiver.url}/${name}`;
    return (
      await admin
        .post('/subscriptions/webhooks')
        .send({ url, description, ...BUDGET_ONLY })
        .expect(201)
    ).body;
  }
  /** The webhook as the administrators' list shows it. */
  async function listed(id: string) {
    const { body } = await (await monitoring.http('admin')).get('/subscriptions/webhooks').expect(200);
    return body.find((webhook: { id: string }) => webhook.id === id);
  }
  const secretsOf = (id: string) =>
    monitoring.query<{ sealed: string }>('SELECT sealed FROM webhook_secret WHERE subscription_id = $1', [id]);

  it('keeps a secret only sealed under the current key, and signs with it', async () => {
    const { id, url, secret } = await registered('sealed', 'Customs service');
    const [stored] = await monitoring.query('SELECT secret FROM webhook_subscription WHERE id = $1', [id]);
    expect(stored).toEqual({ secret: null });
    const sealed = await secretsOf(id);
    expect(sealed).toHaveLength(1);
    expect(sealed[0].sealed.startsWith('current.')).toBe(true);
    expect(sealed[0].sealed).not.toContain(secret);

    const hook = await alertDelivered(url);
    expect(signature(hook)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(secret, hook)).toBe(true);
  });

  it('rotates a secret: both sign while they overlap, and a rotation for a leaked one stops the others at once', async () => {
    const admin = await monitoring.http('admin');
    const registration = await registered('rotated', 'Statistics office');
    const { url } = registration;
    const otherAdmin = await monitoring.http('admin', { userId: 'u-admin-2' });
    const rotated = (await otherAdmin.post(`/subscriptions/webhooks/${registration.id}/secret`).send({}).expect(201))
      .body;
    expect(rotated.id).toBe(registration.id);
    expect(rotated.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.secret).not.toBe(registration.secret);
    // WEBHOOK_SECRET_OVERLAP_HOURS: 24 by default.
    expect(Date.parse(rotated.previousSecretsUntil) - Date.now()).toBeGreaterThan(23 * HOUR_MS);
    expect(Date.parse(rotated.previousSecretsUntil) - Date.now()).toBeLessThanOrEqual(24 * HOUR_MS);

    const overlapping = await alertDelivered(url);
    expect(signature(overlapping)).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifies(rotated.secret, overlapping)).toBe(true);
    expect(verifies(registration.secret, overlapping)).toBe(true);
    const overlap = await listed(registration.id);
    expect(overlap).not.toHaveProperty('secret');
    expect(overlap.previousSecretsUntil).toBe(rotated.previousSecretsUntil);
    expect(overlap.secretCreatedBy).toBe('u-admin-2');
    expect(overlap.createdBy).not.toBe('u-admin-2');

    const leaked = (
      await admin.post(`/subscriptions/webhooks/${registration.id}/secret`).send({ keepPreviousHours: 0 }).expect(201)
    ).body;
    expect(leaked.previousSecretsUntil).toBeNull();
    const after = await alertDelivered(url);
    expect(signature(after)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(leaked.secret, after)).toBe(true);
    expect(verifies(rotated.secret, after)).toBe(false);
    expect(verifies(registration.secret, after)).toBe(false);
    const revoked = await listed(registration.id);
    expect(revoked.previousSecretsUntil).toBeNull();
    expect(Date.parse(revoked.secretCreatedAt)).toBeGreaterThan(Date.parse(overlap.secretCreatedAt));
  });

  it('refuses a rotation by anyone but an administrator, with a bad overlap, or of a webhook gone, writing nothing', async () => {
    const admin = await monitoring.http('admin');
    const { id } = await registered('refused', 'Refusals');
    const analyst = await monitoring.http('ministry_analyst');
    await analyst.post(`/subscriptions/webhooks/${id}/secret`).send({}).expect(403);
    for (const keepPreviousHours of [-1, 169, 1.5, '24']) {
      const refused = await admin.post(`/subscriptions/webhooks/${id}/secret`).send({ keepPreviousHours });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'keepPreviousHours' })]);
    }
    await admin.post(`/subscriptions/webhooks/${randomUUID()}/secret`).send({}).expect(404);
    await admin.post('/subscriptions/webhooks/not-an-id/secret').send({}).expect(400);
    await admin.delete(`/subscriptions/webhooks/${id}`).expect(204);
    const gone = await admin.post(`/subscriptions/webhooks/${id}/secret`).send({});
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('SUBSCRIPTION.INACTIVE');
    expect(await secretsOf(id)).toHaveLength(1);
  });

  it('records who deactivated a webhook first, and stops its secrets signing', async () => {
    const { id } = await registered('deactivated', 'Decommissioned');
    await (await monitoring.http('admin', { userId: 'u-admin-3' })).delete(`/subscriptions/webhooks/${id}`).expect(204);
    const first = await listed(id);
    expect(first).toMatchObject({ active: false, deactivatedBy: 'u-admin-3' });
    expect(Date.parse(first.deactivatedAt)).toBeLessThanOrEqual(Date.now());
    await (await monitoring.http('admin')).delete(`/subscriptions/webhooks/${id}`).expect(204);
    expect(await listed(id)).toEqual(first);
    const [secret] = await monitoring.query<{ signs: boolean }>(
      `SELECT ${SIGNING_SECRETS('$1::uuid')} IS NOT NULL AS signs`,
      [id],
    );
    expect(secret).toEqual({ signs: false });
  });

  it('at start, seals a secret kept in plain text and one sealed under an older key anew, and both still sign', async () => {
    const url = (name: string) => `${receiver.url}/${name}`;
    const [legacy, underOlder] = [randomUUID(), randomUUID()];
    const [legacySecret, olderSecret] = ['legacy-plain-text-secret', 'secret-sealed-under-the-older-key'];
    const insert = `INSERT INTO webhook_subscription (id, url, secret, description, min_severity, rule_ids, created_by,
                                                      created_at)
                    VALUES ($1, $2, $3, 'Before sealing', 'warning', $4, 'u-admin-legacy', '2026-03-02T10:00:00Z')`;
    await monitoring.query(insert, [legacy, url('legacy'), legacySecret, BUDGET_ONLY.ruleIds]);
    await monitoring.query(insert, [underOlder, url('older'), null, BUDGET_ONLY.ruleIds]);
    await monitoring.query(
      `INSERT INTO webhook_secret (id, subscription_id, sealed, created_by) VALUES ($1, $2, $3, 'u-admin')`,
      [randomUUID(), underOlder, new SecretSealer(older).seal(olderSecret, underOlder)],
    );

    await monitoring.app.get(WebhookSecrets).onModuleInit();

    const [stored] = await monitoring.query('SELECT secret FROM webhook_subscription WHERE id = $1', [legacy]);
    expect(stored).toEqual({ secret: null });
    for (const id of [legacy, underOlder]) {
      const sealed = await secretsOf(id);
      expect(sealed).toHaveLength(1);
      expect(sealed[0].sealed.startsWith('current.')).toBe(true);
    }
    // The secret kept in plain text was made at the registration, by whoever registered the webhook.
    expect(await listed(legacy)).toMatchObject({
      secretCreatedBy: 'u-admin-legacy',
      secretCreatedAt: '2026-03-02T10:00:00.000Z',
    });
    const [legacyHook, olderHook] = await Promise.all([alertDelivered(url('legacy')), alertDelivered(url('older'))]);
    expect(verifies(legacySecret, legacyHook)).toBe(true);
    expect(verifies(olderSecret, olderHook)).toBe(true);
  });
  it('keeps the answer of a registration or rotation for a retry with its Idempotency-Key, but not the secret', async () => {
    const admin = await monitoring.http('admin');
    const registration = { url: `${receiver.url}/retried`, description: 'Retried registration', ...BUDGET_ONLY };
    const [registerKey, rotateKey] = [randomUUID(), randomUUID()];
    const first = await admin
      .post('/subscriptions/webhooks')
      .set('idempotency-key', registerKey)
      .send(registration)
      .expect(201);
    const retried = await admin
      .post('/subscriptions/webhooks')
      .set('idempotency-key', registerKey)
      .send(registration)
      .expect(201);
    expect(retried.headers['idempotency-replayed']).toBe('true');
    expect(retried.body).toEqual({ ...first.body, secret: null });
    const rotated = await admin
      .post(`/subscriptions/webhooks/${first.body.id}/secret`)
      .set('idempotency-key', rotateKey)
      .send({})
      .expect(201);
    const rotatedAgain = await admin
      .post(`/subscriptions/webhooks/${first.body.id}/secret`)
      .set('idempotency-key', rotateKey)
      .send({})
      .expect(201);
    expect(rotatedAgain.body).toEqual({ ...rotated.body, secret: null });
    expect(await secretsOf(first.body.id)).toHaveLength(2);

    const kept = await monitoring.query<{ body: unknown }>(
      'SELECT body FROM idempotent_request WHERE idempotency_key = ANY ($1)',
      [[registerKey, rotateKey]],
    );
    expect(kept).toHaveLength(2);
    for (const secret of [first.body.secret, rotated.body.secret]) {
      expect(JSON.stringify(kept)).not.toContain(secret);
    }
  });

  it('retires a secret an older instance kept in plain text with the others, and drops retired secrets at start', async () => {
    const admin = await monitoring.http('admin');
    const url = `${receiver.url}/plain-then-rotated`;
    const id = randomUUID();
    const plainSecret = 'kept-in-plain-text-by-an-older-instance';
    // As an instance of the version before sealing registers it during a rolling update.
    await monitoring.query(
      `INSERT INTO webhook_subscription (id, url, secret, description, min_severity, rule_ids, created_by)
       VALUES ($1, $2, $3, 'Registered by an older instance', 'warning', $4, 'u-admin')`,
      [id, url, plainSecret, BUDGET_ONLY.ruleIds],
    );
    const leaked = (await admin.post(`/subscriptions/webhooks/${id}/secret`).send({ keepPreviousHours: 0 }).expect(201))
      .body;
    expect(leaked.previousSecretsUntil).toBeNull();
    const [stored] = await monitoring.query('SELECT secret FROM webhook_subscription WHERE id = $1', [id]);
    expect(stored).toEqual({ secret: null });

    await monitoring.app.get(WebhookSecrets).onModuleInit();

    expect(await secretsOf(id)).toHaveLength(1);
    const hook = await alertDelivered(url);
    expect(signature(hook)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(leaked.secret, hook)).toBe(true);
    expect(verifies(plainSecret, hook)).toBe(false);
  });
});
