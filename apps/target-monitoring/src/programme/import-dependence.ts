import Decimal from 'decimal.js';
import type { MethodNote, MethodNoteParams, ShareWithheldReason, TonnesOf } from '@redmet/contracts';
import { percent, tonnes } from '../common/decimals';
import { methodNote } from '../common/method-note';
import { inWindow, type Month, type MonthWindow, monthsIn } from '../common/months';
import { productsUnder } from '../trade/hs-codes';
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

function withheldShare<R extends ShareWithheldReason>(
  reason: R,
  params: MethodNoteParams[`share_withheld.${R}`],
): ShareWithheld {
  const { text } = methodNote<WithheldCode>(`share_withheld.${reason}`, params);
  return { reason, note: text, params };
}

/** The note a withheld share states, for a note that quotes it. */
export function withheldNote({ reason, note, params }: ShareWithheld): MethodNote<WithheldCode> {
  return { code: `share_withheld.${reason}`, params, text: note } as MethodNote<WithheldCode>;
}

/** Months of a window with customs figures, of all its months. */
export interface CustomsCoverage {
  months: number;
  of: number;
  missing: string[];
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
  /** The months with customs figures of this product (its own, or its HS code's when no other product shares it). */
  customsCoverage: CustomsCoverage;
  /** Shared HS codes with figures naming no product: they hold some of its flows, so its share is withheld. */
  unattributedHsCodes: string[];
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
  /**
   * The months of the window with customs figures of every product the overall figure counts (any figure when it
   * counts none), of all its months: output counts over all of them.
   */
  customsCoverage: CustomsCoverage;
  products: ProductBalance[];
  /** Products with customs figures but no metal-content factor: left out of the overall figure. */
  excludedFromOverall: string[];
  /** Products whose share is withheld for want of their customs figures: left out of the overall figure too. */
  importsUnknown: string[];
}

interface Totals {
  output: Decimal;
  metal: Decimal;
  imports: Decimal;
  exports: Decimal;
}

/** A product's flows, and what is known of its customs figures. */
interface ProductTotals extends Totals {
  customsMonths: Set<Month>;
  unattributedHsCodes: Set<string>;
}

const zero = (): Totals => ({
  output: new Decimal(0),
  metal: new Decimal(0),
  imports: new Decimal(0),
  exports: new Decimal(0),
});

/**
 * Customs statistics list the codes that crossed the border: a product whose
 * code has no figure in a month may have been traded or not, so its imports
 * are known only in the months with a figure of its own. A figure of a code
 * that several products share is their sum: it lists them all, each with its
 * flows unknown.
 */
function totalsByProduct(inputs: ProgrammeInputs, window: MonthWindow): Map<string, ProductTotals> {
  const totals = new Map<string, ProductTotals>();
  const of = (code: string): ProductTotals => {
    const entry = totals.get(code) ?? { ...zero(), customsMonths: new Set(), unattributedHsCodes: new Set() };
    totals.set(code, entry);
    return entry;
  };
  for (const row of outputTotals(inputs, window)) {
    const entry = of(row.productCode);
    entry.output = entry.output.plus(row.quantity);
    entry.metal = entry.metal.plus(row.metal);
  }
  for (const row of inputs.trade) {
    if (!inWindow(row.month, window)) continue;
    if (!row.productCode) {
      for (const code of productsUnder(row.hsCode, inputs.catalogue)) of(code).unattributedHsCodes.add(row.hsCode);
      continue;
    }
    const entry = of(row.productCode);
    entry.customsMonths.add(row.month);
    if (row.flow === 'import') entry.imports = entry.imports.plus(row.quantity);
    else entry.exports = entry.exports.plus(row.quantity);
  }
  return totals;
}

function coverageOf(covered: Set<Month>, months: Month[]): CustomsCoverage {
  return {
    months: months.filter((month) => covered.has(month)).length,
    of: months.length,
    missing: months.filter((month) => !covered.has(month)).map((month) => month.slice(0, 7)),
  };
}

/** Why no product's imports are known: figures loaded but hidden under shared codes, or none loaded. */
function overallUnknown(anyFigures: boolean, hiddenUnder: Set<string>): ShareWithheld {
  if (anyFigures && hiddenUnder.size > 0) {
    return withheldShare('customs_figures_unattributed', { hsCodes: [...hiddenUnder].sort() });
  }
  return withheldShare('no_customs_figures', {});
}

/**
 * Why a product's imports are not known, or null when they are: imports not known are not none. Some may be hidden
 * in a shared code's figures, or it has no figure of its own in the window.
 */
