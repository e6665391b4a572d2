import { parse } from 'csv-parse/sync';
import { checkHeader, misfit } from './csv-header';
import { excelConversion, fromDecimalComma, separatorOf } from './csv-locale';
import { type LineProblem, UnreadableRecords } from './csv-quoting';
import { decodeCsvText } from './csv-text';

export interface CsvLayout<Column extends string> {
  /** Every column a file may have. */
  columns: readonly Column[];
  /** The columns a file must have: all of them unless said. */
  required?: readonly Column[];
  /** Columns of numbers, which a file separated by `;` or tabs may write with a decimal comma (`1 234,5`). */
  numeric?: readonly Column[];
  /**
   * Columns of codes and periods, which Excel turns into dates or numbers when it opens and saves a
   * file: a value that looks like its doing is named with how to keep it (the caller refuses it too).
   */
  typedAsText?: readonly Column[];
  /** The most data rows a file may hold: reading stops one row past them. */
  maxRows: number;
}

export interface CsvRecord<Column extends string> {
  /** The line the row starts on, counting the header as line 1 and blank lines too. */
  line: number;
  /** Trimmed, numbers with a decimal point; '' for an empty value or a column the header leaves out. */
  values: Record<Column, string>;
}

export interface CsvProblem {
  /** The line it is on, the header being line 1; none for the file as a whole. */
  line?: number;
  message: string;
}

export interface CsvReading<Column extends string> {
  /** The rows read, in file order; none when the file as a whole is refused (encoding, header, size). */
  rows: CsvRecord<Column>[];
  /** What cannot be read, in file order: rows around a bad one are still read, so one answer names them all. */
  problems: CsvProblem[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads an uploaded CSV as people save it: UTF-8 (see decodeCsvText), separated by commas, or by
 * semicolons or tabs as Excel does where the decimal separator is a comma, and then with decimal
 * commas in the numeric columns. The header names the columns in any order, each once.
 */
export function readCsv<Column extends string>(file: Buffer, layout: CsvLayout<Column>): CsvReading<Column> {
  const decoded = decodeCsvText(file);
  if ('refusal' in decoded) return { rows: [], problems: [{ message: decoded.refusal }] };
  // csv-parse counts a CRLF inside a quoted value as two lines, which would put every later line number off.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const separator = separatorOf(text);
  const unreadable = new UnreadableRecords(text);
  const [header, ...data] = parse(text, {
    delimiter: separator,
    trim: true,
    skip_empty_lines: true,
    // Excel writes a row of separators for each empty row of the sheet that was ever used.
    skip_records_with_empty_values: true,
    relax_column_count: true,
    info: true,
    // A record that cannot be read is named and the next one read, so that one answer names every bad line.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) unreadable.skipped(error);
    },
    on_record: (record, { lines }) => {
      unreadable.read(lines);
      return record;
    },
    // The header, the most rows a file may hold, and one more to tell that it holds too many.
    to: layout.maxRows + 2,
  }) as unknown as ParsedRecord[];
  if (!header) {
    const problems = unreadable.problems.length ? unreadable.problems : [{ message: 'the file has no header line' }];
    return { rows: [], problems };
  }
  const refusals = fileRefusals(header, data.length, unreadable.problems, layout);
  if (refusals.length > 0) return { rows: [], problems: refusals };
  const problems: CsvProblem[] = [...unreadable.problems];
  const rows: CsvRecord<Column>[] = [];
  const numeric = new Set<string>(separator === ',' ? [] : (layout.numeric ?? []));
  for (const { record, info } of data) {
    const line = startOf(info.lines, record);
    const why = misfit(record, header.record);
    if (why) {
      problems.push({ line, message: why });
      continue;
    }
    const values = Object.fromEntries(layout.columns.map((column) => [column, ''])) as Record<Column, string>;
    header.record.forEach((column, index) => {
      if (column) values[column as Column] = numeric.has(column) ? fromDecimalComma(record[index]) : record[index];
    });
    for (const column of layout.typedAsText ?? []) {
      const conversion = excelConversion(values[column]);
      if (conversion) {
        problems.push({
          line,
          message: `${column} "${values[column]}" looks like the ${conversion} Excel made of it: format the column as Text before saving the file`,
        });
      }
    }
    rows.push({ line, values });
  }
  return { rows, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** A header line that cannot be read or is not the layout's, no rows or too many refuse the file. */
function fileRefusals(
  header: ParsedRecord,
  rowCount: number,
  unreadable: LineProblem[],
  layout: CsvLayout<string>,
): CsvProblem[] {
  const headerLine = startOf(header.info.lines, header.record);
  // Past a header line that cannot be read csv-parse takes the first row for the header.
  const headerUnreadable = unreadable.filter(({ line }) => line <= headerLine);
  if (headerUnreadable.length > 0) return headerUnreadable;
  const refusals = checkHeader(header.record, headerLine, layout);
  const count = rowCount + unreadable.length;
  if (count === 0) refusals.push({ message: 'the file has no data rows under its header' });
  if (count > layout.maxRows) {
    refusals.push({
      message: `the file has more than ${layout.maxRows} data lines, the most one upload may hold: split it`,
    });
  }
  return refusals;
}

/** The line a record starts on: csv-parse counts the line it ends on. */
function startOf(lastLine: number, fields: string[]): number {
  return lastLine - fields.reduce((breaks, field) => breaks + (field.match(/\n/g)?.length ?? 0), 0);
}
