import {
  type EventEnvelope,
  LicenceExpired,
  LicenceExpiring,
  LicenceIssued,
  LicenceReinstated,
  LicenceRevoked,
  type LicenceStatusChangePayload,
  LicenceSuspended,
  parseEnvelope,
  parsePayload,
  TOPICS,
} from '@redmet/contracts';
import { licenceCoverage, type LicenceStatusRecord } from '@redmet/registry-view';
import { readTopic } from '@redmet/testing';
import { LicenceExpiryService } from '../src/licences/licence-expiry.service';
import { createCompany, createLicence } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['licence', 'licence_status_change', 'licence_expiry_notice', 'outbox_message'];

/** Annulling a licence's expiry (by recording its extension) or its revocation. */
describe('reopening a licence closed in error', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const runCheckOn = (day: string) => registry.app.get(LicenceExpiryService).runCheck(new Date(`${day}T06:00:00Z`));
  const post = (path: string, body: object) => registry.http().post(path).send(body);
  const endingOn = (validTo: string) => createLicence(registry, { validFrom: '2020-01-01', validTo });

  /** Every version of the licence as published on Kafka, for the coverage the consuming services read from them. */
  const published = async (licenceId: string, count: number) => {
    const messages = await readTopic(
      TOPICS.registryLicence.name,
      (message) => message.key === licenceId,
      (found) => found.length === count,
    );
    return messages.map((message) => {
      const envelope = parseEnvelope(JSON.parse(message.value ?? 'null'));
      if (!envelope.ok) throw new Error(envelope.errors.join('; '));
      return envelope.event as EventEnvelope<LicenceStatusChangePayload>;
    });
  };
  const coverage = (events: EventEnvelope<LicenceStatusChangePayload>[], start: string, end: string) =>
    licenceCoverage(
      events.map(({ payload }): LicenceStatusRecord => payload),
      start,
      end,
    );

  it('moves the status date with the start of validity after an annulled revocation, the issued status holding again', async () => {
    const licence = await createLicence(registry, { validFrom: '2020-01-01', validTo: '2040-12-31' });
    await post(`/licences/${licence.id}/revoke`, { reason: 'Order No. 9', effectiveOn: '2025-06-01' });
    await post(`/licences/${licence.id}/annul-revocation`, { reason: 'Order No. 9 cancelled' });

    const amended = await registry.http().patch(`/licences/${licence.id}`).send({ validFrom: '2020-03-01' });

    expect(amended.body).toMatchObject({ validFrom: '2020-03-01', status: 'active', statusSince: '2020-03-01' });
    const events = await published(licence.id, 4);
    expect(events[3].payload).toMatchObject({ validFrom: '2020-03-01', statusSince: '2020-03-01' });
    const early = await post(`/licences/${licence.id}/suspend`, { reason: 'test', effectiveOn: '2020-02-01' });
    expect([early.status, early.body.code]).toEqual([422, 'LICENCE.INVALID_EFFECTIVE_DATE']);
    const earlier = await registry.http().patch(`/licences/${licence.id}`).send({ validFrom: '2019-07-01' });
    expect(earlier.body).toMatchObject({ validFrom: '2019-07-01', statusSince: '2019-07-01' });
  });

  it('keeps the status date when the start moves after an annulled expiry under a suspension', async () => {
    const licence = await endingOn('2026-03-31');
    await post(`/licences/${licence.id}/suspend`, { reason: 'Safety inspection', effectiveOn: '2025-05-01' });
    await runCheckOn('2026-04-01');
    await post(`/licences/${licence.id}/extend`, { validTo: '2028-05-31', reason: 'Extended' });

    const amended = await registry.http().patch(`/licences/${licence.id}`).send({ validFrom: '2020-02-01' });

    expect(amended.body).toMatchObject({ validFrom: '2020-02-01', status: 'suspended', statusSince: '2025-05-01' });
  });

  it('records an extension signed before the end but entered after the expiry: active again as if it never lapsed', async () => {
    const licence = await endingOn('2026-03-31');
    await runCheckOn('2026-04-01');
    const reason = 'Extension order No. 45 of 28 March 2026';

    // What the registry answered before: the licence could be neither amended nor entered again.
    const amended = await registry.http().patch(`/licences/${licence.id}`).send({ validTo: '2031-03-31' });
    expect(amended.status).toBe(409);
    expect(amended.body.detail).toContain(`/licences/:id/extend`);

    const response = await post(`/licences/${licence.id}/extend`, { validTo: '2031-03-31', reason });

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"3"');
    expect(response.body).toMatchObject({
      validTo: '2031-03-31',
      status: 'active',
      statusSince: '2020-01-01',
      version: 3,
    });
    const history = await registry.http().get(`/licences/${licence.id}/history`);
    expect(history.body.slice(1)).toEqual([
      expect.objectContaining({ fromStatus: 'active', toStatus: 'expired', effectiveOn: '2026-04-01' }),
      expect.objectContaining({ fromStatus: 'expired', toStatus: 'active', effectiveOn: '2026-04-01', reason }),
    ]);

    const events = await published(licence.id, 3);
    expect(events.map((event) => event.type)).toEqual([
      LicenceIssued.type,
      LicenceExpired.type,
      LicenceReinstated.type,
    ]);
    const reinstated = parsePayload(events[2], LicenceReinstated);
    if (!reinstated.ok) throw new Error(reinstated.errors.join('; '));
    expect(reinstated.event.payload).toMatchObject({
      previousStatus: 'expired',
      reason,
      status: 'active',
      statusSince: '2020-01-01',
      validTo: '2031-03-31',
    });
    // Reports and claims for months across the old end read the licence as in force throughout.
    expect(coverage(events, '2026-03-15', '2026-04-14')).toEqual({ state: 'active' });
    expect(coverage(events, '2026-04-01', '2026-06-30')).toEqual({ state: 'active' });

    // The new end has notices of its own, and the expiry check leaves the licence alone until then.
    await runCheckOn('2030-10-02');
    expect(await registry.eventsOf(licence.id)).toEqual([
      LicenceIssued.type,
      LicenceExpired.type,
      LicenceReinstated.type,
      LicenceExpiring.type,
    ]);
  });

  it('gives a licence suspended when it expired its suspension back, since the day it was suspended', async () => {
    const licence = await endingOn('2026-05-31');
    await post(`/licences/${licence.id}/suspend`, { reason: 'Safety inspection', effectiveOn: '2025-05-01' });
    await runCheckOn('2026-06-01');

    const response = await post(`/licences/${licence.id}/extend`, { validTo: '2028-05-31', reason: 'Extended' });

    expect(response.body).toMatchObject({ status: 'suspended', statusSince: '2025-05-01', version: 4 });
    const events = await published(licence.id, 4);
    expect(events.map((event) => event.type).slice(2)).toEqual([LicenceExpired.type, LicenceSuspended.type]);
    expect(events[3].payload).toMatchObject({ previousStatus: 'expired', reason: 'Extended' });
  });

  it('annuls a revocation with its reason: active again from before it, the revocation kept in the history', async () => {
    const licence = await createLicence(registry, { validFrom: '2020-01-01', validTo: '2040-12-31' });
    await post(`/licences/${licence.id}/revoke`, { reason: 'Order No. 7', effectiveOn: '2026-02-10' });
    const reason = 'Order No. 7 cancelled by the Arbitration Court, case A42-1234/2026';

    const response = await post(`/licences/${licence.id}/annul-revocation`, { reason });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active', statusSince: '2020-01-01', version: 3 });
    const history = await registry.http().get(`/licences/${licence.id}/history`);
    expect(history.body.at(-1)).toMatchObject({
      fromStatus: 'revoked',
      toStatus: 'active',
      effectiveOn: '2026-02-10',
      reason,
    });
    const events = await published(licence.id, 3);
    expect(events.map((event) => event.type)).toEqual([
      LicenceIssued.type,
      LicenceRevoked.type,
      LicenceReinstated.type,
    ]);
    expect(events[2].payload).toMatchObject({ previousStatus: 'revoked', reason });
    expect(coverage(events, '2026-01-01', '2026-03-31')).toEqual({ state: 'active' });
  });

  it.each([
    ['extend an active licence', 'extend', 'active', { validTo: '2050-01-01', reason: 'x' }],
    ['extend a revoked licence', 'extend', 'revoked', { validTo: '2050-01-01', reason: 'x' }],
    ['annul the revocation of an active licence', 'annul-revocation', 'active', { reason: 'x' }],
    ['annul the revocation of an expired licence', 'annul-revocation', 'expired', { reason: 'x' }],
  ])('refuses to %s with 409, and writes nothing', async (_, command, status, body) => {
    const licence = await createLicence(registry, { validFrom: '2020-01-01', validTo: '2026-07-31' });
    if (status === 'revoked') await post(`/licences/${licence.id}/revoke`, { reason: 'x', effectiveOn: '2026-07-01' });
    if (status === 'expired') await runCheckOn('2026-08-01');
    const before = await registry.count(...TABLES);

    const response = await post(`/licences/${licence.id}/${command}`, body);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'LICENCE.ILLEGAL_TRANSITION' });
    expect(await registry.count(...TABLES)).toEqual(before);
  });

  it('refuses an extension that ends no later than the expired validity with 422 naming validTo', async () => {
    const licence = await endingOn('2026-08-31');
    await runCheckOn('2026-09-01');
    const before = await registry.count(...TABLES);

    const response = await post(`/licences/${licence.id}/extend`, { validTo: '2026-08-31', reason: 'x' });

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'LICENCE.INVALID_PERIOD', errors: [{ field: 'validTo' }] });
    expect(await registry.count(...TABLES)).toEqual(before);
  });

  it('requires a reason to annul a revocation', async () => {
    const licence = await createLicence(registry);
    await post(`/licences/${licence.id}/revoke`, { reason: 'x' });

    const response = await post(`/licences/${licence.id}/annul-revocation`, { reason: '   ' });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('refuses to give a liquidated company a licence back', async () => {
    const company = await createCompany(registry);
    const licence = await createLicence(registry, { holderCompanyId: company.id });
    await post(`/licences/${licence.id}/revoke`, { reason: 'Holder struck off' });
    await registry.http().patch(`/companies/${company.id}`).send({ status: 'liquidated' });
    const before = await registry.count(...TABLES);

    const response = await post(`/licences/${licence.id}/annul-revocation`, { reason: 'Revoked in error' });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'LICENCE.HOLDER_LIQUIDATED' });
    expect(await registry.count(...TABLES)).toEqual(before);
  });
});
