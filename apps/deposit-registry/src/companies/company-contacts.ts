import type { Principal } from '@redmet/platform';
import { type AuthoredView, authorsAsSeenBy } from '../common/changed-by';
import type { Company } from './company.entity';

/** A company's contact details: personal data, unlike the rest of the shared registry. */
const WITHHELD_CONTACTS = { contactEmail: null } satisfies Partial<Company>;

export type CompanyView = AuthoredView<Company>;

/**
 * The company as the caller may read it: staff and the company's own producer see its contacts and who
 * changed it, any other producer (one without a company too) gets the contacts null and the people who
 * changed it as "registry staff" (common/changed-by.ts). The view without them is a copy, not the
 * entity: the version's strong ETag names the whole record (record-version.ts), so this one gets
 * Express's weak tag of its body, and a producer revalidating a copy staff read is never answered 304.
 */
export function asSeenBy(principal: Principal, company: Company): CompanyView {
  return principal.canSeeCompany(company.id)
    ? company
    : { ...authorsAsSeenBy(principal, company, company.id), ...WITHHELD_CONTACTS };
}
