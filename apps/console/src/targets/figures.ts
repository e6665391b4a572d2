import { formatDecimal } from '../common/format';

/** A target figure in its unit: kopecks as roubles, percentages and tonnes as exact decimals. */
export function formatFigure(
  value: string | null | undefined,
  unit: string,
  locale: string,
  label: (group: string, value: string) => string,
): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'kopecks/yr')
    return `${formatBillions(value.split('.')[0], locale)} ${label('unit', 'bn_roubles_per_year')}`;
  if (unit === '%') return `${formatDecimal(value, locale)} %`;
  return `${formatDecimal(value, locale)} ${label('unit', unit)}`;
}

/** Kopecks as billions of roubles to two decimals, rounded half up in integers (no floating point). */
function formatBillions(kopecks: string, locale: string): string {
  const hundredths = (BigInt(kopecks) + 500_000_000n) / 1_000_000_000n;
  const text = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return formatDecimal(text, locale);
}
