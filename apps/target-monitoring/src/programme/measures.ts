import Decimal from 'decimal.js';
import type { MethodNote } from '@redmet/contracts';
import { methodNote } from '../common/method-note';
import { addYears, inWindow, type MonthWindow } from '../common/months';
import type { TargetKey } from '../configuration/settings';
import { customsCoverageNote, importDependence, type WithheldCode, withheldNote } from './import-dependence';
import { outputTotals, type ProgrammeInputs } from './inputs';

export interface Measurement {
  /** Null when nothing was observed (no report of the window: no output is not zero output), or `withheld`. */
  value: Decimal | null;
  notes: MethodNote[];
  /** False when no report or customs figure of the window went into the value (a count of plants always has). */
  observed: boolean;
  /** Why the value is null although figures went into it. */
  withheld?: MethodNote<WithheldCode>;
}

const OUTPUT_OF_CLASS = { large: 'target.large_tonnage_output', small: 'target.small_tonnage_output' } as const;

function outputOfClass(inputs: ProgrammeInputs, window: MonthWindow, tonnageClass: 'large' | 'small'): Measurement {
  const totals = outputTotals(inputs, window);
  const rows = totals.filter((row) => row.tonnageClass === tonnageClass);
  const observed = totals.length > 0;
  return {
    value: observed ? rows.reduce((total, row) => total.plus(row.metal), new Decimal(0)) : null,
    notes: [methodNote(OUTPUT_OF_CLASS[tonnageClass], {})],
    observed,
  };
}

function outputValue(inputs: ProgrammeInputs, window: MonthWindow): Measurement {
  let value = new Decimal(0);
  const unpriced = new Set<string>();
  const totals = outputTotals(inputs, window);
  for (const row of totals) {
    if (row.quantity.isZero()) continue;
    const price = inputs.references.get(row.productCode)?.referencePriceKopecksPerTonne;
    if (price) value = value.plus(row.quantity.times(price));
    else unpriced.add(row.productCode);
  }
  const notes: MethodNote[] = [methodNote('target.output_value', {})];
  if (unpriced.size > 0) notes.push(methodNote('target.unpriced_products', { productCodes: [...unpriced].sort() }));
  const observed = totals.length > 0;
  return { value: observed ? value.toDecimalPlaces(0) : null, notes, observed };
}

function criticalProducts(inputs: ProgrammeInputs, window: MonthWindow): Measurement {
  const made = new Map<string, Decimal>();
  const totals = outputTotals(inputs, window);
  for (const row of totals) {
    made.set(row.productCode, (made.get(row.productCode) ?? new Decimal(0)).plus(row.quantity));
  }
  const count = [...made.values()].filter((quantity) => quantity.greaterThan(0)).length;
  const observed = totals.length > 0;
  return { value: observed ? new Decimal(count) : null, notes: [methodNote('target.critical_products', {})], observed };
}

function newPlants(inputs: ProgrammeInputs, baselineYear: number, asOf: string): Measurement {
  const since = `${baselineYear}-12-31`;
  // The target is plants in operation: one closed by `asOf` no longer counts, one closed later still did then.
  // A site counts once: the registry brings a plant back once at most, and a plant brought back is closed by the
  // day a later plant of its chain was commissioned at the latest (`plantLives`), whatever closing day the
  // registry has for it, so of a chain only its latest link commissioned by `asOf` can be in operation.
  const count = inputs.commissioned.filter(
    ({ commissionedOn, closedOn, countsFrom }) =>
      countsFrom > since && commissionedOn <= asOf && (closedOn === null || closedOn > asOf),
  ).length;
  return {
    value: new Decimal(count),
    notes: [methodNote('target.new_plants', { after: since })],
    observed: true,
  };
}

function importShare(inputs: ProgrammeInputs, window: MonthWindow): Measurement {
  const result = importDependence(inputs, window);
  const { importDependencePercent: share, importDependenceWithheld: withheld } = result.overall;
  // Without a customs figure the window is unknown; with some, a withheld share is what they say (among them,
  // that some product's imports are not known).
  const observed = inputs.trade.some((row) => inWindow(row.month, window));
  const said = withheld && observed ? withheldNote(withheld) : undefined;
  return {
    value: share === null ? null : new Decimal(share),
    notes: [
      result.formula,
      result.aggregation,
      ...customsCoverageNote(result),
      ...(said ? [methodNote('target.share_withheld', { withheld: said })] : []),
    ],
    observed,
    withheld: said,
  };
}

/**
 * A target's measure over a window of months (flows, shares) or up to a day
 * (counts of plants).
 */
export function measure(
  key: TargetKey,
  inputs: ProgrammeInputs,
  window: MonthWindow,
  context: { asOf: string; baselineYear: number },
): Measurement {
  switch (key) {
    case 'import-dependence':
      return importShare(inputs, window);
    case 'output-large-tonnage':
      return outputOfClass(inputs, window, 'large');
    case 'output-small-tonnage':
      return outputOfClass(inputs, window, 'small');
    case 'new-plants':
      return newPlants(inputs, context.baselineYear, context.asOf);
    case 'critical-products':
      return criticalProducts(inputs, window);
    case 'output-value':
      return outputValue(inputs, window);
    default: {
      const unknown: never = key;
      throw new Error(`no measure for target ${String(unknown)}`);
    }
  }
}

/** The day a year before, for the run-rate's change. */
export const yearBefore = (asOf: string) => addYears(asOf, -1);
