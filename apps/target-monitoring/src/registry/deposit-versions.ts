import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';
import { type KeptVersions, namedAsKnownAt } from './kept-versions';

const DEPOSIT_VERSIONS: KeptVersions = {
  table: 'deposit_version',
  key: 'deposit_id',
  copy: 'registry_deposit',
  copyKey: 'deposit_id',
};

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordDepositVersion(manager: EntityManager, change: ChangeOf<'deposit'>): Promise<void> {
  await manager.query(
    `INSERT INTO deposit_version (deposit_id, version, known_from, name) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [change.id, change.version, change.occurredAt, change.snapshot.name],
  );
}

/** The registry copy's deposits (id, name) with the name the registry had given them by `knownAt`. */
export const depositsNamedAt = (knownAt: string) => namedAsKnownAt(DEPOSIT_VERSIONS, 'name', knownAt);
