import type { Unit } from './registry';

/**
 * One product's output in a report's period, as the producer states it: in the
 * HTTP body, in a CSV row and in the events. Quantities are decimal strings
 * (never floats), in `unit`; metal content always in tonnes.
 */
export interface ReportLineFigures {
  productCode: string;
  quantity: string;
  unit: Unit;
  metalContentTonnes: string;
  domesticShipments: string;
  exports: string;
}
