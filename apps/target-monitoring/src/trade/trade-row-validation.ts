import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type FieldError, toFieldErrors } from '@redmet/platform';
import { TradeRowDto } from './dto/trade-row.dto';
import type { NumberedRow } from './trade-checks';

export interface ValidatedRows {
  /** The rows whose every field is valid; the others are named in `errors`. */
  rows: NumberedRow[];
  errors: FieldError[];
}

/**
 * Each row checked on its own and named by where it is (`rows.3.quantity`,
 * `lines.4.period`), so that the valid rows can still be checked against each
 * other and one answer names every bad row, whether they came as JSON or CSV.
 */
export function validateTradeRows(items: { at: string; value: unknown }[]): ValidatedRows {
  const rows: NumberedRow[] = [];
  const errors: FieldError[] = [];
  for (const { at, value } of items) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ field: at, messages: ['a row must be an object of the row fields'] });
      continue;
    }
    const row = plainToInstance(TradeRowDto, value);
    const problems = toFieldErrors(
      validateSync(row, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false }),
      at,
    );
    if (problems.length > 0) errors.push(...problems);
    else rows.push({ at, row });
  }
  return { rows, errors };
}
