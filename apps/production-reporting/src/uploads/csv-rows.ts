import { parse } from 'csv-parse/sync';
import {
  DECIMAL_PATTERN,
  INPUT_YEARS,
  PERIOD_INPUT_PATTERN,
  PRODUCT_CODE_PATTERN,
  UNITS,
  type Unit,
} from '@redmet/contracts';
import type { FieldError } from '@redmet/platform';

/** The columns of a report-lines file, in any order (README). */
export const CSV_COLUMNS = [
  'facility_id',
  'deposit_id',
  'period',
  'product_code',
  'quantity',
  'unit',
  'metal_content_tonnes',
  'domestic_shipments',
  'exports',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** A data row that is well-formed; `line` is its line number in the file (the header is line 1). */
export interface CsvRow {
  line: number;
  facilityId: string | null;
  depositId: string | null;
  period: string;
  productCode: string;
  quantity: string;
  unit: Unit;
  metalContentTonnes: string;
  domesticShipments: string;
  exports: string;
}

export class RowErrors {
  private readonly byLine = new Map<number, string[]>();

  add(line: number, message: string): void {
    this.byLine.set(line, [...(this.byLine.get(line) ?? []), message]);
  }

  get size(): number {
    return this.byLine.size;
  }

  /** One entry per bad row, in file order: `line 7` and every reason that row is refused. */
  toFieldErrors(): FieldError[] {
    return [...this.byLine.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, messages]) => ({ field: `line ${line}`, messages }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DECIMAL_COLUMNS = ['quantity', 'metal_content_tonnes', 'domestic_shipments', 'exports'] as const;

/**
 * Reads the file and checks each row on its own (types and formats); the
 * registry checks come after. Rows with errors are left out of the result
 * and named in `errors`.
 */
export function readCsvRows(file: Buffer, maxRows: number): { rows: CsvRow[]; errors: RowErrors } {
  const errors = new RowErrors();
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true };
    records = parse(file, options) as unknown as typeof records;
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 1;
    errors.add(lines, `the file is not valid CSV: ${(error as Error).message}`);
    return { rows: [], errors };
  }
  const [header, ...data] = records;
  const columns = header ? checkHeader(header.record, errors) : null;
  if (!header || data.length === 0) errors.add(1, 'the file has no data rows under its header');
  if (data.length > maxRows) errors.add(data[maxRows].info.lines, `a file holds at most ${maxRows} rows`);
  if (!columns || errors.size > 0) return { rows: [], errors };
  const rows: CsvRow[] = [];
  for (const { record, info } of data) {
    const row = readRow(record, info.lines, columns, errors);
    if (row) rows.push(row);
  }
  return { rows, errors };
}

function checkHeader(header: string[], errors: RowErrors): Map<Column, number> | null {
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = header.filter((name) => !known.has(name));
  const missing = CSV_COLUMNS.filter((name) => !header.includes(name));
  if (unknown.length) errors.add(1, `unknown columns: ${unknown.join(', ')}`);
  if (missing.length) errors.add(1, `missing columns: ${missing.join(', ')}`);
  if (new Set(header).size !== header.length) errors.add(1, 'a column is named twice');
  return errors.size ? null : new Map(CSV_COLUMNS.map((name) => [name, header.indexOf(name)]));
}

function readRow(record: string[], line: number, columns: Map<Column, number>, errors: RowErrors): CsvRow | null {
  const before = errors.size;
  if (record.length !== columns.size) {
    errors.add(line, `has ${record.length} fields, the header has ${columns.size}`);
    return null;
  }
  const value = (column: Column) => record[columns.get(column) as number];
  const facilityId = value('facility_id') || null;
  const depositId = value('deposit_id') || null;
  if (!facilityId && !depositId) errors.add(line, 'facility_id or deposit_id is required');
  if (facilityId && !UUID.test(facilityId)) errors.add(line, 'facility_id must be a UUID');
  if (depositId && !UUID.test(depositId)) errors.add(line, 'deposit_id must be a UUID');
  if (!PERIOD_INPUT_PATTERN.test(value('period')))
    errors.add(line, `period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years ${INPUT_YEARS}`);
  if (!PRODUCT_CODE_PATTERN.test(value('product_code')))
    errors.add(line, 'product_code must be a catalogue code such as LI-CARBONATE');
  if (!(UNITS as readonly string[]).includes(value('unit')))
    errors.add(line, `unit must be one of: ${UNITS.join(', ')}`);
  for (const column of DECIMAL_COLUMNS) {
    if (!DECIMAL_PATTERN.test(value(column))) {
      errors.add(line, `${column} must be a non-negative decimal with at most 6 decimals, e.g. 1250.5`);
    }
  }
  if (errors.size > before) return null;
  return {
    line,
    facilityId: facilityId?.toLowerCase() ?? null,
    depositId: depositId?.toLowerCase() ?? null,
    period: value('period'),
    productCode: value('product_code'),
    quantity: value('quantity'),
    unit: value('unit') as Unit,
    metalContentTonnes: value('metal_content_tonnes'),
    domesticShipments: value('domestic_shipments'),
    exports: value('exports'),
  };
}
