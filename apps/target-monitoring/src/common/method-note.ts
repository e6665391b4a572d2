import type { MethodNote, MethodNoteCode, MethodNoteParams, TonnesOf } from '@redmet/contracts';

const TONNES: Record<TonnesOf, string> = { product: 't', metal_content: 't of metal content' };

/** Every note's English, from its parameters: the one place a note is worded, so none goes out without its code. */
const TEXTS: { [C in MethodNoteCode]: (params: MethodNoteParams[C]) => string } = {
  'import_dependence.formula': () =>
    'import dependence = imports ÷ apparent consumption; apparent consumption = domestic output + imports − exports ' +
    '(customs imports and exports, accepted reports for output; stock changes ignored)',
  'import_dependence.aggregation': () =>
    'per product: tonnes of product; overall: tonnes of metal content (reported metal content for domestic output; ' +
    'customs tonnages × the product’s metal-content factor: the configured one, else the ratio in its accepted reports)',
  'import_dependence.customs_coverage': ({ months, of, missing }) =>
    `customs figures cover ${months} of the window's ${of} months (missing: ${missing.join(', ')}): ` +
    'imports and exports of those months count as none, so the share is understated until they are loaded',
  'share_withheld.no_customs_figures': () =>
    'no customs figures are loaded for the window: imports not known are not none',
  'share_withheld.customs_figures_unattributed': ({ hsCodes }) =>
    `some customs figures name no product (HS ${hsCodes.join(', ')}, shared by several products): they may ` +
    'include these products’ imports or exports, so those are not known',
  'share_withheld.no_apparent_consumption': ({ apparentConsumptionTonnes, tonnesOf }) =>
    `apparent consumption (output + imports − exports) is ${apparentConsumptionTonnes} ${TONNES[tonnesOf]}, ` +
    'nothing to divide by',
  'share_withheld.exports_exceed_output': (p) =>
    `exports (${p.exportsTonnes} ${TONNES[p.tonnesOf]}) exceed output (${p.outputTonnes} ${TONNES[p.tonnesOf]}): ` +
    `imports were exported again or stocks drawn, so imports ÷ apparent consumption (${p.quotientPercent}%) ` +
    `is no share; the imported share of what was consumed lies between ${p.leastPercent}% ` +
    '(exports taken out of imports first) and 100% (out of domestic output first)',
  'target.forecast_method': () =>
    'trailing 12-month value plus its change over the past year, carried forward to the end of the target year',
  'target.large_tonnage_output': () => 'tonnes of metal content of large-tonnage products, accepted reports',
  'target.small_tonnage_output': () => 'tonnes of metal content of small-tonnage products, accepted reports',
  'target.output_value': () => 'output tonnes × configured reference price per product (kopecks per tonne)',
  'target.unpriced_products': ({ productCodes }) => `no reference price, not counted: ${productCodes.join(', ')}`,
  'target.critical_products': () => 'products with domestic output > 0 in the window',
  'target.new_plants': ({ after }) =>
    `facilities first commissioned after ${after} and not closed (a closed one drops out from its closing day); ` +
    'one bringing back a closed plant is an existing site and counts only if that plant would have (by the first ' +
    'commissioning of the plants brought back), as the registry has them now (knowledge=now) or had them at the ' +
    'end of asOf (knowledge=then)',
  'target.share_withheld': ({ withheld }) => `no share: ${withheld.text}`,
  'target.baseline_unobserved': ({ year }) =>
    `no accepted report or customs figure of the baseline year ${year} is known here: the baseline is taken ` +
    'as 0; configure baselineValue',
  'target.baseline_withheld': ({ year, withheld }) =>
    `the baseline year ${year} has no value (${withheld.text}): the baseline is taken as 0; configure baselineValue`,
  'output.basis': () => 'latest accepted version of each report; quarterly figures spread evenly over their months',
  'output.units': () => 'quantities in tonnes of product (kilograms converted); metal content in tonnes',
  'output.several_elements': () => 'a product with several elements counts under each of them',
  'output.widened_to_quarters': () => 'from and to widened to whole quarters: each quarter is summed whole',
  'output.widened_to_years': () => 'from and to widened to whole years: each year is summed whole',
  'subsidy.effectiveness_method': () =>
    "each claim's approved, paid, clawback demanded and clawed-back (repaid less refunded) amounts split over the " +
    'products of the reports it relies on, in proportion to their metal content (a claim whose reports have no ' +
    "lines here, as known now or then, counts under no product); output is the company's, import dependence the product's, " +
    'calendar years',
};

export const METHOD_NOTE_CODES = Object.keys(TEXTS) as MethodNoteCode[];

export function methodNote<C extends MethodNoteCode>(code: C, params: MethodNoteParams[C]): MethodNote<C> {
  return { code, params, text: TEXTS[code](params) } as MethodNote<C>;
}
