import type { EntityManager } from 'typeorm';
import { ADD_UP, SUMS } from './report-aggregates';

/**
 * A version's lines counted into what was known day by day (+1) or out of it
 * (−1): on the day they became known (`replacedAt` null), or on the day they
 * were replaced (never before the day they became known).
 */
export interface KnowledgeChange {
  reportId: string;
  version: number;
  /** As PostgreSQL wrote it: a JavaScript Date would drop the microseconds that may decide the day. */
  replacedAt: string | null;
  sign: 1 | -1;
}

/**
 * The lines `changes` (report_line_month m and c(replaced_at, sign)) counts
 * in or out, added to what became known day by day per product
 * (`output_month_known`) and per company and region (without the product).
 * One statement for both, as for the monthly aggregates: rows in key order,
 * the per-product rows first (the unreferenced insert runs when the main one
 * has finished), so concurrent consumers lock shared rows in the same order.
 */
const countIn = (changes: string) => `
  WITH delta AS MATERIALIZED (
    SELECT m.month, m.product_code, m.tonnage_class, m.company_id, m.region,
           CASE WHEN c.replaced_at IS NULL THEN known_day(m.known_from)
                ELSE greatest(known_day(c.replaced_at), known_day(m.known_from)) END AS known_on,
           sum(c.sign * m.quantity_t) AS quantity_t, sum(c.sign * m.metal_t) AS metal_t,
           sum(c.sign * m.domestic_t) AS domestic_t, sum(c.sign * m.exports_t) AS exports_t, sum(c.sign) AS lines
      ${changes}
     GROUP BY 1, 2, 3, 4, 5, 6),
  per_company AS (
    INSERT INTO output_month_company_known AS o
    SELECT month, tonnage_class, company_id, region, known_on, ${SUMS}, sum(lines)
      FROM delta GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, tonnage_class, company_id, region, known_on) DO UPDATE SET ${ADD_UP})
  INSERT INTO output_month_known AS o
  SELECT month, product_code, tonnage_class, known_on, ${SUMS}, sum(lines)
    FROM delta GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (month, product_code, tonnage_class, known_on) DO UPDATE SET ${ADD_UP}`;

const APPLY_CHANGES = countIn(`
  FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[]) AS c(report_id, version, replaced_at, sign)
  JOIN report_line_month m ON m.report_id = c.report_id AND m.version = c.version`);

export async function applyKnowledgeChanges(manager: EntityManager, changes: KnowledgeChange[]): Promise<void> {
  if (changes.length === 0) return;
  await manager.query(APPLY_CHANGES, [
    changes.map((change) => change.reportId),
    changes.map((change) => change.version),
    changes.map((change) => change.replacedAt),
    changes.map((change) => change.sign),
  ]);
}

/** Every line counted in on the day it became known and out on the day it was replaced. */
const RECOMPUTE = countIn(`
  FROM report_line_month m
 CROSS JOIN LATERAL (VALUES (NULL::timestamptz, 1), (m.known_to, -1)) AS c(replaced_at, sign)
 WHERE c.sign = 1 OR c.replaced_at IS NOT NULL`);

/** Replaces what both tables held. */
export async function recomputeKnowledge(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE output_month_known, output_month_company_known`);
  await manager.query(RECOMPUTE);
}
