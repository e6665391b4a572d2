import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FacilityVersions1764403400000 } from '../src/database/migrations/1764403400000-facility-versions';
import { FacilityRestarts1764404100000 } from '../src/database/migrations/1764404100000-facility-restarts';
import { facilityVersions, plantsKnownAt, plantsNow } from '../src/registry/facility-versions';
import { type SteppedDatabase, steppedDatabase, timestampOf } from './support/migrated-database';

/** The upgrade that brings `facility_version`, on a database that already holds plants: no service, only the database. */
describe('facility versions after the upgrade', () => {
  let database: SteppedDatabase;

  beforeAll(async () => {
    database = await steppedDatabase('facility_versions');
  });

  afterAll(async () => {
    await database.close();
  });

  it('keeps the plants known before it, each as known from the start', async () => {
    const before = await database.upTo(timestampOf(FacilityVersions1764403400000) - 1);
    const [running, planned] = [randomUUID(), randomUUID()];
    await before.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Running plant', $3, $4, 'Perm Krai', '{}', 'modernised', '2026-05-01', '2025-03-01', 4),
              ($2, 'Planned plant', $3, NULL, 'Perm Krai', '{}', 'planned', '2026-01-01', NULL, 1)`,
      [running, planned, randomUUID(), randomUUID()],
    );

    // Every upgrade since, as a database of that release would be brought up to date.
    const dataSource = await database.upTo();

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
      { commissionedOn: '2025-03-01', closedOn: null, countsFrom: '2025-03-01' },
    ]);
  });

  it('takes a plant an older instance added to the registry copy without its version as known from the start', async () => {
    // As an instance of the release before facility versions, during a rolling upgrade, leaves it.
    const [dataSource, unversioned] = [await database.upTo(), randomUUID()];
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, 'Plant of an older instance', $2, NULL, 'Perm Krai', '{}', 'commissioned', '2026-02-01', '2026-02-01', 2)`,
      [unversioned, randomUUID()],
    );

    const versions = await facilityVersions(dataSource);
    // The copy keeps no plant brought back: none is known for it.
    expect(versions).toContainEqual(
      expect.objectContaining({
        facilityId: unversioned,
        version: 2,
        knownFrom: -Infinity,
        status: 'commissioned',
        restartOf: null,
      }),
    );
    expect(plantsKnownAt(versions, new Date('2000-01-01T00:00:00Z'))).toContainEqual({
      commissionedOn: '2026-02-01',
      closedOn: null,
      countsFrom: '2026-02-01',
    });
  });
});

/** The upgrade that keeps the plant a facility brings back, on a database that already holds facility versions. */
describe('facility restarts after the upgrade', () => {
  let database: SteppedDatabase;
  const copyPlant = (
    dataSource: DataSource,
    id: string,
    name: string,
    status: string,
    since: string,
    on: string | null,
  ) =>
    dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, deposit_id, region, product_codes,
         status, status_since, commissioned_on, version)
       VALUES ($1, $2, $3, NULL, 'Perm Krai', '{}', $4, $5, $6, 1)`,
      [id, name, randomUUID(), status, since, on],
    );

  beforeAll(async () => {
    database = await steppedDatabase('facility_restarts');
  });

  afterAll(async () => {
    await database.close();
  });

  it('keeps the versions known before it as bringing none back, and reads the ones recorded after', async () => {
    const before = await database.upTo(timestampOf(FacilityRestarts1764404100000) - 1);
    const old = randomUUID();
    await copyPlant(before, old, 'Old plant', 'closed', '2025-03-01', '2019-05-01');
    await before.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, name)
       VALUES ($1, 1, '-infinity', 'commissioned', '2019-05-01', '2019-05-01', 'Old plant'),
              ($1, 2, '2025-03-02T09:00:00Z', 'closed', '2025-03-01', '2019-05-01', 'Old plant')`,
      [old],
    );

    const after = await database.upTo();
    expect(await after.query(`SELECT version, restart_of FROM facility_version ORDER BY version`)).toEqual([
      { version: 1, restart_of: null },
      { version: 2, restart_of: null },
    ]);
    expect(await plantsNow(after)).toEqual([
      { commissionedOn: '2019-05-01', closedOn: '2025-03-01', countsFrom: '2019-05-01' },
    ]);

    // Brought back by a project given up, never commissioned, then by a plant that ran, as a newer instance records
    // them: an existing site, now and as known then.
    const [abandoned, back] = [randomUUID(), randomUUID()];
    await copyPlant(after, abandoned, 'Old plant, project given up', 'closed', '2025-05-01', null);
    await copyPlant(after, back, 'Old plant restarted', 'commissioned', '2025-09-01', '2025-09-01');
    await after.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, name,
         restart_of)
       VALUES ($1, 1, '2025-04-01T09:00:00Z', 'closed', '2025-05-01', NULL, 'Old plant, project given up', $3),
              ($2, 1, '2025-09-02T09:00:00Z', 'commissioned', '2025-09-01', '2025-09-01', 'Old plant restarted', $1)`,
      [abandoned, back, old],
    );
    const restarted = { commissionedOn: '2025-09-01', closedOn: null, countsFrom: '2019-05-01' };
    expect(await plantsNow(after)).toContainEqual(restarted);
    expect(plantsKnownAt(await facilityVersions(after), new Date('2025-12-31T00:00:00Z'))).toContainEqual(restarted);
  });
});
