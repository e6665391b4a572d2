import type { FieldError } from '@redmet/platform';
import { parseStatPeriod } from '../common/months';
import type { TradeRowDto } from './dto/trade-row.dto';
import { type Catalogue, hsCodesMatch, normalHsCode, productFor, productsUnder } from './hs-codes';

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

interface Figure {
  flow: string;
  hsCode: string;
  productCode: string | null;
}

/**
 * What a figure counts towards, as the programme's figures resolve it: its
 * product (named, or the only one its HS code covers), else its HS code. The
 * name doubles as the message text (`imports of LI-CARBONATE`).
 */
function seriesNames(catalogue: Catalogue): (figure: Figure) => string {
  const productOfCode = new Map<string, string | null>();
  const resolve = (hsCode: string) => {
    if (!productOfCode.has(hsCode)) productOfCode.set(hsCode, productFor({ hsCode, productCode: null }, catalogue));
    return productOfCode.get(hsCode);
  };
  return ({ flow, hsCode, productCode }) => {
    const product = productCode ?? resolve(hsCode);
    const flows = flow === 'import' ? 'imports' : 'exports';
    return product ? `${flows} of ${product}` : `${flows} under HS code ${normalHsCode(hsCode)}`;
  };
}

/** The months of a period, numbered (year × 12 + month): overlaps are found by lookup, not by comparing every pair. */
function monthsOf(period: string): number[] {
  const { start, months } = parseStatPeriod(period);
  const first = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7));
  return Array.from({ length: months }, (_, offset) => first + offset);
}

/** Per series, what is held in each month. */
type ByMonth<T> = Map<string, Map<number, T>>;

function monthsHeld<T>(index: ByMonth<T>, series: string): Map<number, T> {
  let months = index.get(series);
  if (!months) index.set(series, (months = new Map()));
  return months;
}

/** What the upload's write replaces: the current figure for exactly the same flow, code, product and period. */
function replaces(row: TradeRowDto, old: LoadedPeriod): boolean {
  return old.hs_code === row.hsCode && old.product_code === (row.productCode ?? null) && old.period === row.period;
}

/**
 * Rules across rows: one figure per series and month (a figure loaded again
 * replaces the old one, but only for the same code, product and period: a
 * quarter over loaded months, or the same product under another code, would
 * count them twice), a named product must be in the catalogue under a
 * matching HS code, and a code several catalogue products share needs the
 * product named: their sum would leave each one's import dependence unknown.
 */
export function checkTradeRows(rows: NumberedRow[], loaded: LoadedPeriod[], catalogue: Catalogue): FieldError[] {
  const seriesOf = seriesNames(catalogue);
  const loadedByMonth: ByMonth<LoadedPeriod[]> = new Map();
  for (const old of loaded) {
    const held = monthsHeld(
      loadedByMonth,
      seriesOf({ flow: old.flow, hsCode: old.hs_code, productCode: old.product_code }),
    );
    for (const month of monthsOf(old.period)) held.set(month, [...(held.get(month) ?? []), old]);
  }
  // Only the first row over each month: enough to name an overlap, and a lookup stays short whatever the upload.
  const firstByMonth: ByMonth<NumberedRow> = new Map();
  const errors: FieldError[] = [];
  for (const entry of rows) {
    const { row, at } = entry;
    const series = seriesOf({ ...row, productCode: row.productCode ?? null });
    const months = monthsOf(row.period);
    const earlierRows = monthsHeld(firstByMonth, series);
    const loadedRows = loadedByMonth.get(series);
    const problems: string[] = [];
    const earlier = months.map((month) => earlierRows.get(month)).find((other) => other !== undefined);
    if (earlier) problems.push(`overlaps ${earlier.row.period} at ${earlier.at}, both ${series}`);
    const clash = months.flatMap((month) => loadedRows?.get(month) ?? []).find((old) => !replaces(row, old));
    if (clash) {
      const loadedAs = `HS code ${clash.hs_code}${clash.product_code ? ` for ${clash.product_code}` : ''}`;
      problems.push(
        `overlaps ${clash.period} already loaded under ${loadedAs}, both ${series}: ` +
          'a figure is replaced only by one for the same code, product and period',
      );
    }
    if (problems.length) errors.push({ field: `${at}.period`, messages: problems });
    if (!row.productCode) {
      const sharing = productsUnder(row.hsCode, catalogue);
      if (sharing.length > 1) {
        errors.push({
          field: `${at}.productCode`,
          messages: [
            `HS code ${row.hsCode} covers ${sharing.length} catalogue products (${sharing.join(', ')}): ` +
              'name the one the figure is for',
          ],
        });
      }
    } else {
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
    for (const month of months) if (!earlierRows.has(month)) earlierRows.set(month, entry);
  }
  return errors;
}

/** Errors in the order of the rows they name (`lines.3.flow` before `lines.12.period`), file-wide ones first. */
export function inRowOrder(errors: FieldError[]): FieldError[] {
  const position = (field: string) => Number(field.split('.')[1] ?? -1);
  return [...errors].sort((a, b) => position(a.field) - position(b.field));
}
