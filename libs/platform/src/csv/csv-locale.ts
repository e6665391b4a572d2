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
