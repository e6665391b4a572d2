import Decimal from 'decimal.js';
import { addYears, type MonthWindow } from '../common/months';
import type { TargetKey } from '../configuration/settings';
import { customsCoverageNote, importDependence } from './import-dependence';
import { outputTotals, type ProgrammeInputs } from './inputs';

export interface Measurement {
  value: Decimal | null;
  notes: string[];
  /** False when no report or customs figure of the window went into the value (a count of plants always has). */
  observed: boolean;
  /** Why the value is null although figures went into it. */
  withheld?: string;
}

function outputOfClass(inputs: ProgrammeInputs, window: MonthWindow, tonnageClass: string): Measurement {
  const totals = outputTotals(inputs, window);
  const rows = totals.filter((row) => row.tonnageClass === tonnageClass);
  return {
    value: rows.reduce((total, row) => total.plus(row.metal), new Decimal(0)),
    notes: [`tonnes of metal content of ${tonnageClass}-tonnage products, accepted reports`],
    observed: totals.length > 0,
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
  const notes = ['output tonnes × configured reference price per product (kopecks per tonne)'];
  if (unpriced.size > 0) notes.push(`no reference price, not counted: ${[...unpriced].sort().join(', ')}`);
  return { value: value.toDecimalPlaces(0), notes, observed: totals.length > 0 };
}

function criticalProducts(inputs: ProgrammeInputs, window: MonthWindow): Measurement {
  const made = new Map<string, Decimal>();
  const totals = outputTotals(inputs, window);
  for (const row of totals) {
    made.set(row.productCode, (made.get(row.productCode) ?? new Decimal(0)).plus(row.quantity));
  }
  const count = [...made.values()].filter((quantity) => quantity.greaterThan(0)).length;
  return {
    value: new Decimal(count),
    notes: ['products with domestic output > 0 in the window'],
    observed: totals.length > 0,
  };
}

function newPlants(inputs: ProgrammeInputs, baselineYear: number, asOf: string): Measurement {
  const since = `${baselineYear}-12-31`;
  const count = inputs.commissioned.filter((day) => day > since && day <= asOf).length;
  return {
    value: new Decimal(count),
    notes: [`facilities first commissioned after ${since}, as the registry has them now`],
    observed: true,
  };
}

function importShare(inputs: ProgrammeInputs, window: MonthWindow): Measurement {
  const result = importDependence(inputs, window);
  const { importDependencePercent: share, importDependenceWithheld: withheld } = result.overall;
  // Missing customs figures leave the window unknown; any other reason is what the figures say.
  const observed = withheld?.reason !== 'no_customs_figures';
  const said = observed ? withheld?.note : undefined;
  return {
    value: share === null ? null : new Decimal(share),
    notes: [result.formula, result.aggregation, ...customsCoverageNote(result), ...(said ? [`no share: ${said}`] : [])],
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
