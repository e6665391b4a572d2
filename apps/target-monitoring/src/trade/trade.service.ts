import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidInputError, Page, type FieldError, type Principal } from '@redmet/platform';
import { InputsChanged } from '../alerts/inputs-changed';
import { parseStatPeriod } from '../common/months';
import { changedRows } from '../common/sql';
import { unnestSpec } from '../common/unnest';
import type { TradeQuery } from './dto/trade-row.dto';
import { checkTradeRows, inRowOrder, type LoadedPeriod, type NumberedRow } from './trade-checks';

const TRADE_COLUMNS = unnestSpec<NumberedRow>([
  ['flow', 'text', ({ row }) => row.flow],
  ['hs_code', 'text', ({ row }) => row.hsCode],
  ['product_code', 'text', ({ row }) => row.productCode ?? null],
  ['period', 'text', ({ row }) => row.period],
  ['period_start', 'date', ({ row }) => parseStatPeriod(row.period).start],
  ['period_end', 'date', ({ row }) => parseStatPeriod(row.period).end],
  ['months', 'int', ({ row }) => parseStatPeriod(row.period).months],
  ['quantity_t', 'numeric', ({ row }) => (row.unit === 'kg' ? `${row.quantity}e-3` : row.quantity)],
  ['value_kopecks', 'bigint', ({ row }) => row.valueKopecks ?? null],
]);

export interface UploadSource {
  kind: 'csv' | 'json';
  fileName: string | null;
}

export interface UploadResult {
  uploadId: string;
  rows: number;
  /** Figures that replaced earlier ones for the same flow, code and period (kept in history). */
  replaced: number;
  uploadedAt: string;
}

@Injectable()
export class TradeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputsChanged: InputsChanged,
  ) {}

  /**
   * All rows or none: a single bad row refuses the upload, naming every bad row.
   * `refused` are the errors of rows the parser already refused: the valid rows
   * are still checked against each other, so that one answer names them all.
   */
  async upload(
    rows: NumberedRow[],
    source: UploadSource,
    principal: Principal,
    refused: FieldError[] = [],
  ): Promise<UploadResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      // Uploads one at a time, so that overlap checks see every earlier upload.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('trade-upload', 0))`);
      const checked = checkTradeRows(rows, await this.loadedPeriods(manager, rows), await this.catalogue(manager));
      const errors = inRowOrder([...refused, ...checked]);
      if (errors.length > 0) throw invalidUpload(errors);
      return this.write(manager, rows, source, principal);
    });
    this.inputsChanged.mark();
    return result;
  }

  async list(query: TradeQuery) {
    const where = `known_to IS NULL AND ($1::text IS NULL OR flow = $1) AND ($2::text IS NULL OR hs_code = $2)
                   AND ($3::text IS NULL OR period = $3)`;
    const parameters = [query.flow ?? null, query.hsCode ?? null, query.period ?? null];
    const items = await this.dataSource.query(
      `SELECT flow, hs_code AS "hsCode", product_code AS "productCode", period, quantity_t::text AS "quantityTonnes",
              value_kopecks::text AS "valueKopecks", upload_id AS "uploadId", known_from AS "loadedAt"
         FROM trade_statistic WHERE ${where} ORDER BY period_start DESC, hs_code, flow LIMIT $4 OFFSET $5`,
      [...parameters, query.pageSize, query.skip],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM trade_statistic WHERE ${where}`,
      parameters,
    );
    return Page.of(items, total, query);
  }

  private async write(
    manager: EntityManager,
    rows: NumberedRow[],
    source: UploadSource,
    principal: Principal,
  ): Promise<UploadResult> {
    const uploadId = randomUUID();
    const [{ uploaded_at: uploadedAt }]: { uploaded_at: Date }[] = await manager.query(
      `INSERT INTO trade_upload (id, source, file_name, row_count, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, clock_timestamp()) RETURNING uploaded_at`,
      [uploadId, source.kind, source.fileName, rows.length, principal.userId],
    );
    const replaced = await changedRows(
      manager,
      `UPDATE trade_statistic t SET known_to = $5
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS n(flow, hs_code, product_code, period)
        WHERE t.known_to IS NULL AND t.flow = n.flow AND t.hs_code = n.hs_code
          AND coalesce(t.product_code, '') = coalesce(n.product_code, '') AND t.period = n.period
       RETURNING t.id`,
      [...TRADE_COLUMNS.arrays(rows).slice(0, 4), uploadedAt],
    );
    await manager.query(
      `INSERT INTO trade_statistic (${TRADE_COLUMNS.names}, upload_id, known_from)
       SELECT *, $${TRADE_COLUMNS.size + 1}::uuid, $${TRADE_COLUMNS.size + 2}::timestamptz
         FROM unnest(${TRADE_COLUMNS.casts})`,
      [...TRADE_COLUMNS.arrays(rows), uploadId, uploadedAt],
    );
    return { uploadId, rows: rows.length, replaced: replaced.length, uploadedAt: uploadedAt.toISOString() };
  }

  /**
   * Current figures that may count towards the same product or code as a row:
   * those under the same 4-digit heading (a product's code and the codes that
   * resolve to it share one) or naming one of the rows' products.
   */
  private loadedPeriods(manager: EntityManager, rows: NumberedRow[]): Promise<LoadedPeriod[]> {
    return manager.query(
      `SELECT flow, hs_code, product_code, period FROM trade_statistic
        WHERE known_to IS NULL AND (left(hs_code, 4) = ANY($1) OR product_code = ANY($2))`,
      [
        [...new Set(rows.map(({ row }) => row.hsCode.slice(0, 4)))],
        [...new Set(rows.flatMap(({ row }) => (row.productCode ? [row.productCode] : [])))],
      ],
    );
  }

  private async catalogue(manager: EntityManager): Promise<Map<string, { code: string; hsCode: string }>> {
    const rows: { code: string; hs_code: string }[] = await manager.query('SELECT code, hs_code FROM registry_product');
    return new Map(rows.map((row) => [row.code, { code: row.code, hsCode: row.hs_code }]));
  }
}

export function invalidUpload(errors: FieldError[]): InvalidInputError {
  // `rows.3.quantity` and `lines.4` name a row; `file` names the upload as a whole.
  const rows = new Set(
    errors
      .map((error) => error.field.split('.'))
      .filter((path) => path.length > 1)
      .map(([kind, n]) => `${kind}.${n}`),
  );
  const what = rows.size > 0 ? `${rows.size} row(s) are invalid` : 'the upload is invalid';
  return new InvalidInputError('TRADE.INVALID_ROWS', `${what}; nothing was loaded`, errors);
}
