import type { CostCategory } from './cost-categories';

/** A cost the subsidy compensates, or a discount given to a domestic buyer (the public draft's second basis). */
export const CLAIM_LINE_BASES = ['cost', 'discount'] as const;
export type ClaimLineBasis = (typeof CLAIM_LINE_BASES)[number];

/**
 * A claim line as the producer states it. A cost line names its category,
 * description and amount; a discount line its product, quantity, the policy
 * and invoiced prices and the buyer. Money in integer kopecks, as strings.
 */
export interface ClaimLineInput {
  basis: ClaimLineBasis;
  category?: CostCategory;
  description?: string;
  amountKopecks?: string;
  productCode?: string;
  quantity?: string;
  policyPriceKopecks?: string;
  invoicedPriceKopecks?: string;
  buyerName?: string;
  buyerInn?: string;
  documentNumber: string;
}
