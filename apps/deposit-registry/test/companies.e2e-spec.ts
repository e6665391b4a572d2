import { DataSource } from 'typeorm';
import { CompanyRegistered, CompanyUpdated } from '@redmet/contracts';
import { waitForLockWait } from '@redmet/testing';
import { createCompany, randomInn, randomOgrn } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

describe('companies', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  it('registers and updates a company, emitting CompanyRegistered then CompanyUpdated; absent fields stay as they were', async () => {
    const company = await createCompany(registry, { region: 'Murmansk Oblast' });

    const response = await registry
      .http()
      .patch(`/companies/${company.id}`)
      .send({ contactEmail: 'office@polar-lithium.example' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      legalName: company.legalName,
      region: 'Murmansk Oblast',
      status: 'active',
      version: 2,
    });
    expect(await registry.eventsOf(company.id)).toEqual([CompanyRegistered.type, CompanyUpdated.type]);
  });

  it('refuses an INN with a wrong check digit with 400 naming inn, and writes nothing', async () => {
    const before = await registry.count('company', 'outbox_message');

    const response = await registry
      .http()
      .post('/companies')
      .send({ legalName: 'Arctic Lithium JSC', inn: '7707083890' });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'inn', messages: [expect.stringContaining('check digits')] }]);
    expect(await registry.count('company', 'outbox_message')).toEqual(before);
  });

  it.each([
    ['an OGRN', '1095190009112'],
    ['an OGRNIP', '304500116000158'],
  ])('refuses %s with a wrong check digit with 400 naming ogrn, and writes nothing', async (_, ogrn) => {
    const before = await registry.count('company', 'outbox_message');

    const response = await registry
      .http()
      .post('/companies')
      .send({ legalName: 'Arctic Lithium JSC', inn: randomInn(), ogrn });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'ogrn', messages: [expect.stringContaining('check digit')] }]);
    expect(await registry.count('company', 'outbox_message')).toEqual(before);
  });

  it.each(['1095190009111', '304500116000157'])('takes the valid OGRN %s', async (ogrn) => {
    await registry
      .http()
      .patch(`/companies/${(await createCompany(registry)).id}`)
      .send({ ogrn })
      .expect(200);
  });

  it('refuses a second company with the same INN with 409 COMPANY.INN_TAKEN, and writes nothing', async () => {
    const inn = randomInn();
    await createCompany(registry, { inn });
    const before = await registry.count('company', 'outbox_message');

    const response = await registry.http().post('/companies').send({ legalName: 'Someone else LLC', inn });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'COMPANY.INN_TAKEN', errors: [{ field: 'inn' }] });
    expect(await registry.count('company', 'outbox_message')).toEqual(before);
  });

  it('refuses null for a required field on update with 400, not 500', async () => {
    const company = await createCompany(registry);

    const response = await registry.http().patch(`/companies/${company.id}`).send({ legalName: null });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'legalName' })]);
    expect(await registry.eventsOf(company.id)).toEqual([CompanyRegistered.type]);
  });

  it('refuses a null status on update with 400, not 500', async () => {
    const company = await createCompany(registry);

    const response = await registry.http().patch(`/companies/${company.id}`).send({ status: null });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    expect(await registry.eventsOf(company.id)).toEqual([CompanyRegistered.type]);
  });

  it('lets a liquidation be called off, but a liquidated company stays liquidated under its own name and numbers', async () => {
    const company = await createCompany(registry);
    const patch = (body: object) => registry.http().patch(`/companies/${company.id}`).send(body);

    expect((await patch({ status: 'in_liquidation' })).body.status).toBe('in_liquidation');
    expect((await patch({ status: 'active' })).body.status).toBe('active');
    expect((await patch({ status: 'liquidated' })).body.status).toBe('liquidated');
    const events = await registry.eventsOf(company.id);

    for (const status of ['active', 'in_liquidation']) {
      const refused = await patch({ status, contactEmail: 'new@example.ru' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'COMPANY.LIQUIDATED', errors: [{ field: 'status' }] });
    }
    // Its INN, OGRN and name stay its own: they cannot pass to a new registration.
    const renamed = await patch({ legalName: 'Successor LLC', inn: randomInn() });
    expect(renamed.status).toBe(409);
    expect(renamed.body.errors.map((error: { field: string }) => error.field)).toEqual(['legalName', 'inn']);
    expect(await registry.eventsOf(company.id)).toEqual(events);
    const corrected = await patch({
      status: 'liquidated',
      inn: company.inn,
      legalName: company.legalName,
      contactEmail: 'archive@example.ru',
    });
    expect(corrected.body).toMatchObject({ status: 'liquidated', contactEmail: 'archive@example.ru' });
  });

  describe('status changes', () => {
    const reach = async (status: string) => {
      const company = await createCompany(registry);
      if (status !== 'active') await registry.http().patch(`/companies/${company.id}`).send({ status }).expect(200);
      return company.id;
    };

    it.each([
      ['active', 'active'],
      ['active', 'in_liquidation'],
      ['active', 'liquidated'],
      ['in_liquidation', 'active'],
      ['in_liquidation', 'liquidated'],
      ['in_liquidation', 'in_liquidation'],
      ['liquidated', 'liquidated'],
    ])('allows %s → %s', async (from, to) => {
      const id = await reach(from);
      const response = await registry.http().patch(`/companies/${id}`).send({ status: to });
      expect([response.status, response.body.status]).toEqual([200, to]);
    });

    it.each(['active', 'in_liquidation'])(
      'refuses liquidated → %s with 409 naming status and that liquidated is final, and emits nothing',
      async (to) => {
        const id = await reach('liquidated');
        const events = await registry.eventsOf(id);

        const response = await registry.http().patch(`/companies/${id}`).send({ status: to });

        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({
          code: 'COMPANY.LIQUIDATED',
          errors: [
            { field: 'status', messages: [`a company cannot go from liquidated to ${to}: liquidated is final`] },
          ],
        });
        expect((await registry.http().get(`/companies/${id}`)).body.status).toBe('liquidated');
        expect(await registry.eventsOf(id)).toEqual(events);
      },
    );
  });

  it.each([
    ['registering', 'inn', 'COMPANY.INN_TAKEN'],
    ['registering', 'ogrn', 'COMPANY.OGRN_TAKEN'],
    ['updating', 'inn', 'COMPANY.INN_TAKEN'],
  ])(
    'answers 409 when %s a company whose %s a concurrent request committed after the look-up, not 500',
    async (action, field, code) => {
      const [inn, ogrn] = [randomInn(), randomOgrn()];
      const existing = action === 'updating' ? await createCompany(registry) : undefined;
      const dataSource = registry.app.get(DataSource);
      const rival = dataSource.createQueryRunner();
      await rival.startTransaction();
      await rival.query(
        `INSERT INTO company (legal_name, inn, ogrn, status, version) VALUES ('Rival LLC', $1, $2, 'active', 1)`,
        [field === 'inn' ? inn : randomInn(), ogrn],
      );
      const counts = await registry.count('company', 'outbox_message');

      const body = field === 'inn' ? { inn } : { ogrn };
      const request = existing
        ? registry.http().patch(`/companies/${existing.id}`).send(body)
        : registry
            .http()
            .post('/companies')
            .send({ legalName: 'Late LLC', inn: randomInn(), ...body });
      const settled = request.then((response) => response);
      // The request has passed the look-up and waits on the unique index for the rival to finish.
      await waitForLockWait((sql) => dataSource.query(sql));
      await rival.commitTransaction();
      await rival.release();
      const response = await settled;

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code, errors: [{ field }] });
      expect(await registry.count('company', 'outbox_message')).toEqual({ ...counts, company: counts.company + 1 });
    },
  );
});
