import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { closedOn, type FacilityLifecycle, type FacilityStatus, operatedBetween } from '@redmet/contracts';
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
  site_id: string;
  period: string;
  metal_t: string;
  site: string | null;
  /** Null for a deposit, or a facility the registry copy does not know. */
  status: FacilityStatus | null;
  status_since: string | null;
  /** For a deposit: the plants the registry copy has processing it (null when none). */
  plants: FacilityLifecycle[] | null;
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
 * all products; a nil return counts as zero). Not for a plant closed by the
 * end of that period: its output falls because it closed, no surprise. Nor
 * for a deposit whose output the closure of its plants explains: a report on
 * a deposit names no plant, so the plants are those the registry has
 * processing it; each preceding period with output had one running, and
 * every one that ran in them has closed by the end of the latest period.
 */
@Injectable()
export class SuddenDropRule implements SubjectRule<Site> {
  readonly id = 'output.sudden_drop' as const;

  constructor(private readonly config: ConfigurationStore) {}

  subject(site: Site): string {
    return `${site.kind}:${site.id}`;
  }

  /**
   * A facility and the deposits whose output its change may explain or stop explaining: the one it
   * processes, and the one it processed before this version (a plant moved away is no longer among that
   * deposit's plants).
   */
  async facilityAndDeposit(manager: EntityManager, facilityId: string): Promise<Site[]> {
    const rows: { deposit_id: string }[] = await manager.query(
      `SELECT DISTINCT deposit_id FROM (
         SELECT deposit_id FROM registry_facility WHERE facility_id = $1
         UNION ALL
         (SELECT v.deposit_id FROM facility_version v JOIN registry_facility f USING (facility_id)
           WHERE v.facility_id = $1 AND v.version < f.version ORDER BY v.version DESC LIMIT 1)) d
        WHERE deposit_id IS NOT NULL ORDER BY deposit_id`,
      [facilityId],
    );
    return [
      { kind: 'facility', id: facilityId },
      ...rows.map((row): Site => ({ kind: 'deposit', id: row.deposit_id })),
    ];
  }

  async find(manager: EntityManager, site: Site): Promise<Finding | null> {
    return (await this.findAll(manager, [site])).get(this.subject(site)) ?? null;
  }

  /** Every site's latest periods in one statement: a group of report events costs one query here. */
  async findAll(manager: EntityManager, sites: Site[]): Promise<Map<string, Finding | null>> {
    const settings = await this.config.rule(this.id, manager);
    const trailing = settings.trailingPeriods ?? 3;
    const rows = await this.latestPeriods(
      manager,
      sites.map((site) => site.id),
      trailing + 1,
    );
    const bySite = new Map<string, PeriodOutput[]>();
    for (const row of rows) bySite.set(row.site_id, [...(bySite.get(row.site_id) ?? []), row]);
    return new Map(
      sites.map((site) => [this.subject(site), this.judge(site, bySite.get(site.id) ?? [], settings.dropFraction)]),
    );
  }

  /** `periods`: the site's latest first. */
  private judge(site: Site, periods: PeriodOutput[], dropFraction = '0.5'): Finding | null {
    if (periods.length < 2) return null;
    const [latest, ...before] = periods;
    const end = parseStatPeriod(latest.period).end;
    if (site.kind === 'facility' && latest.status && latest.status_since) {
      if (closedBy({ status: latest.status, statusSince: latest.status_since }, end)) return null;
    }
    if (site.kind === 'deposit' && plantsClosedBy(latest.plants ?? [], before, end)) return null;
    const rate = (row: PeriodOutput) => new Decimal(row.metal_t).div(parseStatPeriod(row.period).months);
    const average = before.reduce((sum, row) => sum.plus(rate(row)), new Decimal(0)).div(before.length);
    const threshold = average.times(new Decimal(1).minus(dropFraction));
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

  /** Per site, its `count` latest periods (the current version of each report), latest first. */
  private latestPeriods(manager: EntityManager, siteIds: string[], count: number): Promise<PeriodOutput[]> {
    return manager.query(
      `WITH current AS (
         SELECT DISTINCT ON (v.report_id) v.site_id, v.report_id, v.version, v.period, v.period_start
           FROM report_version v WHERE v.site_id = ANY($1::uuid[]) ORDER BY v.report_id, v.version DESC),
       periods AS (
         SELECT c.site_id, c.period, c.period_start, coalesce(sum(f.metal_t), 0)::text AS metal_t,
                row_number() OVER (PARTITION BY c.site_id ORDER BY c.period_start DESC) AS n
           FROM current c
           LEFT JOIN report_line_fact f ON f.report_id = c.report_id AND f.version = c.version
          GROUP BY c.site_id, c.period, c.period_start),
       plants AS (
         SELECT f.deposit_id, json_agg(json_build_object(
                  'status', f.status, 'statusSince', to_char(f.status_since, 'YYYY-MM-DD'),
                  'commissionedOn', to_char(f.commissioned_on, 'YYYY-MM-DD'))) AS plants
           FROM registry_facility f WHERE f.deposit_id = ANY($1::uuid[]) GROUP BY f.deposit_id)
       SELECT p.site_id, p.period, p.metal_t,
              coalesce(rf.name, rd.name) AS site, rf.status, to_char(rf.status_since, 'YYYY-MM-DD') AS status_since,
              pl.plants
         FROM periods p
         LEFT JOIN registry_facility rf ON rf.facility_id = p.site_id
         LEFT JOIN registry_deposit rd ON rd.deposit_id = p.site_id
         LEFT JOIN plants pl ON pl.deposit_id = p.site_id
        WHERE p.n <= $2
        ORDER BY p.site_id, p.period_start DESC`,
      [siteIds, count],
    );
  }
}

function closedBy(plant: FacilityLifecycle, day: string): boolean {
  const closed = closedOn(plant);
  return closed !== null && closed <= day;
}

/**
 * Whether the output of a deposit in the periods `before` its latest can have
 * come only through plants closed by `end`, the latest period's last day:
 * each of those periods with output had a plant processing the deposit
 * running, and every plant that ran in them has closed by then. A period with
 * output and no plant running shows output that passed through none of them.
 */
export function plantsClosedBy(
  plants: FacilityLifecycle[],
  before: Pick<PeriodOutput, 'period' | 'metal_t'>[],
  end: string,
): boolean {
  const producing = before.filter((row) => new Decimal(row.metal_t).greaterThan(0));
  if (producing.length === 0) return false;
  return producing.every((row) => {
    const { start, end: periodEnd } = parseStatPeriod(row.period);
    const ran = plants.filter((plant) => operatedBetween(plant, start, periodEnd));
    return ran.length > 0 && ran.every((plant) => closedBy(plant, end));
  });
}
