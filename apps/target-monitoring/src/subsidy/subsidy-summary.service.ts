import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const CLAIM_TOTALS = `count(*)::int AS claims, coalesce(sum(approved_kopecks), 0)::text AS "approvedKopecks",
  coalesce(sum(paid_kopecks), 0)::text AS "paidKopecks",
  coalesce(sum(clawback_demanded_kopecks), 0)::text AS "clawbackDemandedKopecks",
  coalesce(sum(clawed_back_kopecks), 0)::text AS "clawedBackKopecks"`;

const BUDGET_FIGURES = `total_kopecks::text AS "totalKopecks", committed_kopecks::text AS "committedKopecks",
  available_kopecks::text AS "availableKopecks", utilisation_percent::text AS "utilisationPercent", as_of AS "asOf"`;

/**
 * A programme year's budget and claims: as they stand, or as they stood at a moment, from every claim
 * event and budget event kept with its time: each claim's newest version's state and amounts, the demand
 * of the newest version that stated one, the largest repaid total less the largest refunded; the budget
 * as its highest counted event left it, unless an uncounted one came later.
 */
@Injectable()
export class SubsidySummary {
  constructor(private readonly dataSource: DataSource) {}

  async of(programmeYear: number, at: Date | null) {
    const [[budget], [claims]] = await Promise.all([
      at === null ? this.budgetNow(programmeYear) : this.budgetAt(programmeYear, at),
      at === null ? this.claimsNow(programmeYear) : this.claimsAt(programmeYear, at),
    ]);
    return { budget: budget ?? null, claims };
  }

  private budgetNow(programmeYear: number): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(`SELECT ${BUDGET_FIGURES} FROM subsidy_budget WHERE programme_year = $1`, [
      programmeYear,
    ]);
  }

  /**
   * The counted event with the highest count, unless one without a count (from before counts, or from an
   * instance of an older version) was made after every counted one: instances' clocks may disagree, counts
   * do not.
   */
  private budgetAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `WITH known AS (SELECT * FROM subsidy_budget_version WHERE programme_year = $1 AND as_of <= $2),
       counted AS (SELECT * FROM known WHERE budget_version IS NOT NULL ORDER BY budget_version DESC LIMIT 1),
       uncounted AS (
         SELECT * FROM known
          WHERE budget_version IS NULL
            AND as_of > coalesce((SELECT max(as_of) FROM known WHERE budget_version IS NOT NULL), '-infinity')
          ORDER BY as_of DESC LIMIT 1)
       SELECT ${BUDGET_FIGURES} FROM (SELECT *, 0 AS rank FROM uncounted UNION ALL SELECT *, 1 FROM counted) b
        ORDER BY rank LIMIT 1`,
      [programmeYear, at],
    );
  }

  private claimsNow(programmeYear: number): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(`SELECT ${CLAIM_TOTALS} FROM subsidy_claim WHERE programme_year = $1`, [
      programmeYear,
    ]);
  }

  /**
   * Each claim as its newest version by then left it, in whatever year that version puts it (a returned
   * claim may move to another period's year). Two events may state one version (a repayment and the
   * settlement it makes): the largest totals of the two count. A demand from before demands were versioned
   * counts until a versioned one replaces it.
   */
  private claimsAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `WITH known AS (
         SELECT DISTINCT ON (claim_id) claim_id, programme_year, approved_kopecks, paid_kopecks,
                first_value(clawback_demanded_kopecks) OVER newest_demand AS clawback_demanded_kopecks,
                max(clawback_repaid_kopecks) OVER same_claim
                  - coalesce(max(clawback_refunded_kopecks) OVER same_claim, 0) AS clawed_back_kopecks
           FROM subsidy_claim_version
          WHERE updated_at <= $2
            AND claim_id IN (SELECT claim_id FROM subsidy_claim_version WHERE programme_year = $1)
         WINDOW same_claim AS (PARTITION BY claim_id),
                newest_demand AS (PARTITION BY claim_id
                                  ORDER BY clawback_version DESC NULLS LAST, clawback_demanded_kopecks IS NULL, version DESC)
          ORDER BY claim_id, version DESC)
       SELECT ${CLAIM_TOTALS} FROM known WHERE programme_year = $1`,
      [programmeYear, at],
    );
  }
}
