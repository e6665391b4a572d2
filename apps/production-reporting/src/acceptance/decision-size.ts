import { createEvent, type ReportLine, ReportRejected, type RejectionReason } from '@redmet/contracts';
import { jsonbTextBytes } from '@redmet/messaging';
import { checkLines } from './line-rules';
import { PlausibilityBounds } from './plausibility';
import type { FacilityFacts, LineContent, ProductFacts, RegistryFacts } from './report-content';
import { checkProductsAtSite } from './site-products';

/** What the contracts and the request DTOs let a field hold, at its longest. */
const LONGEST = {
  productCode: 'P'.repeat(40),
  decimal: '999999999999999.999999',
  /** A string field of this many UTF-16 units, each three bytes in UTF-8 (the most one unit can take). */
  text: (units: number) => '€'.repeat(units),
};

/** Report-level rules (site, licence, period, company) give at most one reason each; their text is the contract's longest. */
const REPORT_LEVEL_REASONS = 12;
const LONGEST_REASON: RejectionReason = {
  code: 'REPORT.REGISTRY_DATA_MISSING',
  message: LONGEST.text(1000),
  lineNo: null,
};

/** The message's key and headers (ids, type, correlation id, trace context) and an origin longer than the one built here. */
const KEY_HEADERS_AND_ORIGIN_BYTES = 4096;

const ID = '00000000-0000-4000-8000-000000000000';

function longestLine(lineNo: number): LineContent & { tonnageClass: ReportLine['tonnageClass'] } {
  return {
    lineNo,
    productCode: LONGEST.productCode,
    quantity: LONGEST.decimal,
    unit: 'kg',
    metalContentTonnes: LONGEST.decimal,
    domesticShipments: LONGEST.decimal,
    exports: LONGEST.decimal,
    tonnageClass: 'small',
  };
}

/**
 * The longest reasons a line can gain after its version was submitted. The
 * amount rules depend only on the line and the configured bounds, so they
 * were settled at submission (a version breaking one is rejected at once, its
 * event measured then); what a registry change or the wait can still add is
 * the product's reason (another unit once the catalogue has the product, or
 * the product still missing when the wait ends: `… after N days of waiting`)
 * and, once the site is known, that the site does not make it.
 */
function longestLateLineReasons(lineNo: number): RejectionReason[] {
  // No amount is implausible here, so the only reasons are the product's.
  const line: LineContent = { ...longestLine(lineNo), metalContentTonnes: '0' };
  const bounds = new PlausibilityBounds(LONGEST.decimal, {});
  const product: ProductFacts = { code: line.productCode, unit: 't', tonnageClass: 'small', elements: ['Li'] };
  const inOtherUnit = new Map([[line.productCode, product]]);
  const [mismatch] = checkLines([line], inOtherUnit, bounds).broken;
  const [unknown] = checkLines([line], new Map(), bounds).missing;
  const expired = {
    ...unknown,
    code: 'REPORT.REGISTRY_DATA_MISSING',
    message: `${unknown.message} after 99999 days of waiting`,
  };
  const elsewhere: RegistryFacts = {
    company: null,
    facility: null,
    deposit: { region: '', metals: ['Be'] },
    licence: null,
    depositOfAnotherCompany: false,
    products: inOtherUnit,
    siteMonths: [],
  };
  const facility: FacilityFacts = {
    operatorCompanyId: ID,
    operators: null,
    depositId: null,
    region: '',
    status: 'commissioned',
    statusSince: '',
    commissionedOn: null,
    productCodes: ['OTHER'],
  };
  const report = { companyId: ID, facilityId: null, depositId: ID, period: '2026-Q1', lines: [line] };
  const [notAtDeposit] = checkProductsAtSite(report, elsewhere).broken;
  const [notAtPlant] = checkProductsAtSite({ ...report, facilityId: ID }, { ...elsewhere, facility }).broken;
  return [longest(mismatch, expired), longest(notAtDeposit, notAtPlant)];
}

function longest(a: RejectionReason, b: RejectionReason): RejectionReason {
  return JSON.stringify(a).length > JSON.stringify(b).length ? a : b;
}

/**
 * Bytes, as the outbox measures them, of the largest decision event a report
 * of `lines` lines can get once it has waited (pending): the decision is then
 * written by a consumer or the pending check, where a refusal would leave the
 * version undecided, so every report the line limit admits must fit.
 */
export function largestLateDecisionBytes(lines: number): number {
  const numbered = Array.from({ length: lines }, (_, index) => index + 1);
  const event = createEvent(
    ReportRejected,
    ID,
    {
      reportId: ID,
      version: 99999,
      companyId: ID,
      facilityId: ID,
      depositId: ID,
      region: LONGEST.text(120),
      period: '2026-Q1',
      state: 'rejected',
      nilReturn: false,
      lines: numbered.map(longestLine),
      submittedBy: { userId: LONGEST.text(128), name: LONGEST.text(200) },
      submittedAt: new Date(0).toISOString(),
      contentSha256: '0'.repeat(64),
      reasons: [
        ...Array<RejectionReason>(REPORT_LEVEL_REASONS).fill(LONGEST_REASON),
        ...numbered.flatMap(longestLateLineReasons),
      ],
    },
    { correlationId: ID, causationId: ID },
  );
  return jsonbTextBytes(JSON.stringify(event)) + KEY_HEADERS_AND_ORIGIN_BYTES;
}
