export type CsvSeparator = ',' | ';' | '\t';

const SEPARATORS: CsvSeparator[] = [',', ';', '\t'];

/**
 * The separator the header line uses most, outside quotes: Excel separates by `;` (or by tabs, for
 * "text") wherever the decimal separator is a comma, as in Russian. A tie goes to the comma, the
 * separator of the format.
 */
export function separatorOf(text: string): CsvSeparator {
  const header = /^.*\S.*$/m.exec(text)?.[0] ?? '';
  const unquoted = header.replace(/"[^"]*"/g, '');
  const count = (separator: string) => unquoted.split(separator).length;
  return SEPARATORS.reduce((best, separator) => (count(separator) > count(best) ? separator : best));
}

// What Excel shows, and saves, of a month (`2026-03`) it took for a date: `мар.26`, `Mar-26`, `01.03.2026`.
const EXCEL_DATE = /^(\p{L}{3,5}[.\-\s]?\d{2,4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/u;
// And of a code it took for a number in a decimal-comma locale: `2846.90` typed as `2846,90` saved as `2846,9`.
const EXCEL_NUMBER = /^\d+,\d+$/;

/**
 * Whether a value of a column of codes or periods looks like what Excel makes of one when it opens
 * the file and saves it again, and into what: no code or period of the platform has either shape.
 */
export function excelConversion(value: string): 'date' | 'number' | null {
  if (EXCEL_DATE.test(value)) return 'date';
  return EXCEL_NUMBER.test(value) ? 'number' : null;
}

// Groups of three digits after the first, by spaces, no-break spaces (Excel's) or narrow no-break spaces.
const DECIMAL_COMMA = /^-?(\d{1,3}([ \u00A0\u202F]\d{3})+|\d+)(,\d+)?$/;
const GROUP_SPACES = /[ \u00A0\u202F]/g;

/**
 * `1 234,5` as `1234.5`; anything else as it is, for the caller's check to refuse. Only for files
 * not separated by commas, where a comma in a number can only be a decimal one (unquoted, it would
 * split the value in a comma-separated file, and quoted, `"1,234"` is a thousand in English).
 */
export function fromDecimalComma(value: string): string {
  return DECIMAL_COMMA.test(value) ? value.replace(GROUP_SPACES, '').replace(',', '.') : value;
}
