import { plainToInstance } from 'class-transformer';
import { parse } from 'csv-parse/sync';
import { validateSync } from 'class-validator';
import type { FieldError } from '@redmet/platform';
import { toFieldErrors } from '@redmet/platform';
import { TradeRowDto } from './dto/trade-row.dto';

export const TRADE_CSV_COLUMNS = ['flow', 'hsCode', 'productCode', 'period', 'quantity', 'unit', 'valueKopecks'];
const REQUIRED = ['flow', 'hsCode', 'period', 'quantity', 'unit'];

export interface ParsedTradeCsv {
  rows: { line: number; row: TradeRowDto }[];
  errors: FieldError[];
}

/**
 * Every line checked, every bad one named (`lines.<n>.<column>`, counting the
 * header as line 1): the upload is all or nothing.
 */
export function parseTradeCsv(content: Buffer): ParsedTradeCsv {
  let records: Record<string, string>[];
  try {
    records = parse(content, {
      columns: headerOf,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], errors: [{ field: line ? `lines.${line}` : 'file', messages: [(error as Error).message] }] };
  }
  const rows: ParsedTradeCsv['rows'] = [];
  const errors: FieldError[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const present = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
    const row = plainToInstance(TradeRowDto, present);
    const problems = toFieldErrors(validateSync(row, { forbidUnknownValues: false }), `lines.${line}`);
    if (problems.length > 0) errors.push(...problems);
    else rows.push({ line, row });
  });
  if (records.length === 0) errors.push({ field: 'file', messages: ['the file has no data lines'] });
  return { rows, errors };
}

function headerOf(header: string[]): string[] {
  const unknown = header.filter((name) => !TRADE_CSV_COLUMNS.includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (unknown.length || missing.length) {
    const parts = [
      ...(missing.length ? [`missing columns: ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`unknown columns: ${unknown.join(', ')}`] : []),
    ];
    throw Object.assign(new Error(`${parts.join('; ')} (expected ${TRADE_CSV_COLUMNS.join(',')})`), { lines: 1 });
  }
  return header;
}
