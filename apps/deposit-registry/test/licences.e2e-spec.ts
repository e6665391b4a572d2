import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LicenceAmended, LicenceIssued, LicenceReinstated, LicenceRevoked, LicenceSuspended } from '@redmet/contracts';
import { serviceToday, waitForLockWait } from '@redmet/testing';
import { createCompany, createDeposit, createLicence, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['licence', 'licence_status_change', 'outbox_message'];

describe('licences', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const post = (path: string, body: object) => registry.http().post(path).send(body);

  it('issues an active licence (LicenceIssued) and amends it (LicenceAmended)', async () => {
    const licence = await createLicence(registry, { validFrom: '2023-02-21', validTo: '2048-02-20' });
    expect(licence).toMatchObject({ status: 'active', statusSince: '2023-02-21', version: 1 });

    const amended = await registry
      .http()
      .patch(`/licences/${licence.id}`)
      .send({ type: 'production', validTo: '2053-02-20' });

    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({
      type: 'production',
      validFrom: '2023-02-21',
      validTo: '2053-02-20',
      version: 2,
    });
    expect(await registry.eventsOf(licence.id)).toEqual([LicenceIssued.type, LicenceAmended.type]);
  });

  it('takes the holder and deposit ids in either case and keeps, answers and publishes them in lower case', async () => {
    const [company, deposit] = [await createCompany(registry), await createDeposit(registry)];

    const response = await post('/licences', {
      number: unique('MUR'),
      holderCompanyId: company.id.toUpperCase(),
      depositId: deposit.id.toUpperCase(),
      type: 'combined',
      validFrom: '2023-02-21',
      validTo: '2048-02-20',
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ holderCompanyId: company.id, depositId: deposit.id });
    const [event]: { envelope: { payload: object } }[] = await registry.app
      .get(DataSource)
      .query('SELECT envelope FROM outbox_message WHERE message_key = $1', [response.body.id]);
    expect(event.envelope.payload).toMatchObject({ holderCompanyId: company.id, depositId: deposit.id });
  });

  it('suspends, reinstates and revokes, keeping the history with dates and reasons', async () => {
    const { id } = await createLicence(registry, { validFrom: '2023-10-02' });

    const suspended = await post(`/licences/${id}/suspend`, {
      reason: 'Development plan not followed',
      effectiveOn: '2025-03-01',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusSince: '2025-03-01', version: 2 });
    expect(
      (await post(`/licences/${id}/reinstate`, { reason: 'Breach remedied', effectiveOn: '2025-06-15' })).body,
    ).toMatchObject({
      status: 'active',
    });
    expect((await post(`/licences/${id}/revoke`, { reason: 'Repeated breach' })).body).toMatchObject({
      status: 'revoked',
      version: 4,
    });

    expect(await registry.eventsOf(id)).toEqual([
      LicenceIssued.type,
      LicenceSuspended.type,
      LicenceReinstated.type,
      LicenceRevoked.type,
    ]);
    const history = await registry.http().get(`/licences/${id}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.map((row: Record<string, unknown>) => [row.fromStatus, row.toStatus, row.effectiveOn, row.reason]),
    ).toEqual([
      [null, 'active', '2023-10-02', 'Issued'],
      ['active', 'suspended', '2025-03-01', 'Development plan not followed'],
      ['suspended', 'active', '2025-06-15', 'Breach remedied'],
      ['active', 'revoked', serviceToday(), 'Repeated breach'],
    ]);
  });

  it.each([
    ['reinstate', 'an active licence', [], 'active', 'active'],
    ['suspend', 'a suspended licence', ['suspend'], 'suspended', 'suspended'],
    ['reinstate', 'a revoked licence', ['revoke'], 'revoked', 'active'],
    ['suspend', 'a revoked licence', ['revoke'], 'revoked', 'suspended'],
    ['revoke', 'a revoked licence', ['suspend', 'revoke'], 'revoked', 'revoked'],
  ])(
    'refuses to %s %s with 409 LICENCE.ILLEGAL_TRANSITION naming both statuses',
    async (command, _what, before, from, to) => {
      const { id } = await createLicence(registry);
      for (const step of before)
        expect((await post(`/licences/${id}/${step}`, { reason: 'setting up' })).status).toBe(200);
      const counts = await registry.count(...TABLES);

      const response = await post(`/licences/${id}/${command}`, { reason: 'test' });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'LICENCE.ILLEGAL_TRANSITION',
        detail: `A licence cannot go from ${from} to ${to}`,
      });
      expect(await registry.count(...TABLES)).toEqual(counts);
    },
  );

  it('refuses to amend a revoked licence, and a status change dated before the current status or in the future', async () => {
    const { id } = await createLicence(registry, { validFrom: '2024-01-10' });
    const early = await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2024-01-09' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'LICENCE.INVALID_EFFECTIVE_DATE', errors: [{ field: 'effectiveOn' }] });
    expect((await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2999-01-01' })).status).toBe(422);

    await post(`/licences/${id}/revoke`, { reason: 'test' });
    const amended = await registry.http().patch(`/licences/${id}`).send({ type: 'exploration' });
    expect(amended.status).toBe(409);
    expect(amended.body.code).toBe('LICENCE.CLOSED');
  });

  it('refuses a status change dated after the last day of validity (the licence expired then), and writes nothing', async () => {
    const { id } = await createLicence(registry, { validFrom: '2020-01-10', validTo: '2024-06-30' });
    const counts = await registry.count(...TABLES);
    const late = await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2024-07-01' });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      code: 'LICENCE.INVALID_EFFECTIVE_DATE',
      errors: [{ field: 'effectiveOn', messages: [expect.stringContaining('validTo (2024-06-30)')] }],
    });
    expect((await post(`/licences/${id}/revoke`, { reason: 'test' })).status).toBe(422);
    expect(await registry.count(...TABLES)).toEqual(counts);
    const onLastDay = await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2024-06-30' });
    expect(onLastDay.body).toMatchObject({ status: 'suspended', statusSince: '2024-06-30' });
  });

  it('revokes a licence that has not started yet from its first day, and refuses any other day', async () => {
    const { id } = await createLicence(registry, { validFrom: '2099-01-01', validTo: '2120-12-31' });
    const today = serviceToday();
    const early = await post(`/licences/${id}/revoke`, { reason: 'Issued in error', effectiveOn: today });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'LICENCE.INVALID_EFFECTIVE_DATE', errors: [{ field: 'effectiveOn' }] });

    const revoked = await post(`/licences/${id}/revoke`, { reason: 'Issued in error' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', statusSince: '2099-01-01' });
    const history = await registry.http().get(`/licences/${id}/history`);
    expect(
      history.body.map((row: { toStatus: string; effectiveOn: string }) => [row.toStatus, row.effectiveOn]),
    ).toEqual([
      ['active', '2099-01-01'],
      ['revoked', '2099-01-01'],
    ]);
  });

  it('moves the start of the history, and the status date while it is the first status, with the start of validity', async () => {
    const { id } = await createLicence(registry, { validFrom: '2023-02-21' });

    const amended = await registry.http().patch(`/licences/${id}`).send({ validFrom: '2024-01-01' });

    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ validFrom: '2024-01-01', status: 'active', statusSince: '2024-01-01' });
    const history = await registry.http().get(`/licences/${id}/history`);
    expect(history.body.map((row: Record<string, unknown>) => [row.toStatus, row.effectiveOn])).toEqual([
      ['active', '2024-01-01'],
    ]);
    const early = await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2023-06-01' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('LICENCE.INVALID_EFFECTIVE_DATE');
  });

  it('refuses to move the start of validity after a later status took effect, and writes nothing', async () => {
    const { id } = await createLicence(registry, { validFrom: '2023-02-21' });
    await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2024-03-01' });
    const counts = await registry.count(...TABLES);

    const amended = await registry.http().patch(`/licences/${id}`).send({ validFrom: '2024-06-01' });

    expect(amended.status).toBe(422);
    expect(amended.body).toMatchObject({ code: 'LICENCE.INVALID_PERIOD', errors: [{ field: 'validFrom' }] });
    expect(await registry.count(...TABLES)).toEqual(counts);
    const earlier = await registry.http().patch(`/licences/${id}`).send({ validFrom: '2023-01-10' });
    expect(earlier.body).toMatchObject({ validFrom: '2023-01-10', status: 'suspended', statusSince: '2024-03-01' });
  });

  it('refuses to end a licence before its current status took effect (422 naming validTo and that day), and writes nothing', async () => {
    const { id } = await createLicence(registry, { validFrom: '2023-02-21', validTo: '2048-02-20' });
    await post(`/licences/${id}/suspend`, { reason: 'test', effectiveOn: '2025-03-01' });
    const counts = await registry.count(...TABLES);

    const amended = await registry.http().patch(`/licences/${id}`).send({ validTo: '2025-02-28' });

    expect(amended.status).toBe(422);
    expect(amended.body).toMatchObject({
      code: 'LICENCE.INVALID_PERIOD',
      detail: 'validTo (2025-02-28) must not be before 2025-03-01 (statusSince), when the licence became suspended',
      errors: [{ field: 'validTo' }],
    });
    expect(await registry.count(...TABLES)).toEqual(counts);
    expect((await registry.http().get(`/licences/${id}`)).body).toMatchObject({ validTo: '2048-02-20', version: 2 });
    const onThatDay = await registry.http().patch(`/licences/${id}`).send({ validTo: '2025-03-01' });
    expect(onThatDay.body).toMatchObject({ validTo: '2025-03-01', statusSince: '2025-03-01' });
  });

  it('lets an amendment end a licence before its old start when it moves the start too, the first status with it', async () => {
    const { id } = await createLicence(registry, { validFrom: '2023-02-21', validTo: '2048-02-20' });

    const amended = await registry
      .http()
      .patch(`/licences/${id}`)
      .send({ validFrom: '2020-01-01', validTo: '2022-12-31' });

    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ validFrom: '2020-01-01', validTo: '2022-12-31', statusSince: '2020-01-01' });
  });

  describe('refuses bad input with field-level errors, and writes nothing', () => {
    let holderCompanyId: string;
    let depositId: string;

    beforeAll(async () => {
      holderCompanyId = (await createCompany(registry)).id;
      depositId = (await createDeposit(registry)).id;
    });

    const valid = () => ({
      number: unique('KZL'),
      holderCompanyId,
      depositId,
      type: 'combined',
      validFrom: '2023-10-01',
      validTo: '2043-09-30',
    });

    it.each([
      ['an end before the start', { validTo: '2023-09-30' }, 422, 'LICENCE.INVALID_PERIOD', 'validTo'],
      ['an end on the start day', { validTo: '2023-10-01' }, 422, 'LICENCE.INVALID_PERIOD', 'validTo'],
      ['an unknown deposit', { depositId: randomUUID() }, 404, 'DEPOSIT.NOT_FOUND', 'depositId'],
      ['an unknown holder', { holderCompanyId: randomUUID() }, 404, 'COMPANY.NOT_FOUND', 'holderCompanyId'],
      ['a date that does not exist', { validFrom: '2023-02-30' }, 400, 'REQUEST.INVALID', 'validFrom'],
      ['a timestamp for a date', { validTo: '2043-09-30T00:00:00Z' }, 400, 'REQUEST.INVALID', 'validTo'],
      ['an unknown type', { type: 'lease' }, 400, 'REQUEST.INVALID', 'type'],
      ['a deposit id that is not a UUID', { depositId: 'tastyg' }, 400, 'REQUEST.INVALID', 'depositId'],
      ['an unknown field', { status: 'expired' }, 400, 'REQUEST.INVALID', 'status'],
    ])('%s', async (_case, change, status, code, field) => {
      const counts = await registry.count(...TABLES);

      const response = await post('/licences', { ...valid(), ...change });

      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
      expect(await registry.count(...TABLES)).toEqual(counts);
    });

    it('a duplicate number (409 LICENCE.NUMBER_TAKEN), also when amending another licence to it', async () => {
      const first = await createLicence(registry);
      const second = await createLicence(registry);
      const counts = await registry.count(...TABLES);

      const issued = await post('/licences', { ...valid(), number: first.number });
      const amended = await registry.http().patch(`/licences/${second.id}`).send({ number: first.number });

      for (const response of [issued, amended]) {
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ code: 'LICENCE.NUMBER_TAKEN', errors: [{ field: 'number' }] });
      }
      expect(await registry.count(...TABLES)).toEqual(counts);
    });

    it('a duplicate number committed by a concurrent request after the look-up (409 from the unique key, not 500)', async () => {
      const body = valid();
      const dataSource = registry.app.get(DataSource);
      const rival = dataSource.createQueryRunner();
      await rival.startTransaction();
      await rival.query(
        `INSERT INTO licence (number, holder_company_id, deposit_id, type, valid_from, valid_to, status, status_since, version)
         VALUES ($1, $2, $3, 'combined', '2023-10-01', '2043-09-30', 'active', '2023-10-01', 1)`,
        [body.number, holderCompanyId, depositId],
      );
      const counts = await registry.count(...TABLES);

      const pending = post('/licences', body).then((response) => response);
      // The request has passed the look-up and waits on the unique index for the rival to finish.
      await waitForLockWait((sql) => dataSource.query(sql));
      await rival.commitTransaction();
      await rival.release();
      const response = await pending;

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'LICENCE.NUMBER_TAKEN', errors: [{ field: 'number' }] });
      expect(await registry.count(...TABLES)).toEqual({ ...counts, licence: counts.licence + 1 });
    });

    it('an amendment that ends the licence before it starts', async () => {
      const { id } = await createLicence(registry, { validFrom: '2023-02-21' });
      const response = await registry.http().patch(`/licences/${id}`).send({ validTo: '2020-01-01' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'LICENCE.INVALID_PERIOD', errors: [{ field: 'validTo' }] });
      expect(await registry.eventsOf(id)).toEqual([LicenceIssued.type]);
    });
  });

  it('filters by holder, deposit, status and end date, and pages', async () => {
    const holder = await createCompany(registry);
    const deposit = await createDeposit(registry);
    const ids = await Promise.all(
      ['2030-12-31', '2035-12-31', '2040-12-31'].map(async (validTo, i) => {
        const depositId = i === 2 ? deposit.id : undefined;
        return (
          await createLicence(registry, {
            number: `TEST ${holder.id} ${i}`,
            holderCompanyId: holder.id,
            validTo,
            ...(depositId ? { depositId } : {}),
          })
        ).id;
      }),
    );
    await post(`/licences/${ids[1]}/suspend`, { reason: 'test' });
    const found = async (query: Record<string, string | number>) => {
      const response = await registry
        .http()
        .get('/licences')
        .query({ holderCompanyId: holder.id, ...query });
      expect(response.status).toBe(200);
      return response.body.items.map((item: { id: string }) => ids.indexOf(item.id));
    };

    expect(await found({})).toEqual([0, 1, 2]);
    expect(await found({ status: 'suspended' })).toEqual([1]);
    expect(await found({ expiringBefore: '2036-01-01' })).toEqual([0, 1]);
    expect(await found({ depositId: deposit.id })).toEqual([2]);
    expect(await found({ pageSize: 1, page: 3 })).toEqual([2]);
    expect((await registry.http().get('/licences').query({ expiringBefore: 'soon' })).status).toBe(400);
  });
});
