import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FacilityVersions1764403400000 } from '../src/database/migrations/1764403400000-facility-versions';
import { facilityVersions, plantsKnownAt } from '../src/registry/facility-versions';
import { type MigratedDatabase, migratedDatabase } from './support/migrated-database';

/** The upgrade that brings `facility_version`, on a database that already holds plants: no service, only the database. */
describe('facility versions after the upgrade', () => {
  let database: MigratedDatabase | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await migratedDatabase('facility_versions');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('keeps the plants known before it, each as known from the start', async () => {
    // As the database was before the upgrade (the migrations after it touch other tables).
    const [upgrade, runner] = [new FacilityVersions1764403400000(), dataSource.createQueryRunner()];
    await upgrade.down(runner);
    const [running, planned] = [randomUUID(), randomUUID()];
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Running plant', $3, $4, 'Perm Krai', '{}', 'modernised', '2026-05-01', '2025-03-01', 4),
              ($2, 'Planned plant', $3, NULL, 'Perm Krai', '{}', 'planned', '2026-01-01', NULL, 1)`,
      [running, planned, randomUUID(), randomUUID()],
    );

    await upgrade.up(runner);
    await runner.release();

    expect(
      await dataSource.query(
        `SELECT facility_id, version, deposit_id IS NOT NULL AS deposit FROM facility_version ORDER BY version`,
      ),
    ).toEqual([
      { facility_id: planned, version: 1, deposit: false },
      { facility_id: running, version: 4, deposit: true },
    ]);
    const versions = await facilityVersions(dataSource);
    expect(versions).toEqual([expect.objectContaining({ facilityId: running, knownFrom: -Infinity })]);
    // However early the day asked for, as known then.
    expect(plantsKnownAt(versions, new Date('2000-01-01T00:00:00Z'))).toEqual([
      { commissionedOn: '2025-03-01', closedOn: null },
    ]);
  });

  it('takes a plant an older instance added to the registry copy without its version as known from the start', async () => {
    // As an instance of the release before facility versions, during a rolling upgrade, leaves it.
    const unversioned = randomUUID();
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Plant of an older instance', $2, NULL, 'Perm Krai', '{}', 'commissioned', '2026-02-01', '2026-02-01', 2)`,
      [unversioned, randomUUID()],
    );

    const versions = await facilityVersions(dataSource);
    expect(versions).toContainEqual(
      expect.objectContaining({ facilityId: unversioned, version: 2, knownFrom: -Infinity, status: 'commissioned' }),
    );
    expect(plantsKnownAt(versions, new Date('2000-01-01T00:00:00Z'))).toContainEqual({
      commissionedOn: '2026-02-01',
      closedOn: null,
    });
  });
});
