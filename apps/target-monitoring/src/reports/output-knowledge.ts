import type { EntityManager } from 'typeorm';
import { ADD_UP } from './report-aggregates';

/**
 * A version's lines counted into `output_month_known` (+1) or out of it (−1):
 * on the day they became known (`replacedAt` null), or on the day they were
 * replaced (never before the day they became known).
 */
export interface KnowledgeChange {
  reportId: string;
  version: number;
  /** As PostgreSQL wrote it: a JavaScript Date would drop the microseconds that may decide the day. */
  replacedAt: string | null;
  sign: 1 | -1;
}

const DAY_OF_CHANGE = `CASE WHEN c.replaced_at IS NULL THEN known_day(m.known_from)
                            ELSE greatest(known_day(c.replaced_at), known_day(m.known_from)) END`;

/** Rows in key order, so that concurrent consumers lock shared rows in the same order. */
const APPLY_CHANGES = `
  INSERT INTO output_month_known AS o
  SELECT m.month, m.product_code, m.tonnage_class, ${DAY_OF_CHANGE}, sum(c.sign * m.quantity_t),
         sum(c.sign * m.metal_t), sum(c.sign * m.domestic_t), sum(c.sign * m.exports_t), sum(c.sign)
    FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[]) AS c(report_id, version, replaced_at, sign)
    JOIN report_line_month m ON m.report_id = c.report_id AND m.version = c.version
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (month, product_code, tonnage_class, known_on) DO UPDATE SET ${ADD_UP}`;

export async function applyKnowledgeChanges(manager: EntityManager, changes: KnowledgeChange[]): Promise<void> {
  if (changes.length === 0) return;
  await manager.query(APPLY_CHANGES, [
    changes.map((change) => change.reportId),
    changes.map((change) => change.version),
    changes.map((change) => change.replacedAt),
    changes.map((change) => change.sign),
  ]);
}

/** Every line counted in on the day it became known and out on the day it was replaced, replacing what the table held. */
const RECOMPUTE = `
  INSERT INTO output_month_known
  SELECT m.month, m.product_code, m.tonnage_class, ${DAY_OF_CHANGE}, sum(c.sign * m.quantity_t),
         sum(c.sign * m.metal_t), sum(c.sign * m.domestic_t), sum(c.sign * m.exports_t), sum(c.sign)
    FROM report_line_month m
   CROSS JOIN LATERAL (VALUES (NULL::timestamptz, 1), (m.known_to, -1)) AS c(replaced_at, sign)
   WHERE c.sign = 1 OR c.replaced_at IS NOT NULL
   GROUP BY 1, 2, 3, 4`;

export async function recomputeKnowledge(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE output_month_known`);
  await manager.query(RECOMPUTE);
}
