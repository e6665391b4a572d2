/** Cost categories a subsidy compensates at their own rate; a discount to a domestic buyer has a rate of its own. */
export const COST_CATEGORIES = ['equipment', 'processing', 'energy', 'transport_logistics', 'rnd'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
