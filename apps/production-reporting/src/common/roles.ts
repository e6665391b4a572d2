import { Roles } from '@redmet/platform';

/** Staff read every company's reports; none of them files any. */
export const STAFF_ROLES = [
  'ministry_analyst',
  'subsidy_officer',
  'finance_officer',
  'registry_admin',
  'admin',
] as const;

export const ReadsReports = (): ClassDecorator & MethodDecorator => Roles('producer', ...STAFF_ROLES);

/** Creating, submitting, amending and uploading: a producer, for its own company only. */
export const FilesReports = (): ClassDecorator & MethodDecorator => Roles('producer');
