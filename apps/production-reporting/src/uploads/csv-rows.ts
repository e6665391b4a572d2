import {
  DECIMAL_PATTERN,
  INPUT_YEARS,
  PERIOD_INPUT_PATTERN,
  PRODUCT_CODE_PATTERN,
  REPORT_CSV_COLUMNS,
  type ReportLineFigures,
  UNITS,
  type Unit,
} from '@redmet/contracts';
import { type FieldError, readCsv } from '@redmet/platform';

type Column = (typeof REPORT_CSV_COLUMNS)[number];

/** A data row that is well-formed; `line` is its line number in the file (the header is line 1). */
export interface CsvRow extends ReportLineFigures {
  line: number;
  facilityId: string | null;
  depositId: string | null;
  period: string;
}

export class RowErrors {
  private readonly byLine = new Map<number, string[]>();

  add(line: number, message: string): void {
    this.byLine.set(line, [...(this.byLine.get(line) ?? []), message]);
  }

  get size(): number {
    return this.byLine.size;
  }

  has(line: number): boolean {
    return this.byLine.has(line);
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
  const reading = readCsv(file, {
    columns: REPORT_CSV_COLUMNS,
    numeric: DECIMAL_COLUMNS,
    typedAsText: ['period'],
    maxRows,
  });
  // Every error of an upload names a line: those of the file as a whole name its header's.
  for (const problem of reading.problems) errors.add(problem.line ?? 1, problem.message);
  const rows: CsvRow[] = [];
  for (const { line, values } of reading.rows) {
    const row = readRow(values, line, errors);
    if (row) rows.push(row);
  }
  return { rows, errors };
}

function readRow(values: Record<Column, string>, line: number, errors: RowErrors): CsvRow | null {
  const facilityId = values.facility_id || null;
  const depositId = values.deposit_id || null;
  if (!facilityId && !depositId) errors.add(line, 'facility_id or deposit_id is required');
  if (facilityId && !UUID.test(facilityId)) errors.add(line, 'facility_id must be a UUID');
  if (depositId && !UUID.test(depositId)) errors.add(line, 'deposit_id must be a UUID');
  if (!PERIOD_INPUT_PATTERN.test(values.period))
    errors.add(line, `period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years ${INPUT_YEARS}`);
  if (!PRODUCT_CODE_PATTERN.test(values.product_code))
    errors.add(line, 'product_code must be a catalogue code such as LI-CARBONATE');
  if (!(UNITS as readonly string[]).includes(values.unit)) errors.add(line, `unit must be one of: ${UNITS.join(', ')}`);
  for (const column of DECIMAL_COLUMNS) {
    if (!DECIMAL_PATTERN.test(values[column])) {
      errors.add(
        line,
        `${column} must be a non-negative decimal with at most 6 decimals, e.g. 1250.5 (1250,5 in a file separated by semicolons)`,
      );
    }
  }
  // Refused for its own checks, or for what the reader found in it (a period Excel made a date of).
  if (errors.has(line)) return null;
  return {
    line,
    facilityId: facilityId?.toLowerCase() ?? null,
    depositId: depositId?.toLowerCase() ?? null,
    period: values.period,
    productCode: values.product_code,
    quantity: values.quantity,
    unit: values.unit as Unit,
    metalContentTonnes: values.metal_content_tonnes,
    domesticShipments: values.domestic_shipments,
    exports: values.exports,
  };
}
