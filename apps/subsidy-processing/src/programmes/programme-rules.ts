import { COST_CATEGORIES } from '@redmet/contracts';

export const RATE_KEYS = [...COST_CATEGORIES, 'buyer_discount'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export type Rates = Record<RateKey, string>;

/** What a clawback caused by a report compares: total metal content or total quantity (in tonnes). */
export const CLAWBACK_BASES = ['metal_content', 'quantity'] as const;
export type ClawbackBasis = (typeof CLAWBACK_BASES)[number];

/** The rules of a programme year, as one version states them. Money in kopecks (strings), ratios as decimals. */
export interface ProgrammeRules {
  totalKopecks: string;
  eligibleProductCodes: string[];
  rates: Rates;
  companyCapKopecks: string;
  claimCutoff: string;
  fourEyesThresholdKopecks: string;
  minRevenueMultiple: string;
  clawbackBasis: ClawbackBasis;
  clawbackMultiplier: string;
  clawbackDueWorkingDays: number;
  resultsDueOn: string;
}
