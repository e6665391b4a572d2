import type Decimal from 'decimal.js';
import type { Month, MonthWindow } from '../common/months';
import type { ProductReference } from '../configuration/settings';

/** Customs figures spread to months; `productCode` is null when the HS code maps to no single product. */
export interface TradeMonth {
  month: Month;
  flow: 'import' | 'export';
  hsCode: string;
  productCode: string | null;
  quantity: Decimal;
}

export interface CatalogueProduct {
  code: string;
  name: string;
  hsCode: string;
  tonnageClass: string;
}

/** Everything the programme's figures are computed from, for one perspective. */
export interface ProgrammeInputs {
  /** Output per product over each window the computation needs (see `windowKey`). */
  output: Map<string, ProductTotal[]>;
  trade: TradeMonth[];
  catalogue: Map<string, CatalogueProduct>;
  references: Map<string, ProductReference>;
  /** Every facility ever commissioned, closed since or not. */
  commissioned: PlantLife[];
}

/** The days a plant started and stopped running (ISO dates; `closedOn` null while it runs). */
export interface PlantLife {
  commissionedOn: string;
  closedOn: string | null;
  /**
   * The day its site first ran: its own commissioning, or an earlier one of a closed plant it brings back
   * (`plantLives`). Whether the plant is new goes by this day.
   */
  countsFrom: string;
}

/** A product's output summed over the months of a window. */
export interface ProductTotal {
  productCode: string;
  tonnageClass: string;
  quantity: Decimal;
  metal: Decimal;
  exports: Decimal;
}

export function windowKey(window: MonthWindow): string {
  return `${window.from}|${window.to}`;
}

/** A product's output over a window; the window must be one the inputs were loaded for. */
export function outputTotals(inputs: ProgrammeInputs, window: MonthWindow): ProductTotal[] {
  const totals = inputs.output.get(windowKey(window));
  if (!totals) throw new Error(`output for ${windowKey(window)} was not loaded`);
  return totals;
}
