import {
  closedOn,
  type FacilityLifecycle,
  type FacilityOperators,
  monthsOf,
  monthsOperatedBy,
  operatedBetween,
  parsePeriod,
} from '@redmet/contracts';
import { multiplyDown } from '../common/money';
import type { PricedLine } from './compensation';

/** One reason a claim cannot be submitted; `code` is stable, `field` points at what to fix. */
export interface EligibilityFailure {
  code: string;
  field: string;
  message: string;
}

export interface ReportFacts {
  companyId: string;
  period: string;
}

/** Everything the rules look at, gathered beforehand so the rules themselves are plain logic. */
export interface EligibilityFacts {
  today: string;
  /** The day the claim was first submitted; null for a claim never submitted. */
  firstSubmittedOn: string | null;
  claimCutoff: string;
  eligibleProductCodes: readonly string[];
  minRevenueMultiple: string;
  companyId: string;
  period: string;
  /** null when the registry has not told us about the company. */
  companyStatus: string | null;
  /** Why the company holds no valid licence or facility for the period; null when it does. */
  licenceOrFacilityProblem: string | null;
  noTaxArrears: boolean;
  notInLiquidation: boolean;
  annualRevenueKopecks: string | null;
  reportIds: readonly string[];
  /**
   * Whether a producer asks: to it, another company's report reads as one with no accepted version (same
   * code, same message), or the answer would tell which report ids exist elsewhere. Staff see every
   * company's reports anyway, and an officer keying in a paper claim learns a mistyped id or company.
   */
  forProducer: boolean;
  /** The latest accepted version of each referenced report that has one. */
  acceptedReports: ReadonlyMap<string, ReportFacts>;
  otherClaimThisQuarter: string | null;
  lines: readonly PricedLine[];
  /** Documents of this claim already in another live claim of the company: document key → that claim. */
  claimedElsewhere: ReadonlyMap<string, string>;
  computedKopecks: string;
  requestedKopecks: string;
  /** What the company's other live claims of the programme year ask, or were approved where decided. */
  otherClaimsOfYearKopecks: string;
}

/**
 * Whether a plant makes the company eligible for the quarter: the plant ran on some day of it (one closed after
 * the quarter still counts for it, one closed before it started does not) and the company operated it in a month
 * of it.
 */
export function ranPlantIn(
  facility: FacilityLifecycle & FacilityOperators,
  companyId: string,
  period: string,
): boolean {
  const { start, end } = parsePeriod(period);
  return operatedBetween(facility, start, end) && monthsOperatedBy(facility, companyId, monthsOf(period)).length > 0;
}

/**
 * The company's plants that had closed for good by the quarter's start, as "<name> closed on <day>": a producer
 * whose only plant closed learns why it no longer makes the company eligible.
 */
export function plantsClosedBefore(
  facilities: readonly (FacilityLifecycle & FacilityOperators & { name: string })[],
  companyId: string,
  period: string,
): string[] {
  const { start } = parsePeriod(period);
  return facilities.flatMap((facility) => {
    const closed = closedOn(facility);
    const operatedByCompany = monthsOperatedBy(facility, companyId, monthsOf(period)).length > 0;
    return closed !== null && closed <= start && operatedByCompany ? [`${facility.name} closed on ${closed}`] : [];
  });
}

type Rule = (facts: EligibilityFacts) => EligibilityFailure[];

const failure = (code: string, field: string, message: string): EligibilityFailure => ({ code, field, message });

const company: Rule = (facts) => {
  const problems: EligibilityFailure[] = [];
  if (facts.companyStatus !== 'active') {
    const status = facts.companyStatus ?? 'not known to the registry';
    problems.push(failure('CLAIM.COMPANY_NOT_ACTIVE', 'companyId', `The company is ${status}`));
  }
  if (facts.licenceOrFacilityProblem) {
    problems.push(failure('CLAIM.NO_VALID_LICENCE_OR_FACILITY', 'companyId', facts.licenceOrFacilityProblem));
  }
  return problems;
};

const declarations: Rule = (facts) => {
  const problems: EligibilityFailure[] = [];
  if (!facts.noTaxArrears) {
    problems.push(
      failure('CLAIM.DECLARATION_MISSING', 'noTaxArrears', 'Declare that there are no tax or insurance arrears'),
    );
  }
  if (!facts.notInLiquidation) {
    problems.push(
      failure(
        'CLAIM.DECLARATION_MISSING',
        'notInLiquidation',
        'Declare that the company is not in liquidation or bankruptcy',
      ),
    );
  }
  return problems;
};

