/** Why target-monitoring gives no import-dependence share (`importDependenceWithheld.reason`). */
export const SHARE_WITHHELD_REASONS = [
  'no_customs_figures',
  'customs_figures_unattributed',
  'no_apparent_consumption',
  'exports_exceed_output',
] as const;
export type ShareWithheldReason = (typeof SHARE_WITHHELD_REASONS)[number];

/** The tonnes a note's figures are in: of product (per product) or of metal content (overall). */
export type TonnesOf = 'product' | 'metal_content';

/**
 * The notes target-monitoring states beside its figures (how a share is
 * computed, why one is withheld, what a forecast assumes), by code, with the
 * figures and names each one's English text holds. A code keeps its meaning
 * while the English is reworded; a note that says something new gets a new
 * code. The console words each note from its code and these parameters, so a
 * code added here without its words does not compile there.
 */
export interface MethodNoteParams {
  'import_dependence.formula': Record<string, never>;
  'import_dependence.aggregation': Record<string, never>;
  /** `missing`: the window's months (`YYYY-MM`) without customs figures. */
  'import_dependence.customs_coverage': { months: number; of: number; missing: string[] };
  'share_withheld.no_customs_figures': Record<string, never>;
  /** `hsCodes`: the shared HS codes with figures naming no product, some of them the product's. */
  'share_withheld.customs_figures_unattributed': { hsCodes: string[] };
  'share_withheld.no_apparent_consumption': { apparentConsumptionTonnes: string; tonnesOf: TonnesOf };
  'share_withheld.exports_exceed_output': {
    exportsTonnes: string;
    outputTonnes: string;
    /** imports ÷ apparent consumption, which exceeds 100 % here. */
    quotientPercent: string;
    /** The least imported share of what was consumed (the most is 100 %). */
    leastPercent: string;
    tonnesOf: TonnesOf;
  };
  'target.forecast_method': Record<string, never>;
  'target.large_tonnage_output': Record<string, never>;
  'target.small_tonnage_output': Record<string, never>;
  'target.output_value': Record<string, never>;
  'target.unpriced_products': { productCodes: string[] };
  'target.critical_products': Record<string, never>;
  /** `after`: the last day (`YYYY-MM-DD`) of the baseline year. */
  'target.new_plants': { after: string };
  'target.share_withheld': { withheld: MethodNote<`share_withheld.${ShareWithheldReason}`> };
  'target.baseline_unobserved': { year: number };
  'target.baseline_withheld': { year: number; withheld: MethodNote<`share_withheld.${ShareWithheldReason}`> };
  'output.basis': Record<string, never>;
  'output.units': Record<string, never>;
  'output.several_elements': Record<string, never>;
  'output.widened_to_quarters': Record<string, never>;
  'output.widened_to_years': Record<string, never>;
  'subsidy.effectiveness_method': Record<string, never>;
}

export type MethodNoteCode = keyof MethodNoteParams;

/** One note: its code, the figures and names in it (another note, for a note that quotes one), and its English. */
export type MethodNote<C extends MethodNoteCode = MethodNoteCode> = {
  [Code in C]: { code: Code; params: MethodNoteParams[Code]; text: string };
}[C];
