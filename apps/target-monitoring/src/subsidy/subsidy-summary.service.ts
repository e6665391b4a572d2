import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { standingBudgets } from './budget-standing';
import { claimsAt } from './claims-at';

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

  /** The event standing by then, by the rule that also keeps `subsidy_budget` (the event standing now). */
  private budgetAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT ${BUDGET_FIGURES} FROM ${standingBudgets('ARRAY[$1::int]', '$2::timestamptz')} standing`,
      [programmeYear, at],
    );
  }

  private claimsNow(programmeYear: number): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(`SELECT ${CLAIM_TOTALS} FROM subsidy_claim WHERE programme_year = $1`, [
      programmeYear,
    ]);
  }

  private claimsAt(programmeYear: number, at: Date): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(`SELECT ${CLAIM_TOTALS} FROM ${claimsAt('$1', '$2')} known`, [programmeYear, at]);
  }
}
