/** Where a subsidy claim stands, from the producer's draft to payment or clawback. */
export const CLAIM_STATES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'approved',
  'rejected',
  'payment_scheduled',
  'paid',
  'under_clawback',
  'clawed_back',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
