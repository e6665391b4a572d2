import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { NameVersions1764404000000 } from '../src/database/migrations/1764404000000-name-versions';
import { companiesNamedAt } from '../src/registry/company-versions';
import { depositsNamedAt } from '../src/registry/deposit-versions';
import { facilitiesNamedAt, facilityVersions, plantsKnownAt } from '../src/registry/facility-versions';
import { catalogueKnownAt } from '../src/registry/product-versions';
import { productCode } from './support/builders';
import { type MigratedDatabase, migratedDatabase } from './support/migrated-database';

/** The upgrade that keeps names with versions, on a database that already holds companies, deposits and plants. */
describe('name versions after the upgrade', () => {
  let database: MigratedDatabase | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await migratedDatabase('name_versions');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('keeps the names known before it, each as known from the start, and a plant version’s own where it can', async () => {
    const [upgrade, runner] = [new NameVersions1764404000000(), dataSource.createQueryRunner()];
    await upgrade.down(runner);
    const [company, deposit, plant] = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.query(
      `INSERT INTO registry_company (company_id, legal_name, inn, region, status, version)
       VALUES ($1, 'Lovozersky GOK LLC', '5116377823', 'Murmansk Oblast', 'active', 2)`,
      [company],
    );
    await dataSource.query(
      `INSERT INTO registry_deposit (deposit_id, name, region, metals, status, version)
       VALUES ($1, 'Lovozero', 'Murmansk Oblast', '{Nb,Ta}', 'developed', 3)`,
      [deposit],
    );
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Karnasurt mine', $2, $3, 'Murmansk Oblast', '{}', 'modernised', '2026-05-01', '2025-03-01', 2)`,
      [plant, company, deposit],
    );
    // Its first version from an event, its second from before versions were kept.
    await dataSource.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, deposit_id)
       VALUES ($1, 1, '2025-03-01T09:00:00Z', 'commissioned', '2025-03-01', '2025-03-01', $2),
              ($1, 2, '-infinity', 'modernised', '2026-05-01', '2025-03-01', $2)`,
      [plant, deposit],
    );

    await upgrade.up(runner);
    await runner.release();

    expect(await dataSource.query(`SELECT * FROM company_version`)).toEqual([
      { company_id: company, version: 2, known_from: -Infinity, legal_name: 'Lovozersky GOK LLC' },
    ]);
    expect(await dataSource.query(`SELECT * FROM deposit_version`)).toEqual([
      { deposit_id: deposit, version: 3, known_from: -Infinity, name: 'Lovozero' },
    ]);
    // The copy says what its own version said, not what an older one did.
    expect(await dataSource.query(`SELECT version, name FROM facility_version ORDER BY version`)).toEqual([
      { version: 1, name: null },
      { version: 2, name: 'Karnasurt mine' },
    ]);
    // A rename recorded after it: the day before shows the name the migration kept, the day after the new one.
    await dataSource.query(
      `INSERT INTO company_version (company_id, version, known_from, legal_name)
       VALUES ($1, 3, '2026-06-01T09:00:00Z', 'Lovozero Mining LLC')`,
      [company],
    );
    await dataSource.query(
      `UPDATE registry_company SET legal_name = 'Lovozero Mining LLC', version = 3 WHERE company_id = $1`,
      [company],
    );
    await dataSource.query(
      `INSERT INTO deposit_version (deposit_id, version, known_from, name)
       VALUES ($1, 4, '2026-06-01T09:00:00Z', 'Lovozero massif')`,
      [deposit],
    );
    await dataSource.query(`UPDATE registry_deposit SET name = 'Lovozero massif', version = 4 WHERE deposit_id = $1`, [
      deposit,
    ]);
    await dataSource.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, deposit_id,
         name)
       VALUES ($1, 3, '2026-06-01T09:00:00Z', 'modernised', '2026-05-01', '2025-03-01', $2, 'Karnasurt mine No. 2')`,
      [plant, deposit],
    );
    await dataSource.query(
      `UPDATE registry_facility SET name = 'Karnasurt mine No. 2', version = 3 WHERE facility_id = $1`,
      [plant],
    );
    const named = async (day: string) => [
      await dataSource.query(`SELECT legal_name FROM ${companiesNamedAt('$1')} c`, [new Date(day)]),
      await dataSource.query(`SELECT name FROM ${depositsNamedAt('$1')} d`, [new Date(day)]),
      await dataSource.query(`SELECT name FROM ${facilitiesNamedAt('$1')} f`, [new Date(day)]),
    ];
    // However early the day asked for, as known then.
    expect(await named('2000-01-01T00:00:00Z')).toEqual([
      [{ legal_name: 'Lovozersky GOK LLC' }],
      [{ name: 'Lovozero' }],
      [{ name: 'Karnasurt mine' }],
    ]);
    expect(await named('2026-06-01T09:00:00Z')).toEqual([
      [{ legal_name: 'Lovozero Mining LLC' }],
      [{ name: 'Lovozero massif' }],
      [{ name: 'Karnasurt mine No. 2' }],
    ]);
  });

  it('keeps a plant and a product an older instance added known from the start once a newer one records their next version', async () => {
    // As an instance of a release before their versions, during a rolling upgrade, leaves them: in the copy only.
    const [plant, code] = [randomUUID(), productCode()];
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Plant of an older instance', $2, NULL, 'Perm Krai', '{}', 'commissioned', '2026-02-01', '2026-02-01', 1)`,
      [plant, randomUUID()],
    );
    await dataSource.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, 'Product of an older instance', '{Nb}', 'large', '2825.90', 't', 'reported', 1)`,
      [code],
    );
    // Their second versions, as a newer instance records them and its registry copy takes them.
    await dataSource.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, name)
       VALUES ($1, 2, '2026-09-01T09:00:00Z', 'modernised', '2026-08-01', '2026-02-01', 'Modernised plant')`,
      [plant],
    );
    await dataSource.query(
      `UPDATE registry_facility SET name = 'Modernised plant', status = 'modernised', status_since = '2026-08-01',
         version = 2 WHERE facility_id = $1`,
      [plant],
    );
    await dataSource.query(
      `INSERT INTO product_version (product_code, version, known_from, name, elements, tonnage_class, hs_code)
       VALUES ($1, 2, '2026-09-01T09:00:00Z', 'Renamed product', '{Nb,Ta}', 'large', '2825.90')`,
      [code],
    );
    await dataSource.query(
      `UPDATE registry_product SET name = 'Renamed product', elements = '{Nb,Ta}', version = 2 WHERE code = $1`,
      [code],
    );

    // Before the second version was made, known all the same, as that version has it: the first is not kept.
    const early = new Date('2026-03-01T00:00:00Z');
    const versions = await facilityVersions(dataSource);
    expect(versions.filter((version) => version.facilityId === plant)).toEqual([
      expect.objectContaining({ version: 2, knownFrom: -Infinity, status: 'modernised' }),
    ]);
    expect(plantsKnownAt(versions, early)).toContainEqual({
      commissionedOn: '2026-02-01',
      closedOn: null,
      countsFrom: '2026-02-01',
    });
    expect(
      await dataSource.query(`SELECT code, name, elements FROM ${catalogueKnownAt('$1')} p WHERE code = $2`, [
        early,
        code,
      ]),
    ).toEqual([{ code, name: 'Renamed product', elements: ['Nb', 'Ta'] }]);
  });
});
