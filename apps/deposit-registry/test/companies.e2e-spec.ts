import { CompanyRegistered, CompanyUpdated } from '@redmet/contracts';
import { createCompany, randomInn } from './support/fixtures';
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
});
