import type { EntityManager } from 'typeorm';

/** A report version going into (+1) or out of (−1) the monthly aggregates. */
export interface Move {
  reportId: string;
  version: number;
  sign: 1 | -1;
}

/** An upsert's update adding the new row's sums and line count to the existing row `o`. */
export const ADD_UP = `quantity_t = o.quantity_t + excluded.quantity_t, metal_t = o.metal_t + excluded.metal_t,
  domestic_t = o.domestic_t + excluded.domestic_t, exports_t = o.exports_t + excluded.exports_t,
  lines = o.lines + excluded.lines`;

/**
 * The lines `changes` (report_line_month m and d(sign)) moves into or out of
 * both aggregates, in one statement (each round trip costs). Rows are written
 * in key order, the per-product rows first (the unreferenced detail insert
 * runs when the main one has finished), so concurrent consumers lock shared
 * rows in the same order and cannot deadlock.
 */
const addUp = (changes: string) => `
  WITH delta AS MATERIALIZED (
    SELECT m.month, m.product_code, m.tonnage_class, m.company_id, m.region,
           sum(d.sign * m.quantity_t) AS quantity_t, sum(d.sign * m.metal_t) AS metal_t,
           sum(d.sign * m.domestic_t) AS domestic_t, sum(d.sign * m.exports_t) AS exports_t, sum(d.sign) AS lines
      ${changes}
     GROUP BY 1, 2, 3, 4, 5),
  detail AS (
    INSERT INTO output_month AS o
    SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, product_code, tonnage_class, company_id, region) DO UPDATE SET ${ADD_UP})
  INSERT INTO output_month_product AS o
  SELECT month, product_code, tonnage_class, sum(quantity_t), sum(metal_t), sum(domestic_t), sum(exports_t),
         sum(lines)
    FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (month, product_code, tonnage_class) DO UPDATE SET ${ADD_UP}`;

const APPLY_MOVES = addUp(`
  FROM unnest($1::uuid[], $2::int[], $3::int[]) AS d(report_id, version, sign)
  JOIN report_line_month m ON m.report_id = d.report_id AND m.version = d.version`);

export async function applyToAggregates(manager: EntityManager, moves: Move[]): Promise<void> {
  if (moves.length === 0) return;
  await manager.query(APPLY_MOVES, [
    moves.map((move) => move.reportId),
    moves.map((move) => move.version),
    moves.map((move) => move.sign),
  ]);
}

/** The lines of every report's highest version are those no later version replaced. */
const PRODUCT_LINES = addUp(`
  FROM report_line_month m CROSS JOIN (VALUES ($2::int)) AS d(sign)
 WHERE m.product_code = $1 AND m.known_to IS NULL`);

/**
 * A product's lines (of every report's highest version) moved into (+1) or
 * out of (−1) both aggregates, in the class their facts give.
 */
export async function moveProductLines(manager: EntityManager, productCode: string, sign: 1 | -1): Promise<void> {
  await manager.query(PRODUCT_LINES, [productCode, sign]);
}

/** The amounts summed, in the order the aggregate tables hold them. */
export const SUMS = `sum(quantity_t), sum(metal_t), sum(domestic_t), sum(exports_t)`;

/**
 * Both aggregates from the facts of each report's highest accepted version
 * (those no later version replaced), replacing what they held.
 */
const RECOMPUTE = `
  WITH detail AS (
    INSERT INTO output_month
    SELECT m.month, m.product_code, m.tonnage_class, m.company_id, m.region, ${SUMS}, count(*)
      FROM report_line_month m WHERE m.known_to IS NULL
     GROUP BY 1, 2, 3, 4, 5
    RETURNING *)
  INSERT INTO output_month_product
  SELECT month, product_code, tonnage_class, ${SUMS}, sum(lines) FROM detail GROUP BY 1, 2, 3`;

export async function recomputeAggregates(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE output_month, output_month_product`);
  await manager.query(RECOMPUTE);
}
