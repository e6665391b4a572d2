import type { EntityManager } from 'typeorm';
import type { LicenceStatus } from '@redmet/contracts';

/**
 * A licence and its holder's other licences for the same deposit (of the
 * statuses given; all when none are): whether one of them covers the
 * deposit's output depends on the others.
 */
export async function licenceAndSiblings(
  manager: EntityManager,
  licenceId: string,
  siblingStatuses?: readonly LicenceStatus[],
): Promise<string[]> {
  const rows: { licence_id: string }[] = await manager.query(
    `SELECT other.licence_id FROM registry_licence l
       JOIN registry_licence other
         ON other.holder_company_id = l.holder_company_id AND other.deposit_id = l.deposit_id
        AND other.licence_id <> l.licence_id AND ($2::text[] IS NULL OR other.status = ANY($2::text[]))
      WHERE l.licence_id = $1`,
    [licenceId, siblingStatuses ?? null],
  );
  return [licenceId, ...rows.map((row) => row.licence_id)];
}
