// npm run token -- --role registry_admin [--role admin] [--company <uuid>] [--expires 8h]
// Prints a development token signed with the local key (see scripts/dev-auth.mjs).
import { parseArgs } from 'node:util';
import { signDevToken } from './dev-auth.mjs';

const ROLES = ['producer', 'subsidy_officer', 'finance_officer', 'ministry_analyst', 'registry_admin', 'admin'];

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    company: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});
const unknown = values.role.filter((role) => !ROLES.includes(role));
if (values.role.length === 0 || unknown.length > 0) {
  console.error(
    `--role must be one or more of: ${ROLES.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`,
  );
  process.exit(2);
}
if (values.role.includes('producer') && !values.company) {
  console.error('a producer acts for one company: add --company <company id>');
  process.exit(2);
}
console.log(await signDevToken({ roles: values.role, companyId: values.company, expiresIn: values.expires }));
