import type { EntityManager } from 'typeorm';
import type { RegistryChange } from '@redmet/registry-view';

/**
 * A registry entity of which this service keeps every version with when the registry made it (`known_from`),
 * beside the registry copy, which keeps only the latest. The columns read are named alike in both tables.
 */
export interface KeptVersions {
  /** The table of versions and its key column. */
  table: string;
  key: string;
  /** The registry copy and its key column. */
  copy: string;
  copyKey: string;
  /** Columns read that the registry copy does not hold, with the expression its rows give in their place. */
  notInCopy?: Record<string, string>;
}

/** Kept versions that hold the entity's name: `name` is its column, in both tables. */
export interface NamedVersions extends KeptVersions {
  name: string;
}

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordNamedVersion(
  manager: EntityManager,
  { table, key, name }: NamedVersions,
  change: Pick<RegistryChange, 'id' | 'version' | 'occurredAt'>,
  named: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${table} (${key}, version, known_from, ${name}) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [change.id, change.version, change.occurredAt, named],
  );
}

/**
 * Every version kept of each entity, keyed as the registry copy is, and the copy's row for an entity with no
 * version kept at all, as known from the start: an instance of an older release, during a rolling upgrade,
 * adds an entity to the copy without recording its version, and the migrations that brought the version
 * tables took the entities already in the copy as known from the start alike. Such an entity's next version,
 * recorded by a newer instance, is then the earliest kept, and not its first (the registry numbers an entity's
 * versions from 1): it is taken as known from the start too, or the entity would vanish from the days before
 * that version. An entity with its first version kept is read from its versions only: the copy's row is the
 * latest, not what was known on an earlier day.
 */
export const keptVersions = ({ table, key, copy, copyKey, notInCopy = {} }: KeptVersions, columns: string[]) => `(
  SELECT ${key} AS ${copyKey}, version,
         CASE WHEN version > 1 AND version = min(version) OVER (PARTITION BY ${key}) THEN '-infinity'::timestamptz
              ELSE known_from END AS known_from,
         ${columns.join(', ')}
    FROM ${table}
   UNION ALL
  SELECT ${copyKey}, version, '-infinity'::timestamptz, ${columns.map((column) => notInCopy[column] ?? column).join(', ')}
    FROM ${copy} c
   WHERE NOT EXISTS (SELECT 1 FROM ${table} v WHERE v.${key} = c.${copyKey}))`;

/**
 * Each entity's highest version made by `knownAt` (an SQL expression of a moment) of those `where` holds of,
 * with its key, its version and `columns` as the registry copy names them: a late, older version never
 * replaces it, and an entity the registry had not made by then is left out.
 */
export const latestKnownAt = (entity: KeptVersions, columns: string[], knownAt: string, where = 'true') => `(
  SELECT DISTINCT ON (${entity.copyKey}) ${entity.copyKey}, version, ${columns.join(', ')}
    FROM ${keptVersions(entity, columns)} kept
   WHERE known_from <= ${knownAt} AND ${where}
   ORDER BY ${entity.copyKey}, version DESC)`;

/**
 * The registry copy's keys with the name column as the registry had it at `knownAt`: the name of the
 * highest version made by then. An older instance, during a rolling upgrade, records a version without its
 * name: that version's name is the copy's while the copy holds it, else the highest version named by then
 * stands in. An entity the registry had not named by then keeps its current name rather than none: the
 * figures shown beside it reference it all the same (a report may have reached this service before the
 * registry's event, or the registry made the entity after the day asked for), and a blank would say less
 * than the name it came to have.
 */
export const namedAsKnownAt = (entity: NamedVersions, knownAt: string) => {
  const { name } = entity;
  return `(
  SELECT c.${entity.copyKey},
         coalesce(known.${name}, CASE WHEN known.version = c.version THEN c.${name} END, named.${name}, c.${name})
           AS ${name}
    FROM ${entity.copy} c
    LEFT JOIN ${latestKnownAt(entity, [name], knownAt)} known USING (${entity.copyKey})
    LEFT JOIN ${latestKnownAt(entity, [name], knownAt, `${name} IS NOT NULL`)} named USING (${entity.copyKey}))`;
};
