import type { FieldError } from '@redmet/platform';
import { parseStatPeriod } from '../common/months';
import type { TradeRowDto } from './dto/trade-row.dto';
import { hsCodesMatch } from './hs-codes';

export interface NumberedRow {
  /** Where the row is, for messages: `rows.3` (JSON) or `lines.4` (CSV). */
  at: string;
  row: TradeRowDto;
}

export interface LoadedPeriod {
  flow: string;
  hs_code: string;
  product_code: string | null;
  period: string;
}

const series = (row: { flow: string; hsCode: string; productCode?: string | null }) =>
  `${row.flow}|${row.hsCode}|${row.productCode ?? ''}`;

function overlaps(a: string, b: string): boolean {
  const [x, y] = [parseStatPeriod(a), parseStatPeriod(b)];
  return x.start <= y.end && y.start <= x.end;
}

/**
 * Rules across rows: one figure per flow, code and period (a figure loaded
 * again replaces the old one, but only for the same period: a quarter over
 * already loaded months would count them twice), and a named product must be
 * in the catalogue under a matching HS code.
 */
export function checkTradeRows(
  rows: NumberedRow[],
  loaded: LoadedPeriod[],
  catalogue: Map<string, { hsCode: string }>,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen: NumberedRow[] = [];
  for (const entry of rows) {
    const { row, at } = entry;
    const problems: string[] = [];
    const earlier = seen.find((other) => series(other.row) === series(row) && overlaps(other.row.period, row.period));
    if (earlier) problems.push(`overlaps ${earlier.row.period} at ${earlier.at} for the same flow and code`);
    const clash = loaded.find(
      (old) =>
        series({ flow: old.flow, hsCode: old.hs_code, productCode: old.product_code }) === series(row) &&
        old.period !== row.period &&
        overlaps(old.period, row.period),
    );
    if (clash) problems.push(`overlaps ${clash.period}, already loaded: load the same periods to replace figures`);
    if (problems.length) errors.push({ field: `${at}.period`, messages: problems });
    if (row.productCode) {
      const product = catalogue.get(row.productCode);
      if (!product)
        errors.push({ field: `${at}.productCode`, messages: [`${row.productCode} is not in the catalogue`] });
      else if (!hsCodesMatch(product.hsCode, row.hsCode)) {
        errors.push({
          field: `${at}.hsCode`,
          messages: [`${row.productCode} has HS code ${product.hsCode} in the catalogue, not ${row.hsCode}`],
        });
      }
    }
    seen.push(entry);
  }
  return errors;
}
