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
 * Each product's classes as known here: a day's is that of the highest
 * catalogue version known by then, from the day it became known (`since`)
 * until one of a higher version did (`until`; null: still). Before the
 * catalogue knew the product (class null) its lines count in the class their
 * reports gave.
 */
const CLASS_SPANS = `(
  SELECT product_code, tonnage_class, since,
         min(since) OVER (PARTITION BY product_code ORDER BY version DESC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS until
    FROM (SELECT product_code, version, tonnage_class, known_day(known_from) AS since FROM product_class
          UNION ALL
          SELECT product_code, 0, NULL, '-infinity' FROM product_class GROUP BY product_code) AS c)`;

/**
 * The lines `changes` (report_line_month m and c(replaced_at, sign)) counts
 * in or out from a day on, added to what became known day by day per product
 * (`output_month_known`) and per company and region (without the product).
 * From that day on a line counts in its product's class as known each day:
 * where the class changes later, it moves from the one class to the other.
 * One statement for both, as for the monthly aggregates: rows in key order,
 * the per-product rows first (the unreferenced insert runs when the main one
 * has finished), so concurrent consumers lock shared rows in the same order.
 * Groups that cancel out (a line known and replaced the same day, a class
 * the same on both sides of a change) add nothing. The lines are summed per
 * product, company, region and day before the classes are looked up: a
 * recount of every line then looks up thousands of groups, not a row per line.
 */
const countIn = (changes: string) => `
  WITH changed AS (
    SELECT m.month, m.product_code, m.reported_class, m.company_id, m.region, c.sign,
           CASE WHEN c.replaced_at IS NULL THEN known_day(m.known_from)
                ELSE greatest(known_day(c.replaced_at), known_day(m.known_from)) END AS from_day,
           sum(m.quantity_t) AS quantity_t, sum(m.metal_t) AS metal_t, sum(m.domestic_t) AS domestic_t,
           sum(m.exports_t) AS exports_t, count(*) AS lines
      ${changes}
     GROUP BY 1, 2, 3, 4, 5, 6, 7),
  delta AS MATERIALIZED (
    SELECT l.month, l.product_code, coalesce(s.tonnage_class, l.reported_class, 'unknown') AS tonnage_class,
           l.company_id, l.region, k.known_on,
           sum(k.sign * l.quantity_t) AS quantity_t, sum(k.sign * l.metal_t) AS metal_t,
           sum(k.sign * l.domestic_t) AS domestic_t, sum(k.sign * l.exports_t) AS exports_t, sum(k.sign * l.lines) AS lines
      FROM changed l
      LEFT JOIN ${CLASS_SPANS} s
        ON s.product_code = l.product_code AND (s.until IS NULL OR s.until > greatest(l.from_day, s.since))
     CROSS JOIN LATERAL (VALUES (greatest(l.from_day, s.since), l.sign), (s.until, -l.sign)) AS k(known_on, sign)
     WHERE k.known_on IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING (sum(k.sign * l.lines), sum(k.sign * l.quantity_t), sum(k.sign * l.metal_t), sum(k.sign * l.domestic_t),
            sum(k.sign * l.exports_t)) <> (0, 0, 0, 0, 0)),
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

/**
 * Every line (of those `where` keeps) counted in on the day it became known
 * and out on the day it was replaced, times `sign`.
 */
const everyLine = (sign: string, where = 'true') =>
  countIn(`
  FROM report_line_month m
 CROSS JOIN LATERAL (VALUES (NULL::timestamptz, ${sign}), (m.known_to, -${sign})) AS c(replaced_at, sign)
 WHERE (c.sign = ${sign} OR c.replaced_at IS NOT NULL) AND ${where}`);

const RECOMPUTE = everyLine('1');

/** Replaces what both tables held. */
export async function recomputeKnowledge(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE output_month_known, output_month_company_known`);
  await manager.query(RECOMPUTE);
}

const PRODUCT_LINES = everyLine('$2::int', 'm.product_code = $1');

/**
 * Every line of a product counted into (+1) or out of (−1) what became known
 * day by day, in its classes as known then: around a change of what is known
 * of the product's class, out under the classes known before, in under those
 * known after.
 */
export async function countProductLines(manager: EntityManager, productCode: string, sign: 1 | -1): Promise<void> {
  await manager.query(PRODUCT_LINES, [productCode, sign]);
}
