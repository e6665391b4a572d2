import { ROLES, type Role } from '@redmet/contracts/vocabulary';
import type { MessageKey } from '../i18n/ru';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Who sees it: the roles the services let use it (an admin files nothing for a company). */
  roles: readonly Role[];
}

const MINISTRY: readonly Role[] = ['ministry_analyst', 'admin'];
const OFFICERS: readonly Role[] = ['subsidy_officer', 'finance_officer', 'admin'];
const EVERYONE: readonly Role[] = ROLES;

export const NAVIGATION: NavItem[] = [
  { to: '/company', label: 'nav.company', roles: ['producer'] },
  { to: '/reports', label: 'nav.reports', roles: ['producer'] },
  { to: '/claims', label: 'nav.claims', roles: ['producer'] },
  { to: '/review', label: 'nav.review', roles: OFFICERS },
  { to: '/targets', label: 'nav.targets', roles: MINISTRY },
  { to: '/output', label: 'nav.output', roles: MINISTRY },
  { to: '/imports', label: 'nav.imports', roles: MINISTRY },
  { to: '/subsidy', label: 'nav.subsidy', roles: MINISTRY },
  { to: '/alerts', label: 'nav.alerts', roles: MINISTRY },
  { to: '/silences', label: 'nav.silences', roles: MINISTRY },
  { to: '/subscriptions', label: 'nav.subscriptions', roles: MINISTRY },
  { to: '/trade', label: 'nav.trade', roles: MINISTRY },
  { to: '/export-check', label: 'nav.exportCheck', roles: MINISTRY },
  { to: '/registry', label: 'nav.registry', roles: ['registry_admin', ...MINISTRY, ...OFFICERS] },
  { to: '/map', label: 'nav.map', roles: EVERYONE },
];

/** Where each role starts. */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('producer')) return '/reports';
  if (roles.includes('subsidy_officer') || roles.includes('finance_officer')) return '/review';
  if (roles.includes('ministry_analyst') || roles.includes('admin')) return '/targets';
  return '/map';
}
