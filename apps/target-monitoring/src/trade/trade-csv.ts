import { TRADE_CSV_COLUMNS } from '@redmet/contracts';
import { type FieldError, readCsv } from '@redmet/platform';
import { MAX_TRADE_ROWS } from './dto/trade-row.dto';
import { inRowOrder } from './trade-checks';
import { type ValidatedRows, validateTradeRows } from './trade-row-validation';

const REQUIRED = ['flow', 'hsCode', 'period', 'quantity', 'unit'] as const;

/**
 * Every line checked, every bad one named (`lines.<n>.<column>`, counting the
 * header as line 1, a record by the line it starts on; `file` for the file as
 * a whole): the upload is all or nothing.
 */
export function parseTradeCsv(content: Buffer): ValidatedRows {
  const reading = readCsv(content, {
    columns: TRADE_CSV_COLUMNS,
    required: REQUIRED,
    numeric: ['quantity', 'valueKopecks'],
    typedAsText: ['hsCode', 'period'],
    maxRows: MAX_TRADE_ROWS,
  });
  const unreadable = new Map<string, FieldError>();
  for (const { line, message } of reading.problems) {
    const field = line ? `lines.${line}` : 'file';
    unreadable.set(field, { field, messages: [...(unreadable.get(field)?.messages ?? []), message] });
  }
  const validated = validateTradeRows(
    reading.rows.map(({ line, values }) => ({
      at: `lines.${line}`,
      // An empty field is one left out.
      value: Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')),
    })),
  );
  return { rows: validated.rows, errors: inRowOrder([...unreadable.values(), ...validated.errors]) };
}
