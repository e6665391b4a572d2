import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createCompany, createDeposit, createLicence, createProduct, randomInn, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['company', 'deposit', 'licence', 'licence_status_change', 'facility', 'facility_status_change'];

/**
 * The registry is the state's shared reference data: everyone signed in reads every company's records
 * (main README, "Authorisation and identity"), so a producer's company decides nothing here and there
 * is no ownership check to prove. What this file pins down is the other half of the rule: a producer,
 * of another company, of the record's own company, of a company the registry does not know, or of
 * none, changes nothing, whatever it sends (If-Match included), and a refused change publishes nothing.
 * The reads are pinned too, as documented, so that closing them is a decision, not an accident.
 */
describe('deposit-registry: producers read the shared registry and change none of it', () => {
  let registry: RegistryTestApp;
  let companyA: string;
  let depositA: string;
  let licenceA: string;
  let facilityA: string;
  let productCode: string;
  const as = (bearer: string) => request.agent(registry.app.getHttpServer()).set('authorization', bearer);

  beforeAll(async () => {
    registry = await startRegistry();
    companyA = (await createCompany(registry, { contactEmail: 'ceo@a.example' })).id;
    depositA = (await createDeposit(registry)).id;
    licenceA = (await createLicence(registry, { holderCompanyId: companyA, depositId: depositA })).id;
    productCode = (await createProduct(registry)).code;
    const facility = await registry
      .http()
      .post('/facilities')
      .send({ name: unique('REE plant'), operatorCompanyId: companyA, depositId: depositA, region: 'Perm Krai' });
    expect(facility.status).toBe(201);
    facilityA = facility.body.id;
  });

  afterAll(async () => {
    await registry.close();
  });

  const producers: [string, () => Promise<string>][] = [
    ['of another company', async () => registry.auth.bearer({ roles: ['producer'], companyId: randomUUID() })],
    ['of the record’s own company', async () => registry.auth.bearer({ roles: ['producer'], companyId: companyA })],
    ['without a company', async () => registry.auth.bearer({ roles: ['producer'] })],
  ];

  /** Every change a registry administrator could make to company A's records, as a producer might try it. */
  const changes: [string, (http: ReturnType<typeof as>) => request.Test][] = [
    ['renaming the company', (http) => http.patch(`/companies/${companyA}`).send({ contactEmail: 'x@b.example' })],
    ['liquidating the company', (http) => http.patch(`/companies/${companyA}`).send({ status: 'liquidated' })],
    ['changing its deposit', (http) => http.patch(`/deposits/${depositA}`).send({ status: 'producing' })],
    ['amending its licence', (http) => http.patch(`/licences/${licenceA}`).send({ validTo: '2030-01-01' })],
    ['suspending its licence', (http) => http.post(`/licences/${licenceA}/suspend`).send({ reason: 'Taken over' })],
    ['revoking its licence', (http) => http.post(`/licences/${licenceA}/revoke`).send({ reason: 'Taken over' })],
    ['reinstating its licence', (http) => http.post(`/licences/${licenceA}/reinstate`).send({ reason: 'Back' })],
    ['changing its plant', (http) => http.patch(`/facilities/${facilityA}`).send({ productCodes: [productCode] })],
    [
      'moving its plant on',
      (http) =>
        http.post(`/facilities/${facilityA}/status`).send({ status: 'commissioned', effectiveOn: '2025-01-01' }),
    ],
    [
      'issuing a licence in its name',
      (http) =>
        http.post('/licences').send({
          number: unique('MUR'),
          holderCompanyId: companyA,
          depositId: depositA,
          type: 'combined',
          validFrom: '2024-01-01',
          validTo: '2040-01-01',
        }),
    ],
    [
      'registering a plant in its name',
      (http) =>
        http.post('/facilities').send({ name: unique('Plant'), operatorCompanyId: companyA, region: 'Perm Krai' }),
    ],
    [
      'registering a company',
      (http) => http.post('/companies').send({ legalName: unique('Shell LLC'), inn: randomInn() }),
    ],
  ];

  /** A's records as an administrator reads them, the rows of every table and the events published. */
  const snapshot = async () => {
    const admin = registry.http();
    return {
      records: await Promise.all(
        [`/companies/${companyA}`, `/deposits/${depositA}`, `/licences/${licenceA}`, `/facilities/${facilityA}`].map(
          async (path) => (await admin.get(path)).body,
        ),
      ),
      rows: await registry.count(...TABLES, 'outbox_message'),
    };
  };

  describe.each(producers)('a producer %s', (_, bearer) => {
    it.each(changes)('is refused %s (403), and nothing is written or published', async (__, change) => {
      const before = await snapshot();

      const response = await change(as(await bearer()).set('if-match', '*'));

      expect([response.status, response.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
      expect(await snapshot()).toEqual(before);
    });
  });

  it('lets a producer of any company read A’s records, as documented (the registry is shared reference data)', async () => {
    const reader = as(await registry.auth.bearer({ roles: ['producer'], companyId: randomUUID() }));

    expect((await reader.get(`/companies/${companyA}`)).body).toMatchObject({ id: companyA });
    expect((await reader.get(`/licences?holderCompanyId=${companyA}`)).body.items).toEqual([
      expect.objectContaining({ id: licenceA }),
    ]);
    expect((await reader.get(`/facilities?operatorCompanyId=${companyA}`)).body.items).toEqual([
      expect.objectContaining({ id: facilityA }),
    ]);
    for (const path of [`/licences/${licenceA}/history`, `/facilities/${facilityA}/history`, `/deposits/${depositA}`]) {
      expect((await reader.get(path)).status).toBe(200);
    }
  });

  it('still lets a registry administrator make the same changes (the refusals above are about the role)', async () => {
    const admin = registry.http();
    await admin.patch(`/companies/${companyA}`).send({ contactEmail: 'office@a.example' }).expect(200);
    await admin.post(`/licences/${licenceA}/suspend`).send({ reason: 'Development plan not followed' }).expect(200);
  });
});
