import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { NameVersions1764404000000 } from '../src/database/migrations/1764404000000-name-versions';
import { companiesNamedAt } from '../src/registry/company-versions';
import { depositsNamedAt } from '../src/registry/deposit-versions';
import { facilitiesNamedAt } from '../src/registry/facility-versions';
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
    // However early the day asked for, as known then.
    const early = [new Date('2000-01-01T00:00:00Z')];
    expect(await dataSource.query(`SELECT * FROM ${companiesNamedAt('$1')} c`, early)).toEqual([
      { company_id: company, legal_name: 'Lovozersky GOK LLC' },
    ]);
    expect(await dataSource.query(`SELECT * FROM ${depositsNamedAt('$1')} d`, early)).toEqual([
      { deposit_id: deposit, name: 'Lovozero' },
    ]);
    expect(await dataSource.query(`SELECT * FROM ${facilitiesNamedAt('$1')} f`, early)).toEqual([
      { facility_id: plant, name: 'Karnasurt mine' },
    ]);
  });
});
