import type { EntityManager } from 'typeorm';
import { closedOn, type FacilityStatus } from '@redmet/contracts';
import type { ChangeOf } from '@redmet/registry-view';
import type { PlantLife } from '../programme/inputs';
import { keptVersions, namedAsKnownAt, type NamedVersions } from './kept-versions';

const FACILITY_VERSIONS: NamedVersions = {
  table: 'facility_version',
  key: 'facility_id',
  copy: 'registry_facility',
  copyKey: 'facility_id',
  name: 'name',
  // The copy does not keep the plant a facility brings back: for a facility with no version kept, none is known.
  notInCopy: { restart_of: 'NULL::uuid' },
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
  /** The closed plant this facility brings back. */
  restartOf: string | null;
}

/** What the registry said of a facility's life at some moment, and the closed plant it brings back. */
export interface FacilityLife {
  facilityId: string;
  restartOf: string | null;
  commissionedOn: string | null;
  closedOn: string | null;
}

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordFacilityVersion(manager: EntityManager, change: ChangeOf<'facility'>): Promise<void> {
  const { snapshot } = change;
  await manager.query(
    `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, deposit_id,
                                   name, restart_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      change.id,
      change.version,
      change.occurredAt,
      snapshot.status,
      snapshot.statusSince,
      snapshot.commissionedOn ?? null,
      snapshot.depositId ?? null,
      snapshot.name,
      snapshot.restartOf ?? null,
    ],
  );
}

/**
 * The versions of the facilities ever commissioned, and of those another brings back (a link in a chain of
 * restarts, even one never commissioned), oldest first: a few per plant, a few hundred plants.
 */
export async function facilityVersions(manager: Pick<EntityManager, 'query'>): Promise<FacilityVersion[]> {
  const rows: {
    facility_id: string;
    version: number;
    known_from: number;
    status: FacilityStatus;
    status_since: string;
    commissioned_on: string | null;
    restart_of: string | null;
  }[] = await manager.query(
    `WITH kept AS ${keptVersions(FACILITY_VERSIONS, ['status', 'status_since', 'commissioned_on', 'restart_of'])}
     SELECT facility_id, version, (extract(epoch FROM known_from) * 1000)::float8 AS known_from, status, to_char(status_since, 'YYYY-MM-DD') AS status_since,
            to_char(commissioned_on, 'YYYY-MM-DD') AS commissioned_on, restart_of
       FROM kept v
      WHERE EXISTS (SELECT 1 FROM kept c WHERE c.facility_id = v.facility_id AND c.commissioned_on IS NOT NULL)
         OR EXISTS (SELECT 1 FROM kept r WHERE r.restart_of = v.facility_id)
      ORDER BY known_from, version`,
  );
  return rows.map((row) => ({
    facilityId: row.facility_id,
    version: row.version,
    knownFrom: row.known_from,
    status: row.status,
    statusSince: row.status_since,
    commissionedOn: row.commissioned_on,
    restartOf: row.restart_of,
  }));
}

/**
 * The plants as the registry had them at `knownAt`: each facility's highest
 * version made by then, if it had been commissioned. A closure or a
 * commissioning recorded later, even one dated before, is not yet known. The
 * plant a facility brings back is the one any of its versions made by then
 * names: the registry names it on registration and never changes it, but a
 * version an older instance recorded during a rolling upgrade names none.
 */
export function plantsKnownAt(versions: FacilityVersion[], knownAt: Date): PlantLife[] {
  const latest = new Map<string, FacilityVersion>();
  const restarts = new Map<string, string>();
  for (const version of versions) {
    if (version.knownFrom > knownAt.getTime()) continue;
    const known = latest.get(version.facilityId);
    if (!known || known.version < version.version) latest.set(version.facilityId, version);
    if (version.restartOf) restarts.set(version.facilityId, version.restartOf);
  }
  return plantLives(
    [...latest.values()].map((version) => ({
      facilityId: version.facilityId,
      restartOf: restarts.get(version.facilityId) ?? null,
      commissionedOn: version.commissionedOn,
      closedOn: closedOn(version),
    })),
  );
}

/**
 * The plants as the registry has them now (its copy keeps the latest version): a closure the registry learns
 * of later changes past figures too (as known then, `plantsKnownAt`). Only a first commissioning day makes a
 * plant new (the status day of an older event may be a modernisation). The copy does not keep the plant a
 * facility brings back: the versions kept here name it, any of them (the registration does; a later version an
 * older instance recorded names none). The lookup of the plants brought back states `restart_of IS NOT NULL`,
 * which its equality already implies: under an OR it is not made a join, and only so does it read the partial
 * index.
 */
export async function plantsNow(manager: Pick<EntityManager, 'query'>): Promise<PlantLife[]> {
  const rows: {
    facility_id: string;
    status: FacilityStatus;
    status_since: string;
    commissioned_on: string | null;
    restart_of: string | null;
  }[] = await manager.query(
    `SELECT f.facility_id, f.status, to_char(f.status_since, 'YYYY-MM-DD') AS status_since,
            to_char(f.commissioned_on, 'YYYY-MM-DD') AS commissioned_on,
            (SELECT v.restart_of FROM facility_version v
              WHERE v.facility_id = f.facility_id AND v.restart_of IS NOT NULL LIMIT 1) AS restart_of
       FROM registry_facility f
      WHERE f.commissioned_on IS NOT NULL
         OR EXISTS (SELECT 1 FROM facility_version r WHERE r.restart_of = f.facility_id AND r.restart_of IS NOT NULL)`,
  );
  return plantLives(
    rows.map((row) => ({
      facilityId: row.facility_id,
      restartOf: row.restart_of,
      commissionedOn: row.commissioned_on,
      closedOn: closedOn({ status: row.status, statusSince: row.status_since }),
    })),
  );
}

/**
 * The commissioned plants among `facilities`, each new toward the target only if its site is
 * (`countsFrom`): a plant bringing back a closed one is an existing site, so it counts from the earliest
 * commissioning of the chain it ends, itself and the plants brought back one by another. A plant brought
 * back that never ran (a project given up) makes no site old. The chain stops at a plant not among
 * `facilities` (unknown here, or not yet by then): a restart of a plant never heard of counts from its own
 * commissioning, since nothing known says the site ran before.
 *
 * A plant brought back is closed by the first commissioning of a later plant of its chain at the latest,
 * whatever closing day is known here for it: each plant's events arrive in order, but not the two plants'
 * together, so the successor's commissioning can be known before the closure it follows (the registry
 * refuses a successor started before that closure), and the site would count twice meanwhile.
 */
export function plantLives(facilities: FacilityLife[]): PlantLife[] {
  const byId = new Map(facilities.map((facility) => [facility.facilityId, facility]));
  const succeededOn = new Map<string, string>();
  const plants = facilities.flatMap(({ facilityId, restartOf, commissionedOn, closedOn }) => {
    if (!commissionedOn) return [];
    let countsFrom = commissionedOn;
    // The registry brings back only a plant closed before, so a chain ends; a loop in what reached here must
    // still not hang the count.
    const seen = new Set([facilityId]);
    for (let link = restartOf; link !== null && !seen.has(link);) {
      seen.add(link);
      const earlier = byId.get(link);
      if (!earlier) break;
      if (earlier.commissionedOn && earlier.commissionedOn < countsFrom) countsFrom = earlier.commissionedOn;
      const succeeded = succeededOn.get(link);
      if (!succeeded || commissionedOn < succeeded) succeededOn.set(link, commissionedOn);
      link = earlier.restartOf;
    }
    return [{ facilityId, commissionedOn, closedOn, countsFrom }];
  });
  return plants.map(({ facilityId, commissionedOn, closedOn, countsFrom }) => {
    const succeeded = succeededOn.get(facilityId);
    const closed = succeeded && (closedOn === null || succeeded < closedOn) ? succeeded : closedOn;
    return { commissionedOn, closedOn: closed, countsFrom };
  });
}

/** The registry copy's facilities (id, name) with the name the registry had given them by `knownAt`. */
export const facilitiesNamedAt = (knownAt: string) => namedAsKnownAt(FACILITY_VERSIONS, knownAt);
