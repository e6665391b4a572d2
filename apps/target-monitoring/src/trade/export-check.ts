import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
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

export interface ExportComparison {
  hsCode: string;
  productCode: string | null;
  period: string;
  products: string[];
  customsExportsTonnes: string;
  reportedExportsTonnes: string;
  differenceTonnes: string;
  /** |reported − customs| ÷ the larger of the two. */
  relativeDifference: string;
  tolerance: string;
  withinTolerance: boolean;
  producers: { companyId: string; name: string | null; reportedExportsTonnes: string }[];
}

/** Current customs export figures within the months $1–$2 (either null: open). */
const CUSTOMS_EXPORTS = `known_to IS NULL AND flow = 'export'
  AND ($1::date IS NULL OR period_start >= $1) AND ($2::date IS NULL OR period_end <= $2)`;

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

  /** A page of figures, cut by customs figure, however many producers stand beside each. */
  async page(query: ExportCheckQuery): Promise<Page<ExportComparison>> {
    const [from, to] = [query.from ?? null, query.to ?? null];
    const items = await this.figures(from, to, { limit: query.pageSize, offset: query.skip });
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM trade_statistic WHERE ${CUSTOMS_EXPORTS}`,
      monthRange(from, to),
    );
    return Page.of(items, total, query);
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
         SELECT id, hs_code, product_code, period, period_start, period_end, quantity_t
           FROM trade_statistic WHERE ${CUSTOMS_EXPORTS}
          ORDER BY period_start, hs_code, product_code NULLS FIRST, id
          LIMIT $3 OFFSET $4),
       covered AS (
         SELECT c.id, coalesce(c.product_code, p.code) AS code
           FROM customs c LEFT JOIN registry_product p
             ON c.product_code IS NULL
            AND (p.hs_code = c.hs_code OR p.hs_code LIKE c.hs_code || '.%' OR c.hs_code LIKE p.hs_code || '.%'))
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
