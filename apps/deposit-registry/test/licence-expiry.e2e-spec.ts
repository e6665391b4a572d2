import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { LicenceExpired, LicenceExpiring, LicenceIssued } from '@redmet/contracts';
import { LICENCE_EXPIRY_JOB, LicenceExpiryService } from '../src/licences/licence-expiry.service';
import { createLicence } from './support/fixtures';
import { type RegistryTestApp, startRegistry, TEST_EXPIRY_CRON } from './support/registry-app';

describe('licence expiry check', () => {
  let registry: RegistryTestApp;
  let expiry: LicenceExpiryService;

  beforeAll(async () => {
    registry = await startRegistry();
    expiry = registry.app.get(LicenceExpiryService);
  });

  afterAll(async () => {
    await registry.close();
  });

  /**
   * A check sees every licence in the database, so each test's licences end in
   * a year of their own, later than the previous test's: what earlier tests
   * left behind is already expired when a later test runs its dates.
   */
  const runOn = (day: string) => expiry.runCheck(new Date(`${day}T06:00:00Z`));

  const expiringNotices = async (licenceId: string) => {
    const rows: { days: number }[] = await registry.app
      .get(DataSource)
      .query(
        `SELECT (envelope->'payload'->>'daysBefore')::int AS days FROM outbox_message WHERE message_key = $1 AND event_type = $2 ORDER BY id`,
        [licenceId, LicenceExpiring.type],
      );
    return rows.map((row) => row.days);
  };

  it('sends the 180-day notice, then the 90-day one, then expires the licence: each once, however often it runs', async () => {
    const { id } = await createLicence(registry, { validFrom: '2030-01-01', validTo: '2040-06-30' });

    for (const day of [
      '2039-12-01',
      '2040-01-02',
      '2040-01-03',
      '2040-03-01',
      '2040-04-01',
      '2040-04-02',
      '2040-06-30',
      '2040-07-01',
      '2040-07-02',
      '2041-01-01',
    ]) {
      await runOn(day);
    }

    expect(await registry.eventsOf(id)).toEqual([
      LicenceIssued.type,
      LicenceExpiring.type,
      LicenceExpiring.type,
      LicenceExpired.type,
    ]);
    expect(await expiringNotices(id)).toEqual([180, 90]);
    const licence = await registry.http().get(`/licences/${id}`);
    expect(licence.body).toMatchObject({ status: 'expired', statusSince: '2040-07-01', version: 2 });
    const history = await registry.http().get(`/licences/${id}/history`);
    expect(history.body.at(-1)).toMatchObject({
      fromStatus: 'active',
      toStatus: 'expired',
      effectiveOn: '2040-07-01',
      reason: 'Validity ended on 2040-06-30',
    });
  });

  it('also expires a suspended licence, and leaves revoked ones alone', async () => {
    const suspended = await createLicence(registry, { validFrom: '2020-01-01', validTo: '2041-03-31' });
    const revoked = await createLicence(registry, { validFrom: '2020-01-01', validTo: '2041-03-31' });
    await registry.http().post(`/licences/${suspended.id}/suspend`).send({ reason: 'test' });
    await registry.http().post(`/licences/${revoked.id}/revoke`).send({ reason: 'test' });

    await runOn('2041-04-01');

    expect((await registry.http().get(`/licences/${suspended.id}`)).body.status).toBe('expired');
    expect(await registry.eventsOf(revoked.id)).not.toContain(LicenceExpired.type);
  });

  it('sends only the nearest notice when several are due at once, and never the skipped one later', async () => {
    const { id } = await createLicence(registry, { validFrom: '2030-01-01', validTo: '2042-06-30' });

    await runOn('2042-05-01');
    await runOn('2042-05-02');

    expect(await expiringNotices(id)).toEqual([90]);
    const notices = await registry.app
      .get(DataSource)
      .query('SELECT days_before, outcome FROM licence_expiry_notice WHERE licence_id = $1 ORDER BY days_before', [id]);
    expect(notices).toEqual([
      { days_before: 90, outcome: 'sent' },
      { days_before: 180, outcome: 'skipped' },
    ]);
  });

  it('sends each notice once when two checks run at the same moment', async () => {
    const { id } = await createLicence(registry, { validFrom: '2030-01-01', validTo: '2043-06-30' });

    await Promise.all([runOn('2043-02-01'), runOn('2043-02-01'), runOn('2043-02-01')]);
    await Promise.all([runOn('2043-07-01'), runOn('2043-07-01')]);

    expect(await registry.eventsOf(id)).toEqual([LicenceIssued.type, LicenceExpiring.type, LicenceExpired.type]);
  });

  it('starts the notices afresh when the end date is amended', async () => {
    const { id } = await createLicence(registry, { validFrom: '2030-01-01', validTo: '2044-06-30' });
    await runOn('2044-01-15');
    await registry.http().patch(`/licences/${id}`).send({ validTo: '2049-06-30' });

    await runOn('2044-07-01');
    await runOn('2049-01-15');

    expect(await expiringNotices(id)).toEqual([180, 180]);
    expect((await registry.http().get(`/licences/${id}`)).body.status).toBe('active');
  });

  it("expires a licence at midnight on the programme's calendar (Moscow time), not at midnight UTC", async () => {
    const { id } = await createLicence(registry, { validFrom: '2030-01-01', validTo: '2050-06-30' });
    await runOn('2050-06-29');
    // 23:30 on its last day in Moscow.
    await expiry.runCheck(new Date('2050-06-30T20:30:00Z'));
    expect((await registry.http().get(`/licences/${id}`)).body.status).toBe('active');

    // 00:30 on 1 July in Moscow, still 30 June in UTC.
    await expiry.runCheck(new Date('2050-06-30T21:30:00Z'));
    expect((await registry.http().get(`/licences/${id}`)).body).toMatchObject({
      status: 'expired',
      statusSince: '2050-07-01',
    });
  });

  it('is scheduled with the cron expression from LICENCE_EXPIRY_CHECK_CRON', () => {
    const job = registry.app.get(SchedulerRegistry).getCronJob(LICENCE_EXPIRY_JOB);
    expect(String(job.cronTime.source)).toBe(TEST_EXPIRY_CRON);
    expect(job.isActive).toBe(true);
  });
});
