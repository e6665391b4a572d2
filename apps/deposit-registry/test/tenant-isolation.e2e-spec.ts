import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { REGISTRY_STAFF } from '../src/common/changed-by';
import { createCompany, createDeposit, createLicence, createProduct, randomInn, unique } from './support/fixtures';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['company', 'deposit', 'licence', 'licence_status_change', 'facility', 'facility_status_change'];

/**
 * The registry is the state's shared reference data: everyone signed in reads every company's records
 * (main README, "Authorisation and identity"), so a producer's company decides nothing there, with one
 * exception: a company's contact details are personal data, which a producer sees of its own company
 * only (README, "Who sees a company's contacts"). The rest of this file pins down the other half of the
 * rule: a producer, of another company, of the record's own company, of a company the registry does not
 * know, or of none, changes nothing, whatever it sends (If-Match included), and a refused change
 * publishes nothing. The reads are pinned too, as documented, so that closing them is a decision, not an
 * accident.
 */
describe('deposit-registry: producers read the shared registry, other companies’ contacts aside, and change none of it', () => {
  let registry: RegistryTestApp;
  let companyA: string;
  let companyB: string;
  let depositA: string;
  let licenceA: string;
  let facilityA: string;
  let productCode: string;
  const as = (bearer: string) => request.agent(registry.app.getHttpServer()).set('authorization', bearer);

  beforeAll(async () => {
    registry = await startRegistry();
    companyA = (await createCompany(registry, { contactEmail: 'ceo@a.example' })).id;
    companyB = (await createCompany(registry, { contactEmail: 'ceo@b.example' })).id;
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
      'handing its plant over',
      (http) =>
        http.post(`/facilities/${facilityA}/operator`).send({ operatorCompanyId: companyA, effectiveOn: '2025-01-01' }),
    ],
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

  describe('a company’s contact details', () => {
    const listed = async (http: ReturnType<typeof as>, id: string) => {
      const response = await http.get('/companies?pageSize=200');
      expect(response.status).toBe(200);
      return response.body.items.find((item: { id: string }) => item.id === id);
    };

    it.each([
      ['of another company', () => registry.auth.bearer({ roles: ['producer'], companyId: companyB })],
      [
        'of a company the registry does not know',
        () => registry.auth.bearer({ roles: ['producer'], companyId: randomUUID() }),
      ],
      ['without a company', () => registry.auth.bearer({ roles: ['producer'] })],
      [
        'holding a staff role too',
        () => registry.auth.bearer({ roles: ['producer', 'registry_admin'], companyId: companyB }),
      ],
    ])(
      'are null to a producer %s, in A’s record and in the list; the rest of A is as staff read it, but for who changed it',
      async (_, bearer) => {
        const reader = as(await bearer());
        const full = (await registry.http().get(`/companies/${companyA}`)).body;
        // Who registered and changed it is not named to such a producer either (README, "Who changed it").
        const withheld = { ...full, contactEmail: null, createdBy: REGISTRY_STAFF, updatedBy: REGISTRY_STAFF };

        const record = await reader.get(`/companies/${companyA}`);

        expect([record.status, record.body]).toEqual([200, withheld]);
        expect(await listed(reader, companyA)).toEqual(withheld);
        expect((await reader.get(`/companies?inn=${full.inn}`)).body.items).toEqual([withheld]);
      },
    );

    it('are shown to a producer of its own company only, its token naming it in any case', async () => {
      for (const companyId of [companyB, companyB.toUpperCase()]) {
        const ownerB = as(await registry.auth.bearer({ roles: ['producer'], companyId }));

        expect((await ownerB.get(`/companies/${companyB}`)).body.contactEmail).toBe('ceo@b.example');
        expect((await listed(ownerB, companyB)).contactEmail).toBe('ceo@b.example');
        expect((await listed(ownerB, companyA)).contactEmail).toBeNull();
      }
    });

    it.each([['registry_admin'], ['admin'], ['ministry_analyst'], ['subsidy_officer'], ['finance_officer']] as const)(
      'are shown to a %s for every company',
      async (role) => {
        const staff = as(await registry.auth.bearer({ roles: [role] }));

        expect((await staff.get(`/companies/${companyB}`)).body.contactEmail).toBe('ceo@b.example');
        expect((await listed(staff, companyB)).contactEmail).toBe('ceo@b.example');
        expect((await listed(staff, companyA)).contactEmail).toEqual(expect.stringContaining('@a.example'));
      },
    );

    it('are not handed to a producer revalidating the copy staff read: the record without them has a tag of its own', async () => {
      const full = await registry.http().get(`/companies/${companyA}`);
      const reader = as(await registry.auth.bearer({ roles: ['producer'], companyId: companyB }));

      const revalidated = await reader.get(`/companies/${companyA}`).set('if-none-match', full.headers.etag);

      expect([revalidated.status, revalidated.body.contactEmail]).toEqual([200, null]);
      expect(revalidated.headers.etag).not.toBe(full.headers.etag);
      const again = await reader.get(`/companies/${companyA}`).set('if-none-match', revalidated.headers.etag);
      expect(again.status).toBe(304);
    });
  });

  it('still lets a registry administrator make the same changes (the refusals above are about the role)', async () => {
    const admin = registry.http();
    await admin.patch(`/companies/${companyA}`).send({ contactEmail: 'office@a.example' }).expect(200);
    await admin.post(`/licences/${licenceA}/suspend`).send({ reason: 'Development plan not followed' }).expect(200);
  });
});
