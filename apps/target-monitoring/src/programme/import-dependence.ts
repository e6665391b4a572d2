import Decimal from 'decimal.js';
import type { MethodNote, MethodNoteParams, ShareWithheldReason, TonnesOf } from '@redmet/contracts';
import { percent, tonnes } from '../common/decimals';
import { methodNote } from '../common/method-note';
import { inWindow, type MonthWindow, monthsIn } from '../common/months';
import { outputTotals, type ProgrammeInputs } from './inputs';

export const IMPORT_DEPENDENCE_FORMULA = methodNote('import_dependence.formula', {});

export const IMPORT_DEPENDENCE_AGGREGATION = methodNote('import_dependence.aggregation', {});

export type WithheldCode = `share_withheld.${ShareWithheldReason}`;

/**
 * Why a share is null: said on the row, lest a missing share be read as none, or a quotient as a share. The
 * reason names its note (`share_withheld.<reason>`): `note` is that note's English, `params` its parameters.
 */
export interface ShareWithheld {
  reason: ShareWithheldReason;
  note: string;
  params: MethodNoteParams[WithheldCode];
}

/** The note a withheld share states, for a note that quotes it. */
export function withheldNote({ reason, note, params }: ShareWithheld): MethodNote<WithheldCode> {
  return { code: `share_withheld.${reason}`, params, text: note } as MethodNote<WithheldCode>;
}

export interface ProductBalance {
  productCode: string;
  outputTonnes: string;
  importsTonnes: string;
  exportsTonnes: string;
  apparentConsumptionTonnes: string;
  /** Null when `importDependenceWithheld` says why. */
  importDependencePercent: string | null;
  importDependenceWithheld: ShareWithheld | null;
  metalContentFactor: string | null;
  metalContentFactorSource: 'configured' | 'reported' | null;
}

export interface ImportDependence {
  window: MonthWindow;
  formula: MethodNote<'import_dependence.formula'>;
  aggregation: MethodNote<'import_dependence.aggregation'>;
  overall: {
    outputMetalTonnes: string;
    importsMetalTonnes: string;
    exportsMetalTonnes: string;
    apparentConsumptionMetalTonnes: string;
    /** Null when `importDependenceWithheld` says why. */
    importDependencePercent: string | null;
    importDependenceWithheld: ShareWithheld | null;
  };
  /** The months of the window with customs figures loaded, of all its months: output counts over all of them. */
  customsCoverage: { months: number; of: number; missing: string[] };
  products: ProductBalance[];
  /** Products with customs figures but no metal-content factor: left out of the overall figure. */
  excludedFromOverall: string[];
}

interface Totals {
  output: Decimal;
  metal: Decimal;
  imports: Decimal;
  exports: Decimal;
}

const zero = (): Totals => ({
  output: new Decimal(0),
  metal: new Decimal(0),
  imports: new Decimal(0),
  exports: new Decimal(0),
});

function totalsByProduct(inputs: ProgrammeInputs, window: MonthWindow): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  const of = (code: string): Totals => {
    const entry = totals.get(code) ?? zero();
    totals.set(code, entry);
    return entry;
  };
  for (const row of outputTotals(inputs, window)) {
    const entry = of(row.productCode);
    entry.output = entry.output.plus(row.quantity);
    entry.metal = entry.metal.plus(row.metal);
  }
  for (const row of inputs.trade) {
    if (!row.productCode || !inWindow(row.month, window)) continue;
    const entry = of(row.productCode);
    if (row.flow === 'import') entry.imports = entry.imports.plus(row.quantity);
    else entry.exports = entry.exports.plus(row.quantity);
  }
  return totals;
}

function metalFactor(inputs: ProgrammeInputs, code: string, totals: Totals) {
  const configured = inputs.references.get(code)?.metalContentFactor;
  if (configured) return { factor: new Decimal(configured), source: 'configured' as const };
  if (totals.output.greaterThan(0)) return { factor: totals.metal.div(totals.output), source: 'reported' as const };
  return { factor: null, source: null };
}

/**
 * The least imported share of what was consumed when exports exceed output, in
 * percent: every export taken out of the imports first. The most is 100%.
 */
export function leastImportedPercent(
  imports: Decimal.Value,
  exports: Decimal.Value,
  consumption: Decimal.Value,
): string | null {
  return percent(Decimal.max(0, new Decimal(imports).minus(exports)), consumption);
}

