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
 * version and budget event kept with its time, folded as the projection folds them (the newest version's
 * state and amounts, the demand of the newest version that stated one, the largest repaid total less the
 * largest refunded; the budget event counted last, or else made last).
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

  private budgetAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT ${BUDGET_FIGURES} FROM subsidy_budget_version WHERE programme_year = $1 AND as_of <= $2
        ORDER BY CASE WHEN bool_and(budget_version IS NOT NULL) OVER () THEN budget_version END DESC NULLS LAST,
                 as_of DESC
        LIMIT 1`,
      [programmeYear, at],
    );
  }

  private claimsNow(programmeYear: number): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(`SELECT ${CLAIM_TOTALS} FROM subsidy_claim WHERE programme_year = $1`, [
      programmeYear,
    ]);
  }

  private claimsAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `WITH known AS (
         SELECT DISTINCT ON (claim_id) claim_id, approved_kopecks, paid_kopecks,
                first_value(clawback_demanded_kopecks) OVER newest_demand AS clawback_demanded_kopecks,
                max(clawback_repaid_kopecks) OVER same_claim
                  - coalesce(max(clawback_refunded_kopecks) OVER same_claim, 0) AS clawed_back_kopecks
           FROM subsidy_claim_version WHERE programme_year = $1 AND updated_at <= $2
         WINDOW same_claim AS (PARTITION BY claim_id),
                newest_demand AS (PARTITION BY claim_id ORDER BY clawback_version DESC NULLS LAST)
          ORDER BY claim_id, version DESC)
       SELECT ${CLAIM_TOTALS} FROM known`,
      [programmeYear, at],
    );
  }
}