/**
 * The subsidy the declared revenue must cover is the company's for the year, not one claim's: each quarter's
 * claim could otherwise pass against revenue that covers none of the others. The message keeps the wording
 * the console recognises ("at least … × the subsidy: … kopecks") before naming the revenue and the year's total.
 */
const revenue: Rule = (facts) => {
  const requested = BigInt(facts.requestedKopecks);
  const others = BigInt(facts.otherClaimsOfYearKopecks);
  const needed = multiplyDown(requested + others, facts.minRevenueMultiple);
  const declared = facts.annualRevenueKopecks;
  if (declared !== null && BigInt(declared) >= needed) return [];
  return [
    failure(
      'CLAIM.REVENUE_TOO_LOW',
      'annualRevenueKopecks',
      `Annual revenue must be at least ${facts.minRevenueMultiple} × the subsidy: ${needed} kopecks, for the ` +
        `${requested + others} kopecks of the company's claims of ${facts.period.slice(0, 4)} (${requested} this ` +
        `claim, ${others} its other claims); ${declared === null ? 'none is declared' : `${declared} kopecks is declared`}`,
    ),
  ];
};

const reports: Rule = (facts) => {
  if (facts.reportIds.length === 0) {
    return [failure('CLAIM.NO_REPORTS', 'reportIds', 'Name the accepted production reports the claim relies on')];
  }
  const quarter = parsePeriod(facts.period);
  return facts.reportIds.flatMap((reportId, index) => {
    const field = `reportIds.${index}`;
    const report = facts.acceptedReports.get(reportId);
    const notAccepted = failure('CLAIM.REPORT_NOT_ACCEPTED', field, `Report ${reportId} has no accepted version`);
    if (!report) return [notAccepted];
    if (report.companyId !== facts.companyId) {
      if (facts.forProducer) return [notAccepted];
      return [failure('CLAIM.REPORT_OF_ANOTHER_COMPANY', field, `Report ${reportId} belongs to another company`)];
    }
    const range = parsePeriod(report.period);
    if (range.start < quarter.start || range.end > quarter.end) {
      return [
        failure(
          'CLAIM.REPORT_OF_ANOTHER_PERIOD',
          field,
          `Report ${reportId} covers ${report.period}, not ${facts.period}`,
        ),
      ];
    }
    return [];
  });
};

/**
 * The cut-off closes the year to new claims, not to answers: a claim first submitted in time and returned for
 * information may be submitted again after it, or it would stay returned for good, holding its cap room, its
 * quarter and its invoices. One moved to a year whose cut-off its first submission missed is late.
 */
const timing: Rule = (facts) => {
  const problems: EligibilityFailure[] = [];
  if ((facts.firstSubmittedOn ?? facts.today) > facts.claimCutoff) {
    problems.push(failure('CLAIM.AFTER_CUTOFF', 'period', `Claims for the year closed on ${facts.claimCutoff}`));
  }
  if (facts.otherClaimThisQuarter) {
    problems.push(
      failure(
        'CLAIM.ALREADY_CLAIMED_THIS_QUARTER',
        'period',
        `Claim ${facts.otherClaimThisQuarter} already covers ${facts.period} for this company`,
      ),
    );
  }
  return problems;
};

const lines: Rule = (facts) => {
  if (facts.lines.length === 0) return [failure('CLAIM.NO_LINES', 'lines', 'A claim needs at least one line')];
  const problems = facts.lines.flatMap((line, index) => {
    const found: EligibilityFailure[] = [];
    const elsewhere = facts.claimedElsewhere.get(line.documentKey);
    if (elsewhere) {
      found.push(
        failure(
          'CLAIM.INVOICE_ALREADY_CLAIMED',
          `lines.${index}.documentNumber`,
          `Document ${line.documentNumber} is already claimed in claim ${elsewhere}`,
        ),
      );
    }
    if (line.productCode && !facts.eligibleProductCodes.includes(line.productCode)) {
      found.push(
        failure(
          'CLAIM.PRODUCT_NOT_ELIGIBLE',
          `lines.${index}.productCode`,
          `${line.productCode} is not an eligible product`,
        ),
      );
    }
    return found;
  });
  if (BigInt(facts.requestedKopecks) === 0n) {
    const why =
      BigInt(facts.computedKopecks) > 0n ? "the company's cap for the year is used up" : 'nothing is compensable';
    problems.push(failure('CLAIM.NOTHING_REQUESTED', 'lines', `The claim requests nothing: ${why}`));
  }
  return problems;
};

const RULES: Rule[] = [company, reports, declarations, revenue, timing, lines];

/** Every reason the claim cannot be submitted, all at once; empty when it can. */
export function checkEligibility(facts: EligibilityFacts): EligibilityFailure[] {
  return RULES.flatMap((rule) => rule(facts));
}
