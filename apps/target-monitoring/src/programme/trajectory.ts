import Decimal from 'decimal.js';
import { yearsBetween } from '../common/months';
import type { TargetStatus } from '@redmet/contracts';
import type { TargetSettings } from '../configuration/settings';

const yearEnd = (year: number) => `${year}-12-31`;

/**
 * The value the programme expects on `asOf`: the baseline at the end of the
 * baseline year, the target at the end of the target year, straight lines in
 * between (through the configured path's year-end values, if any).
 */
export function trajectoryAt(settings: TargetSettings, baseline: Decimal, asOf: string): Decimal {
  const points = [
    { day: yearEnd(settings.baselineYear), value: baseline },
    ...settings.path
      .filter((point) => point.year > settings.baselineYear && point.year < settings.targetYear)
      .sort((a, b) => a.year - b.year)
      .map((point) => ({ day: yearEnd(point.year), value: new Decimal(point.value) })),
    { day: yearEnd(settings.targetYear), value: new Decimal(settings.targetValue) },
  ];
  if (asOf <= points[0].day) return points[0].value;
  for (let index = 1; index < points.length; index += 1) {
    const [from, to] = [points[index - 1], points[index]];
    if (asOf <= to.day) {
      const share = new Decimal(yearsBetween(from.day, asOf)).div(yearsBetween(from.day, to.day));
      return from.value.plus(to.value.minus(from.value).times(share));
    }
  }
  return points[points.length - 1].value;
}

/**
 * How far behind the trajectory the current value is, as a share of the whole
 * planned change (baseline to target), against the configured tolerances.
 */
export function statusOf(
  settings: TargetSettings,
  baseline: Decimal,
  trajectory: Decimal,
  current: Decimal | null,
): { status: TargetStatus; shortfall: Decimal | null } {
  if (current === null) return { status: 'no_data', shortfall: null };
  const planned = new Decimal(settings.targetValue).minus(baseline).abs();
  const behind = settings.direction === 'increase' ? trajectory.minus(current) : current.minus(trajectory);
  const shortfall = planned.isZero() ? (behind.greaterThan(0) ? new Decimal(1) : new Decimal(0)) : behind.div(planned);
  if (shortfall.lessThanOrEqualTo(settings.atRiskTolerance)) return { status: 'on_track', shortfall };
  if (shortfall.lessThanOrEqualTo(settings.offTrackTolerance)) return { status: 'at_risk', shortfall };
  return { status: 'off_track', shortfall };
}

/**
 * The trailing run-rate carried forward: today's value plus its change over
 * the past year for every year left until the end of the target year (the
 * value itself when a year ago is unknown). Shares stay within 0..100.
 */
export function forecastFor(
  settings: TargetSettings,
  current: Decimal | null,
  yearAgo: Decimal | null,
  asOf: string,
): Decimal | null {
  if (current === null) return null;
  const yearsLeft = Math.max(0, yearsBetween(asOf, yearEnd(settings.targetYear)));
  const change = yearAgo === null ? new Decimal(0) : current.minus(yearAgo);
  const projected = Decimal.max(0, current.plus(change.times(yearsLeft)));
  return settings.unit === '%' ? Decimal.min(100, projected) : projected;
}
