import type { EntityManager } from 'typeorm';
import { closedOn, type FacilityStatus } from '@redmet/contracts';
import type { ChangeOf } from '@redmet/registry-view';
import type { PlantLife } from '../programme/inputs';
import { type KeptVersions, keptVersions, namedAsKnownAt } from './kept-versions';

const FACILITY_VERSIONS: KeptVersions = {
  table: 'facility_version',
  key: 'facility_id',
  copy: 'registry_facility',
  copyKey: 'facility_id',
};

/** What one version of a facility said of its life, and when the registry made it. */
export interface FacilityVersion {
  facilityId: string;
  version: number;
  /** Epoch milliseconds; -Infinity for a version taken as known from the start (`keptVersions`). */
  knownFrom: number;
  status: FacilityStatus;
  statusSince: string;
  commissionedOn: string | null;
}

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordFacilityVersion(manager: EntityManager, change: ChangeOf<'facility'>): Promise<void> {
  const { snapshot } = change;
  await manager.query(
    `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, deposit_id,
                                   name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      change.id,
      change.version,
      change.occurredAt,
      snapshot.status,
      snapshot.statusSince,
      snapshot.commissionedOn ?? null,
      snapshot.depositId ?? null,
      snapshot.name,
    ],
  );
}

/** The versions of the facilities ever commissioned, oldest first (a few per plant, a few hundred plants). */
export async function facilityVersions(manager: Pick<EntityManager, 'query'>): Promise<FacilityVersion[]> {
  const rows: {
    facility_id: string;
    version: number;
    known_from: number;
    status: FacilityStatus;
    status_since: string;
    commissioned_on: string | null;
  }[] = await manager.query(
    `WITH kept AS ${keptVersions(FACILITY_VERSIONS, ['status', 'status_since', 'commissioned_on'])}
     SELECT facility_id, version, (extract(epoch FROM known_from) * 1000)::float8 AS known_from, status, to_char(status_since, 'YYYY-MM-DD') AS status_since,
            to_char(commissioned_on, 'YYYY-MM-DD') AS commissioned_on
       FROM kept v
      WHERE EXISTS (SELECT 1 FROM kept c WHERE c.facility_id = v.facility_id AND c.commissioned_on IS NOT NULL)
      ORDER BY known_from, version`,
  );
  return rows.map((row) => ({
    facilityId: row.facility_id,
    version: row.version,
    knownFrom: row.known_from,
    status: row.status,
    statusSince: row.status_since,
    commissionedOn: row.commissioned_on,
  }));
}

/**
 * The plants as the registry had them at `knownAt`: each facility's highest
 * version made by then, if it had been commissioned. A closure or a
 * commissioning recorded later, even one dated before, is not yet known.
 */
export function plantsKnownAt(versions: FacilityVersion[], knownAt: Date): PlantLife[] {
  const latest = new Map<string, FacilityVersion>();
  for (const version of versions) {
    if (version.knownFrom > knownAt.getTime()) continue;
    const known = latest.get(version.facilityId);
    if (!known || known.version < version.version) latest.set(version.facilityId, version);
  }
  return [...latest.values()].flatMap((version) =>
    version.commissionedOn ? [{ commissionedOn: version.commissionedOn, closedOn: closedOn(version) }] : [],
  );
}

/** The registry copy's facilities (id, name) with the name the registry had given them by `knownAt`. */
export const facilitiesNamedAt = (knownAt: string) => namedAsKnownAt(FACILITY_VERSIONS, 'name', knownAt);
