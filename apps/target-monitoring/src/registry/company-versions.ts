import type { EntityManager } from 'typeorm';
import type { ChangeOf } from '@redmet/registry-view';
import { namedAsKnownAt, type NamedVersions, recordNamedVersion } from './kept-versions';

const COMPANY_VERSIONS: NamedVersions = {
  table: 'company_version',
  key: 'company_id',
  copy: 'registry_company',
  copyKey: 'company_id',
  name: 'legal_name',
};

export const recordCompanyVersion = (manager: EntityManager, change: ChangeOf<'company'>) =>
  recordNamedVersion(manager, COMPANY_VERSIONS, change, change.snapshot.legalName);

/** The registry copy's companies (id, legal_name) with the name the registry had given them by `knownAt`. */
export const companiesNamedAt = (knownAt: string) => namedAsKnownAt(COMPANY_VERSIONS, knownAt);
