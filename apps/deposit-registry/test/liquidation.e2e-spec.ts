import { DataSource } from 'typeorm';
import { CompanyRegistered, CompanyUpdated, LicenceIssued } from '@redmet/contracts';
import { waitForLockWait } from '@redmet/testing';
import { createCompany, createDeposit, createLicence, createProduct, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['company', 'licence', 'licence_status_change', 'outbox_message'];

/** A company being wound up takes no licence, and one is struck off only once it holds and runs nothing. */
describe('licences and the liquidation of their holder', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  const setStatus = (companyId: string, status: string) =>
    registry.http().patch(`/companies/${companyId}`).send({ status });
  const issueTo = (holderCompanyId: string, depositId: string) =>
    registry
      .http()
      .post('/licences')
      .send({
        number: unique('MUR'),
        holderCompanyId,
        depositId,
        type: 'combined',
        validFrom: '2023-02-21',
        validTo: '2048-02-20',
      });

  it.each(['in_liquidation', 'liquidated'])(
    'refuses to issue a licence to a company %s with 409 naming holderCompanyId, and writes nothing',
    async (status) => {
      const company = await createCompany(registry);
      await setStatus(company.id, status);
      const deposit = await createDeposit(registry);
      const before = await registry.count(...TABLES);

      const response = await issueTo(company.id, deposit.id);

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'LICENCE.HOLDER_LIQUIDATED',
        errors: [{ field: 'holderCompanyId', messages: [expect.stringContaining(`${company.id} is ${status}`)] }],
      });
      expect(await registry.count(...TABLES)).toEqual(before);
    },
  );

  it('refuses to liquidate a company holding an active or a suspended licence, naming each, and writes nothing', async () => {
    const company = await createCompany(registry);
    const active = await createLicence(registry, { holderCompanyId: company.id });
    const suspended = await createLicence(registry, { holderCompanyId: company.id });
    await registry.http().post(`/licences/${suspended.id}/suspend`).send({ reason: 'Inspection' });
    const before = await registry.count(...TABLES);

    const response = await setStatus(company.id, 'liquidated');

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('COMPANY.STILL_HOLDS');
    expect(response.body.errors).toEqual([
      {
        field: 'status',
        messages: expect.arrayContaining([
          `it holds active licence ${active.number} (${active.id})`,
          `it holds suspended licence ${suspended.number} (${suspended.id})`,
        ]),
      },
    ]);
    expect(await registry.count(...TABLES)).toEqual(before);
    expect((await registry.http().get(`/companies/${company.id}`)).body.status).toBe('active');
  });

  it('lets a company holding licences go into liquidation, and liquidates it once they are closed', async () => {
    const company = await createCompany(registry);
    const licence = await createLicence(registry, { holderCompanyId: company.id });
    expect((await setStatus(company.id, 'in_liquidation')).status).toBe(200);

    await registry.http().post(`/licences/${licence.id}/revoke`).send({ reason: 'Holder struck off' });
    const response = await setStatus(company.id, 'liquidated');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('liquidated');
    expect(await registry.eventsOf(company.id)).toEqual([
      CompanyRegistered.type,
      CompanyUpdated.type,
      CompanyUpdated.type,
    ]);
  });

  it('refuses to liquidate the operator of a plant, naming the plant, until the plant has closed', async () => {
    const company = await createCompany(registry);
    const facility = await registry
      .http()
      .post('/facilities')
      .send({
        name: unique('Solikamsk Magnesium Works'),
        operatorCompanyId: company.id,
        region: 'Perm Krai',
        productCodes: [(await createProduct(registry)).code],
      });
    expect(facility.status).toBe(201);

    const response = await setStatus(company.id, 'liquidated');

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'COMPANY.STILL_HOLDS',
      errors: [{ field: 'status', messages: [`it operates facility ${facility.body.name} (${facility.body.id})`] }],
    });
    expect(await registry.eventsOf(company.id)).toEqual([CompanyRegistered.type]);

    const closed = await registry
      .http()
      .post(`/facilities/${facility.body.id}/status`)
      .send({ status: 'closed', effectiveOn: facility.body.statusSince });
    expect(closed.status).toBe(200);
    const liquidated = await setStatus(company.id, 'liquidated');
    expect([liquidated.status, liquidated.body.status]).toEqual([200, 'liquidated']);
    expect(await registry.eventsOf(company.id)).toEqual([CompanyRegistered.type, CompanyUpdated.type]);
  });

  it('refuses a licence issued while the liquidation of its holder is being saved, once that is done', async () => {
    const [company, deposit] = [await createCompany(registry), await createDeposit(registry)];
    const dataSource = registry.app.get(DataSource);
    const liquidation = dataSource.createQueryRunner();
    await liquidation.connect();
    await liquidation.startTransaction();
    await liquidation.query(`SELECT 1 FROM company WHERE id = $1 FOR UPDATE`, [company.id]);
    await liquidation.query(`UPDATE company SET status = 'liquidated', version = version + 1 WHERE id = $1`, [
      company.id,
    ]);

    const issued = issueTo(company.id, deposit.id).then((response) => response);
    // The request waits on the company's row; a read without that lock would find it still active and go on.
    await waitForLockWait((sql) => dataSource.query(sql));
    await liquidation.commitTransaction();
    await liquidation.release();
    const response = await issued;

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('LICENCE.HOLDER_LIQUIDATED');
    const events: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1 AND envelope->'payload'->>'holderCompanyId' = $2`,
      [LicenceIssued.type, company.id],
    );
    expect(events[0].n).toBe(0);
  });
});