/**
 * imports ÷ apparent consumption, when that is a share. Exports beyond output
 * mean imports went out again (or stocks were drawn): the quotient then
 * exceeds 100% and measures nothing, while the imported share of what was
 * consumed lies between the imports not exported and 100%, depending on
 * whether the exports came out of the imports or out of domestic output.
 */
function shareOf(flows: Totals, customsLoaded: boolean, tonnesOf: TonnesOf) {
  const consumption = flows.output.plus(flows.imports).minus(flows.exports);
  const withheld = <R extends ShareWithheldReason>(reason: R, params: MethodNoteParams[`share_withheld.${R}`]) => {
    const { text } = methodNote<WithheldCode>(`share_withheld.${reason}`, params);
    return { importDependencePercent: null, importDependenceWithheld: { reason, note: text, params } };
  };
  if (!customsLoaded) return withheld('no_customs_figures', {});
  if (consumption.lessThanOrEqualTo(0)) {
    return withheld('no_apparent_consumption', { apparentConsumptionTonnes: tonnes(consumption), tonnesOf });
  }
  if (flows.exports.greaterThan(flows.output)) {
    return withheld('exports_exceed_output', {
      exportsTonnes: tonnes(flows.exports),
      outputTonnes: tonnes(flows.output),
      // Both are shares of a positive consumption here, never null.
      quotientPercent: percent(flows.imports, consumption) as string,
      leastPercent: leastImportedPercent(flows.imports, flows.exports, consumption) as string,
      tonnesOf,
    });
  }
  return { importDependencePercent: percent(flows.imports, consumption), importDependenceWithheld: null };
}

/** Per product and overall, over the months of `window`. */
export function importDependence(inputs: ProgrammeInputs, window: MonthWindow): ImportDependence {
  const overall = zero();
  const products: ProductBalance[] = [];
  const excluded: string[] = [];
  // Customs statistics cover every product: once a month has any, a product without rows had none in it.
  const covered = new Set(inputs.trade.filter((row) => inWindow(row.month, window)).map((row) => row.month));
  const customsLoaded = covered.size > 0;
  const months = monthsIn(window);
  for (const [code, totals] of [...totalsByProduct(inputs, window)].sort(([a], [b]) => a.localeCompare(b))) {
    const consumption = totals.output.plus(totals.imports).minus(totals.exports);
    const { factor, source } = metalFactor(inputs, code, totals);
    products.push({
      productCode: code,
      outputTonnes: tonnes(totals.output),
      importsTonnes: tonnes(totals.imports),
      exportsTonnes: tonnes(totals.exports),
      apparentConsumptionTonnes: tonnes(consumption),
      ...shareOf(totals, customsLoaded, 'product'),
      metalContentFactor: factor ? tonnes(factor) : null,
      metalContentFactorSource: source,
    });
    const traded = totals.imports.plus(totals.exports).greaterThan(0);
    if (traded && !factor) {
      excluded.push(code);
      continue;
    }
    overall.metal = overall.metal.plus(totals.metal);
    if (factor) {
      overall.imports = overall.imports.plus(totals.imports.times(factor));
      overall.exports = overall.exports.plus(totals.exports.times(factor));
    }
  }
  const consumption = overall.metal.plus(overall.imports).minus(overall.exports);
  return {
    window,
    formula: IMPORT_DEPENDENCE_FORMULA,
    aggregation: IMPORT_DEPENDENCE_AGGREGATION,
    overall: {
      outputMetalTonnes: tonnes(overall.metal),
      importsMetalTonnes: tonnes(overall.imports),
      exportsMetalTonnes: tonnes(overall.exports),
      apparentConsumptionMetalTonnes: tonnes(consumption),
      ...shareOf({ ...overall, output: overall.metal }, customsLoaded, 'metal_content'),
    },
    customsCoverage: {
      months: covered.size,
      of: months.length,
      missing: months.filter((month) => !covered.has(month)).map((month) => month.slice(0, 7)),
    },
    products,
    excludedFromOverall: excluded,
  };
}

/** Said beside a share whose customs figures lag behind the output: imports of the missing months count as none. */
export function customsCoverageNote({ customsCoverage }: ImportDependence): MethodNote[] {
  const { months, of, missing } = customsCoverage;
  if (months === 0 || months === of) return [];
  return [methodNote('import_dependence.customs_coverage', { months, of, missing })];
}
