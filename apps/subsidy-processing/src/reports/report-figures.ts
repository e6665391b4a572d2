import Decimal from 'decimal.js';
import type { ReportLine } from '@redmet/contracts';

export interface ReportFigures {
  metalContentTonnes: string;
  quantityTonnes: string;
}

/** The totals a claim relies on: metal content and quantity (kg converted to tonnes), exact decimals. */
export function reportFigures(lines: readonly ReportLine[]): ReportFigures {
  let metal = new Decimal(0);
  let quantity = new Decimal(0);
  for (const line of lines) {
    metal = metal.plus(line.metalContentTonnes);
    quantity = quantity.plus(line.unit === 'kg' ? new Decimal(line.quantity).div(1000) : line.quantity);
  }
  return { metalContentTonnes: metal.toFixed(), quantityTonnes: quantity.toFixed() };
}