function importsUnknown(totals: ProductTotals): ShareWithheld | null {
  if (totals.unattributedHsCodes.size > 0) {
    return withheldShare('customs_figures_unattributed', { hsCodes: [...totals.unattributedHsCodes].sort() });
  }
  return totals.customsMonths.size > 0 ? null : withheldShare('no_customs_figures', {});
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
function shareOf(flows: Totals, importsNotKnown: ShareWithheld | null, tonnesOf: TonnesOf) {
  const consumption = flows.output.plus(flows.imports).minus(flows.exports);
  const withheld = <R extends ShareWithheldReason>(reason: R, params: MethodNoteParams[`share_withheld.${R}`]) => ({
    importDependencePercent: null,
    importDependenceWithheld: withheldShare(reason, params),
  });
  if (importsNotKnown) return { importDependencePercent: null, importDependenceWithheld: importsNotKnown };
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

/**
 * Per product and overall, over the months of `window`. A product whose
 * imports are not known is left out of the overall figure, as one whose metal
 * content is not: counted, its imports would count as none.
 */
export function importDependence(inputs: ProgrammeInputs, window: MonthWindow): ImportDependence {
  const overall = zero();
  const products: ProductBalance[] = [];
  const excluded: string[] = [];
  const unknown: string[] = [];
  const hiddenUnder = new Set<string>();
  let counted = 0;
  const covered = new Set(inputs.trade.filter((row) => inWindow(row.month, window)).map((row) => row.month));
  const anyFigures = covered.size > 0;
  const months = monthsIn(window);
  for (const [code, totals] of [...totalsByProduct(inputs, window)].sort(([a], [b]) => a.localeCompare(b))) {
    const consumption = totals.output.plus(totals.imports).minus(totals.exports);
    const { factor, source } = metalFactor(inputs, code, totals);
    const notKnown = importsUnknown(totals);
    products.push({
      productCode: code,
      outputTonnes: tonnes(totals.output),
      importsTonnes: tonnes(totals.imports),
      exportsTonnes: tonnes(totals.exports),
      apparentConsumptionTonnes: tonnes(consumption),
      ...shareOf(totals, notKnown, 'product'),
      metalContentFactor: factor ? tonnes(factor) : null,
      metalContentFactorSource: source,
      customsCoverage: coverageOf(totals.customsMonths, months),
      unattributedHsCodes: [...totals.unattributedHsCodes].sort(),
    });
    if (notKnown) {
      unknown.push(code);
      for (const hsCode of totals.unattributedHsCodes) hiddenUnder.add(hsCode);
      continue;
    }
    const traded = totals.imports.plus(totals.exports).greaterThan(0);
    if (traded && !factor) {
      excluded.push(code);
      continue;
    }
    counted += 1;
    for (const month of covered) if (!totals.customsMonths.has(month)) covered.delete(month);
    overall.metal = overall.metal.plus(totals.metal);
    if (factor) {
      overall.imports = overall.imports.plus(totals.imports.times(factor));
      overall.exports = overall.exports.plus(totals.exports.times(factor));
    }
  }
  const consumption = overall.metal.plus(overall.imports).minus(overall.exports);
  // With every product left out for want of its figures, those loaded (of other codes) say nothing of consumption.
  const customsLoaded = anyFigures && (counted > 0 || unknown.length === 0);
  return {
    window,
    formula: IMPORT_DEPENDENCE_FORMULA,
    aggregation: IMPORT_DEPENDENCE_AGGREGATION,
    overall: {
      outputMetalTonnes: tonnes(overall.metal),
      importsMetalTonnes: tonnes(overall.imports),
      exportsMetalTonnes: tonnes(overall.exports),
      apparentConsumptionMetalTonnes: tonnes(consumption),
      ...shareOf(
        { ...overall, output: overall.metal },
        customsLoaded ? null : overallUnknown(anyFigures, hiddenUnder),
        'metal_content',
      ),
    },
    customsCoverage: coverageOf(covered, months),
    products,
    excludedFromOverall: excluded,
    importsUnknown: unknown,
  };
}

/** Said beside a share whose customs figures lag behind the output: imports of the missing months count as none. */
export function customsCoverageNote({ customsCoverage, overall }: ImportDependence): MethodNote[] {
  const { months, of, missing } = customsCoverage;
  if (months === of || overall.importDependenceWithheld?.reason === 'no_customs_figures') return [];
  return [methodNote('import_dependence.customs_coverage', { months, of, missing })];
}
