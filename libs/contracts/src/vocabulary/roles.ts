/**
 * The kinds of user. A producer acts for one company; officers decide subsidy
 * claims (finance officers mark payments); ministry analysts watch targets.
 */
export const ROLES = [
  'producer',
  'subsidy_officer',
  'finance_officer',
  'ministry_analyst',
  'registry_admin',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
