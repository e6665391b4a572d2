import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';
import { ConfigurationStore } from '../configuration/configuration.store';
import '../common/decimals';

interface BudgetRow {
  utilisation_percent: string;
  total_kopecks: string;
  committed_kopecks: string;
}

/** A programme year's budget committed beyond the configured share. */
@Injectable()
export class BudgetUtilisationRule implements SubjectRule<number> {
  readonly id = 'subsidy.budget_utilisation' as const;

  constructor(private readonly config: ConfigurationStore) {}

  subject(programmeYear: number): string {
    return `budget:${programmeYear}`;
  }

  async find(manager: EntityManager, programmeYear: number): Promise<Finding | null> {
    const [row]: BudgetRow[] = await manager.query(
      `SELECT utilisation_percent::text, total_kopecks::text, committed_kopecks::text
         FROM subsidy_budget WHERE programme_year = $1`,
      [programmeYear],
    );
    const threshold = (await this.config.rule(this.id, manager)).thresholdPercent ?? '90';
    if (!row || !new Decimal(row.utilisation_percent).greaterThan(threshold)) return null;
    return {
      title: `Subsidy budget ${programmeYear} is ${row.utilisation_percent}% committed`,
      message:
        `${row.committed_kopecks} of ${row.total_kopecks} kopecks of the ${programmeYear} budget are committed ` +
        `(${row.utilisation_percent}%), above the ${threshold}% threshold.`,
      details: { programmeYear, utilisationPercent: row.utilisation_percent, thresholdPercent: threshold },
    };
  }
}
