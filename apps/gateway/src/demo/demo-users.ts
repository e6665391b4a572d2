import type { Role } from '@redmet/contracts';

/** Shared by every demo account; for demonstrations only, never in production. */
export const DEMO_PASSWORD = 'redmet-demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  /** Producers act for the registry's demo company with this INN. */
  companyInn?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Platform administrator', roles: ['admin'] },
  { username: 'registry.admin', displayName: 'N. Kuznetsova (registry)', roles: ['registry_admin'] },
  {
    username: 'producer.lovozero',
    displayName: 'A. Petrova (Lovozersky GOK)',
    roles: ['producer'],
    companyInn: '5116377823',
  },
  {
    username: 'producer.polar',
    displayName: 'D. Egorov (Polar Lithium)',
    roles: ['producer'],
    companyInn: '5195112400',
  },
  { username: 'officer.smirnov', displayName: 'I. Smirnov (subsidy officer)', roles: ['subsidy_officer'] },
  { username: 'officer.volkova', displayName: 'O. Volkova (subsidy officer)', roles: ['subsidy_officer'] },
  { username: 'finance.sokolov', displayName: 'P. Sokolov (finance)', roles: ['finance_officer'] },
  { username: 'analyst.orlova', displayName: 'M. Orlova (ministry)', roles: ['ministry_analyst'] },
];
