import Decimal from 'decimal.js';
import type { Unit } from '@redmet/contracts';

const KG_PER_TONNE = new Decimal(1000);

export function inTonnes(quantity: string, unit: Unit): Decimal {
  const value = new Decimal(quantity);
  return unit === 'kg' ? value.div(KG_PER_TONNE) : value;
}

/** Upper bounds per product of what one line may plausibly report, in tonnes (configuration). */
export class PlausibilityBounds {
  private readonly fallback: Decimal;
  private readonly byProduct: ReadonlyMap<string, Decimal>;

  constructor(defaultTonnes: string, byProduct: Readonly<Record<string, string>>) {
    this.fallback = new Decimal(defaultTonnes);
    this.byProduct = new Map(Object.entries(byProduct).map(([code, bound]) => [code, new Decimal(bound)]));
  }

  boundFor(productCode: string): Decimal {
    return this.byProduct.get(productCode) ?? this.fallback;
  }
}
