import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExportComparison, NotCompared } from '@redmet/contracts';
import { Page } from '@redmet/platform';
import { tonnes } from '../common/decimals';
import { lastDayOf } from '../common/months';
import { ConfigurationStore } from '../configuration/configuration.store';
import type { ExportCheckQuery } from './dto/export-check.dto';

interface Row {
  id: string;
  hs_code: string;
  product_code: string | null;
  period: string;
  customs_t: string;
  products: string[] | null;
  company_id: string | null;
  company: string | null;
  reported_t: string | null;
}

/** A catalogue product `p` under the HS code of customs figure `c`, as `hsCodesMatch` has it. */
const UNDER_CODE = `(p.hs_code = c.hs_code OR p.hs_code LIKE c.hs_code || '.%' OR c.hs_code LIKE p.hs_code || '.%')`;

/** A figure `c` that names a product, or whose code some catalogue product has: producers report its exports. */
const HAS_PRODUCT = `(c.product_code IS NOT NULL OR EXISTS (SELECT 1 FROM registry_product p WHERE ${UNDER_CODE}))`;

/** Current customs export figures `c` within the months $1–$2 (either null: open). */
const CUSTOMS_EXPORTS = `c.known_to IS NULL AND c.flow = 'export'
  AND ($1::date IS NULL OR c.period_start >= $1) AND ($2::date IS NULL OR c.period_end <= $2)`;

const monthRange = (from: string | null, to: string | null) => [
  from ? `${from}-01` : null,
  to ? lastDayOf(`${to}-01`) : null,
];

/**
 * Producers' reported exports beside customs exports: for each customs export
 * figure, the exports in accepted reports of the products under its HS code
 * (or the product it names), over the months of its period, per producer.
 */
@Injectable()
export class ExportCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigurationStore,
  ) {}

  /** Every figure: the discrepancy rule judges them all. */
  compare(
    from: string | null,
    to: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExportComparison[]> {
    return this.figures(from, to, null, manager);
  }

  /**
   * A page of figures, cut by customs figure, however many producers stand
   * beside each; and, whatever the page, those of the range not compared.
   */
  async page(query: ExportCheckQuery): Promise<Page<ExportComparison> & { notCompared: NotCompared[] }> {
    const [from, to] = [query.from ?? null, query.to ?? null];
    const items = await this.figures(from, to, { limit: query.pageSize, offset: query.skip });
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM trade_statistic c WHERE ${CUSTOMS_EXPORTS} AND ${HAS_PRODUCT}`,
      monthRange(from, to),
    );
    return { ...Page.of(items, total, query), notCompared: await this.notCompared(from, to) };
  }

  private async notCompared(from: string | null, to: string | null): Promise<NotCompared[]> {
    const rows: { hs_code: string; periods: string[]; customs_t: string }[] = await this.dataSource.query(
      `SELECT c.hs_code, array_agg(c.period ORDER BY c.period_start) AS periods, sum(c.quantity_t)::text AS customs_t
         FROM trade_statistic c WHERE ${CUSTOMS_EXPORTS} AND NOT ${HAS_PRODUCT}
        GROUP BY c.hs_code ORDER BY c.hs_code`,
      monthRange(from, to),
    );
    return rows.map((row) => ({
      hsCode: row.hs_code,
      periods: row.periods,
      customsExportsTonnes: tonnes(row.customs_t),
      reason: 'no_catalogue_product',
      note: `no catalogue product has HS code ${row.hs_code}: no producer reports exports to compare with customs`,
    }));
  }

  private async figures(
    from: string | null,
    to: string | null,
    paging: { limit: number; offset: number } | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExportComparison[]> {
    const tolerance = (await this.config.rule('trade.export_discrepancy', manager)).tolerance ?? '0.1';
    const rows: Row[] = await manager.query(
      `WITH customs AS (
         SELECT c.id, c.hs_code, c.product_code, c.period, c.period_start, c.period_end, c.quantity_t
           FROM trade_statistic c WHERE ${CUSTOMS_EXPORTS} AND ${HAS_PRODUCT}
          ORDER BY c.period_start, c.hs_code, c.product_code NULLS FIRST, c.id
          LIMIT $3 OFFSET $4),
       covered AS (
         SELECT c.id, coalesce(c.product_code, p.code) AS code
           FROM customs c LEFT JOIN registry_product p ON c.product_code IS NULL AND ${UNDER_CODE})
       SELECT c.id, c.hs_code, c.product_code, c.period, c.quantity_t::text AS customs_t,
              (SELECT array_agg(DISTINCT code ORDER BY code) FROM covered WHERE covered.id = c.id) AS products,
              o.company_id, rc.legal_name AS company, sum(o.exports_t)::text AS reported_t
         FROM customs c
         LEFT JOIN covered v ON v.id = c.id
         -- A row whose lines were all replaced (the product gone from an amended report) names no producer.
         LEFT JOIN output_month o ON o.product_code = v.code AND o.month BETWEEN c.period_start AND c.period_end
                                 AND o.lines > 0
         LEFT JOIN registry_company rc ON rc.company_id = o.company_id
        GROUP BY c.id, c.hs_code, c.product_code, c.period, c.period_start, c.quantity_t, o.company_id, rc.legal_name
        ORDER BY c.period_start, c.hs_code, c.product_code NULLS FIRST, c.id, o.company_id`,
      [...monthRange(from, to), paging?.limit ?? null, paging?.offset ?? 0],
    );
    const byFigure = new Map<string, Row[]>();
    for (const row of rows) byFigure.set(row.id, [...(byFigure.get(row.id) ?? []), row]);
    return [...byFigure.values()].map((figure) => comparison(figure, tolerance));
  }
}

function comparison(rows: Row[], tolerance: string): ExportComparison {
  const [first] = rows;
  const producers = rows
    .filter((row) => row.company_id && row.reported_t !== null)
    .map((row) => ({
      companyId: row.company_id as string,
      name: row.company,
      reportedExportsTonnes: tonnes(row.reported_t as string),
    }));
  const customs = new Decimal(first.customs_t);
  const reported = producers.reduce((total, producer) => total.plus(producer.reportedExportsTonnes), new Decimal(0));
  const larger = Decimal.max(customs, reported);
  const relative = larger.isZero() ? new Decimal(0) : reported.minus(customs).abs().div(larger);
  return {
    hsCode: first.hs_code,
    productCode: first.product_code,
    period: first.period,
    products: first.products?.filter((code): code is string => code !== null) ?? [],
    customsExportsTonnes: tonnes(customs),
    reportedExportsTonnes: tonnes(reported),
    differenceTonnes: tonnes(reported.minus(customs)),
    relativeDifference: relative.toDecimalPlaces(4).toFixed(),
    tolerance,
    withinTolerance: relative.lessThanOrEqualTo(tolerance),
    producers,
  };
}
