import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';
import { namedAsKnownAt, type NamedVersions, recordNamedVersion } from './kept-versions';

const DEPOSIT_VERSIONS: NamedVersions = {
  table: 'deposit_version',
  key: 'deposit_id',
  copy: 'registry_deposit',
  copyKey: 'deposit_id',
  name: 'name',
};

export const recordDepositVersion = (manager: EntityManager, change: ChangeOf<'deposit'>) =>
  recordNamedVersion(manager, DEPOSIT_VERSIONS, change, change.snapshot.name);

/** The registry copy's deposits (id, name) with the name the registry had given them by `knownAt`. */
export const depositsNamedAt = (knownAt: string) => namedAsKnownAt(DEPOSIT_VERSIONS, knownAt);
