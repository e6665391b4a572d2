import Decimal from 'decimal.js';
import { fitText } from '../common/text';
import type { ClawbackBasis } from '../programmes/programme-rules';

/** A report figure as the approval relied on it, or as the latest accepted version states it now. */
export interface ReportFigure {
  reportId: string;
  /** null: no version of the report is accepted any more. */
  version: number | null;
  metalContentTonnes: string;
  quantityTonnes: string;
}

export interface Shortfall {
  /** k: the share of the paid subsidy to return, 0..1 with six decimals (rounded down). */
  coefficient: string;
  reason: string;
}

const NONE: Shortfall = { coefficient: '0', reason: '' };

const UNITS: Record<ClawbackBasis, { field: 'metalContentTonnes' | 'quantityTonnes'; label: string }> = {
  metal_content: { field: 'metalContentTonnes', label: 'metal content' },
  quantity: { field: 'quantityTonnes', label: 'quantity' },
};

/** k = min(1, multiplier × shortfall), six decimals, rounded down. */
export function coefficientOf(shortfall: Decimal, multiplier: string): string {
  const k = Decimal.min(1, shortfall.times(multiplier));
  return k.isNegative() ? '0' : k.toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed();
}

/**
 * The relative reduction of the relied-on total: (relied − now) / relied,
 * over every report the approval relied on. A report with no accepted
 * version left counts as zero.
 */
export function reportShortfall(
  relied: readonly ReportFigure[],
  current: ReadonlyMap<string, ReportFigure>,
  basis: ClawbackBasis,
  multiplier: string,
): Shortfall {
  const { field, label } = UNITS[basis];
  const before = relied.reduce((sum, figure) => sum.plus(figure[field]), new Decimal(0));
  const now = relied.reduce((sum, figure) => sum.plus(current.get(figure.reportId)?.[field] ?? 0), new Decimal(0));
  if (before.isZero() || now.greaterThanOrEqualTo(before)) return NONE;
  const changes = relied
    .map((figure) => {
      const latest = current.get(figure.reportId);
      // A report already counted as zero (an approval lowered for it before payment) is no news.
      if (!latest)
        return new Decimal(figure[field]).isZero()
          ? null
          : `report ${figure.reportId} v${figure.version} is no longer accepted`;
      if (new Decimal(latest[field]).equals(figure[field])) return null;
      return `report ${figure.reportId} v${latest.version}: ${label} ${latest[field]} t instead of ${figure[field]} t (v${figure.version})`;
    })
    .filter(Boolean);
  return {
    coefficient: coefficientOf(before.minus(now).div(before), multiplier),
    reason: fitText(`Relied-on ${changes.join('; ')}`, 2000),
  };
}

/**
 * Results below plan: k = min(1, multiplier × (1 − actual / planned)). With
 * multiplier 1 this is the results report's own shortfall; a claim applies
 * the multiplier of the programme version it was priced under.
 */
export function resultsShortfall(planned: string, actual: string, multiplier = '1'): string {
  const ratio = new Decimal(actual).div(planned);
  return ratio.greaterThanOrEqualTo(1) ? '0' : coefficientOf(new Decimal(1).minus(ratio), multiplier);
}
