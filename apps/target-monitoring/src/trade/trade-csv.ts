import { type CsvError, parse } from 'csv-parse/sync';
import type { FieldError } from '@redmet/platform';
import { MAX_TRADE_ROWS } from './dto/trade-row.dto';
import { inRowOrder } from './trade-checks';
import { type ValidatedRows, validateTradeRows } from './trade-row-validation';

export const TRADE_CSV_COLUMNS = ['flow', 'hsCode', 'productCode', 'period', 'quantity', 'unit', 'valueKopecks'];
const REQUIRED = ['flow', 'hsCode', 'period', 'quantity', 'unit'];

/**
 * Every line checked, every bad one named (`lines.<n>.<column>`, counting the
 * header as line 1, a record by the line it starts on): the upload is all or
 * nothing.
 */
export function parseTradeCsv(content: Buffer): ValidatedRows {
  const skipped: FieldError[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines, which puts every later line number off.
    records = parse(content.toString('utf8').replace(/\r\n/g, '\n'), {
      columns: headerOf,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // A line that cannot be read is named and the next one read, so that one answer names every bad line.
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push(unreadable(error));
      },
      // Reading stops one readable row past the limit: enough to refuse the file without reading all of it.
      to: MAX_TRADE_ROWS + 1,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], errors: [{ field: line ? `lines.${line}` : 'file', messages: [(error as Error).message] }] };
  }
  const count = records.length + skipped.length;
  if (count > MAX_TRADE_ROWS) {
    const tooMany = `the file has more than ${MAX_TRADE_ROWS} data lines, the most one upload may hold: split it`;
    return { rows: [], errors: [{ field: 'file', messages: [tooMany] }] };
  }
  if (count === 0) return { rows: [], errors: [{ field: 'file', messages: ['the file has no data lines'] }] };
  const validated = validateTradeRows(
    records.map(({ record, info }) => ({
      at: `lines.${firstLine(info.lines, Object.values(record))}`,
      // An empty field is one left out.
      value: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
    })),
  );
  return { rows: validated.rows, errors: inRowOrder([...skipped, ...validated.errors]) };
}

/** The line a record starts on: csv-parse counts the line it ends on. */
function firstLine(lastLine: number, fields: string[]): number {
  return lastLine - fields.reduce((breaks, field) => breaks + (field.match(/[\r\n]/g)?.length ?? 0), 0);
}

/** A line csv-parse could not read, named by the line it starts on. */
function unreadable(error: CsvError): FieldError {
  const lines = error.lines as number;
  const record = error.record as string[] | undefined;
  const field = `lines.${record ? firstLine(lines, record) : lines}`;
  if (error.code !== 'CSV_RECORD_INCONSISTENT_COLUMNS' || !record) return { field, messages: [error.message] };
  const header = (error.columns as unknown[]).length;
  return { field, messages: [`has ${record.length} values where the header names ${header} columns`] };
}

function headerOf(header: string[]): string[] {
  const unknown = header.filter((name) => !TRADE_CSV_COLUMNS.includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  // A record keeps one value per name: the other column's would be dropped unseen.
  const repeated = [...new Set(header.filter((name, index) => header.indexOf(name) !== index))];
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      ...(missing.length ? [`missing columns: ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown columns: ${unknown.join(', ')}`] : []),
      ...(repeated.length ? [`columns named twice: ${repeated.join(', ')}`] : []),
    ];
    throw Object.assign(new Error(`${parts.join('; ')} (expected ${TRADE_CSV_COLUMNS.join(',')})`), { lines: 1 });
  }
  return header;
}
