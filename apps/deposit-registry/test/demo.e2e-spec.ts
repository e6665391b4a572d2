import { DataSource } from 'typeorm';
import { DEMO_DATA_LOADER } from '../src/common/changed-by';
import { loadDemoData } from '../src/demo/load-demo-data';
import { type RegistryTestApp, startRegistry } from './support/registry-app';

const TABLES = ['company', 'deposit', 'product', 'licence', 'facility', 'outbox_message'];

describe('demo data', () => {
  let registry: RegistryTestApp;

  beforeAll(async () => {
    registry = await startRegistry();
  });

  afterAll(async () => {
    await registry.close();
  });

  it('creates every record through the services, with its event, and nothing more when loaded again', async () => {
    const first = await loadDemoData(registry.app);
    const counts = await registry.count(...TABLES);

    expect(first).toEqual({
      companies: { created: 19, existing: 0 },
      deposits: { created: 18, existing: 0 },
      products: { created: 23, existing: 0 },
      licences: { created: 12, existing: 0 },
      facilities: { created: 8, existing: 0 },
    });
    expect(counts).toEqual({
      company: 19,
      deposit: 18,
      product: 23,
      licence: 12,
      facility: 8,
      outbox_message: 19 + 18 + 23 + 12 + 8,
    });

    const second = await loadDemoData(registry.app);

    expect(Object.values(second).map((kind) => kind.created)).toEqual([0, 0, 0, 0, 0]);
    expect(await registry.count(...TABLES)).toEqual(counts);
  });

  it('records every demo record, status-history row and event as made by the registry itself, no user', async () => {
    await loadDemoData(registry.app);
    const authors: { author: unknown }[] = await registry.app.get(DataSource).query(
      `SELECT DISTINCT author FROM (
         SELECT created_by AS author FROM company UNION ALL SELECT updated_by FROM company
         UNION ALL SELECT created_by FROM deposit UNION ALL SELECT created_by FROM product
         UNION ALL SELECT created_by FROM licence UNION ALL SELECT updated_by FROM facility
         UNION ALL SELECT changed_by FROM licence_status_change UNION ALL SELECT changed_by FROM facility_status_change
         UNION ALL SELECT envelope->'payload'->'changedBy' FROM outbox_message) AS authors`,
    );

    expect(authors).toEqual([{ author: DEMO_DATA_LOADER }]);
    expect(DEMO_DATA_LOADER).toEqual({ userId: 'system', name: 'deposit-registry: demo data loader' });
  });

  it('links the Kolmozerskoye licence to Polar Lithium from 21 February 2023', async () => {
    await loadDemoData(registry.app);
    const deposits = await registry.http().get('/deposits').query({ name: 'Kolmozerskoye' });
    const [licence] = (await registry.http().get('/licences').query({ depositId: deposits.body.items[0].id })).body
      .items;
    const holder = await registry.http().get(`/companies/${licence.holderCompanyId}`);

    expect(licence).toMatchObject({ validFrom: '2023-02-21', status: 'active', type: 'combined' });
    expect(holder.body.legalName).toContain('Polar Lithium');
  });
});
