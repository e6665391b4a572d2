import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';
import { ConfigurationStore } from '../configuration/configuration.store';
import { tonnes } from '../common/decimals';
import { parseStatPeriod } from '../common/months';
import type { ChangedReport } from '../reports/report-projection';

export interface Site {
  kind: 'facility' | 'deposit';
  id: string;
}

interface PeriodOutput {
  period: string;
  metal_t: string;
  site: string | null;
}

export function sitesOf(reports: ChangedReport[]): Site[] {
  return reports.flatMap((report): Site[] => {
    if (report.facilityId) return [{ kind: 'facility', id: report.facilityId }];
    return report.depositId ? [{ kind: 'deposit', id: report.depositId }] : [];
  });
}

/**
 * A site's latest reported period against the average of the periods before
 * it, per month so that monthly and quarterly reports compare (metal content,
 * all products; a nil return counts as zero).
 */
@Injectable()
export class SuddenDropRule implements SubjectRule<Site> {
  readonly id = 'output.sudden_drop' as const;

  constructor(private readonly config: ConfigurationStore) {}

  subject(site: Site): string {
    return `${site.kind}:${site.id}`;
  }

  async find(manager: EntityManager, site: Site): Promise<Finding | null> {
    const settings = await this.config.rule(this.id, manager);
    const trailing = settings.trailingPeriods ?? 3;
    const periods = await this.latestPeriods(manager, site, trailing + 1);
    if (periods.length < 2) return null;
    const [latest, ...before] = periods;
    const rate = (row: PeriodOutput) => new Decimal(row.metal_t).div(parseStatPeriod(row.period).months);
    const average = before.reduce((sum, row) => sum.plus(rate(row)), new Decimal(0)).div(before.length);
    const threshold = average.times(new Decimal(1).minus(settings.dropFraction ?? '0.5'));
    if (average.isZero() || !rate(latest).lessThan(threshold)) return null;
    const fall = new Decimal(1).minus(rate(latest).div(average)).times(100).toDecimalPlaces(0);
    const name = latest.site ?? this.subject(site);
    return {
      title: `Output of ${name} fell ${fall.toString()}% in ${latest.period}`,
      message:
        `${name} reported ${tonnes(latest.metal_t)} t of metal content for ${latest.period}, ${fall.toString()}% below ` +
        `its average of ${tonnes(average.times(parseStatPeriod(latest.period).months))} t over the ${before.length} preceding periods.`,
      details: {
        siteName: latest.site,
        fallPercent: fall.toString(),
        averageOverPeriod: tonnes(average.times(parseStatPeriod(latest.period).months)),
        period: latest.period,
        metalContentTonnes: tonnes(latest.metal_t),
        averagePerMonth: tonnes(average),
        periodsCompared: before.map((row) => row.period),
      },
    };
  }

  private latestPeriods(manager: EntityManager, site: Site, count: number): Promise<PeriodOutput[]> {
    return manager.query(
      `WITH current AS (
         SELECT DISTINCT ON (report_id) report_id, version, period, period_start
           FROM report_version WHERE site_id = $1 ORDER BY report_id, version DESC)
       SELECT c.period, coalesce(sum(f.metal_t), 0)::text AS metal_t,
              (SELECT name FROM registry_facility WHERE facility_id = $1
                UNION ALL SELECT name FROM registry_deposit WHERE deposit_id = $1 LIMIT 1) AS site
         FROM current c
         LEFT JOIN report_line_fact f ON f.report_id = c.report_id AND f.version = c.version
        GROUP BY c.period, c.period_start
        ORDER BY c.period_start DESC
        LIMIT $2`,
      [site.id, count],
    );
  }
}
