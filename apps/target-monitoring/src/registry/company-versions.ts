import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';
import { type KeptVersions, namedAsKnownAt } from './kept-versions';

const COMPANY_VERSIONS: KeptVersions = {
  table: 'company_version',
  key: 'company_id',
  copy: 'registry_company',
  copyKey: 'company_id',
};

/** Every version, late or duplicate ones included: a version once recorded is never changed. */
export async function recordCompanyVersion(manager: EntityManager, change: ChangeOf<'company'>): Promise<void> {
  await manager.query(
    `INSERT INTO company_version (company_id, version, known_from, legal_name) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [change.id, change.version, change.occurredAt, change.snapshot.legalName],
  );
}

/** The registry copy's companies (id, legal_name) with the name the registry had given them by `knownAt`. */
export const companiesNamedAt = (knownAt: string) => namedAsKnownAt(COMPANY_VERSIONS, 'legal_name', knownAt);
