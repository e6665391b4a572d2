import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LicenceType } from '@redmet/contracts';
import { Clock } from '@redmet/platform';
import type { SubjectRule } from '../alerts/alert-engine';
import type { Finding } from '../alerts/finding';
import { licenceAndSiblings } from './holder-licences';
import { ConfigurationStore } from '../configuration/configuration.store';
import {
  type ExpiringLicence,
  type ExpiryWindow,
  expiryWindow,
  licenceExpiringFinding,
} from './licence-expiring.finding';

/** The licences under which a deposit may be worked; an exploration licence covers no output. */
const PRODUCING: LicenceType[] = ['production', 'combined'];

/** As seeded: a version of the rule's configuration need not state them. */
const DEFAULT_NOTICE_DAYS = 90;
const DEFAULT_CRITICAL_DAYS = 30;

interface ExpiringRow {
  licence_id: string;
  number: string;
  holder: string | null;
  deposit: string | null;
  valid_to: string;
  latest_period: string;
}

/**
 * A producing licence in force whose last valid day is at most `noticeDays`
 * away, while its holder reported output from its deposit (directly, or by a
 * facility processing it) for a period of the trailing twelve months, and no
 * other producing licence of the holder for the deposit is in force the day
 * after: unless it is renewed or replaced, that output stops or goes on
 * without a licence. Revoked, suspended or expired, the licence is the other
 * rules' and reporting's concern.
 */
@Injectable()
export class LicenceExpiringRule implements SubjectRule<string> {
  readonly id = 'registry.licence_expiring_output' as const;

  constructor(
    private readonly config: ConfigurationStore,
    private readonly clock: Clock,
  ) {}

  subject(licenceId: string): string {
    return `licence:${licenceId}`;
  }

  /** A licence and the holder's other licences for its deposit, which it may take over from or stop taking over from. */
  withSiblings(manager: EntityManager, licenceId: string): Promise<string[]> {
    return licenceAndSiblings(manager, licenceId);
  }

  /** The licences of the companies that reported through a facility, whose output the deposit it processes decides. */
  async reportedThrough(manager: EntityManager, facilityId: string): Promise<string[]> {
    const rows: { licence_id: string }[] = await manager.query(
      `SELECT l.licence_id FROM registry_licence l
        WHERE l.status = 'active' AND l.type = ANY($2::text[])
          AND EXISTS (SELECT 1 FROM report_version v WHERE v.company_id = l.holder_company_id AND v.facility_id = $1)`,
      [facilityId, PRODUCING],
    );
    return rows.map((row) => row.licence_id);
  }

  /**
   * The licences the date alone can change: those ending within the notice
   * (one enters it on a day no event marks), and those alerted (their last
   * valid day, or their latest output, may have passed).
   */
  async due(manager: EntityManager): Promise<string[]> {
    const { window } = await this.judgedOn(manager);
    const rows: { id: string }[] = await manager.query(
      `SELECT licence_id::text AS id FROM registry_licence
        WHERE status = 'active' AND type = ANY($3::text[]) AND valid_to BETWEEN $1::date AND $2::date
       UNION
       SELECT split_part(subject, ':', 2) FROM alert WHERE rule_id = $4 AND state <> 'resolved'`,
      [window.today, window.lastValidTo, PRODUCING, this.id],
    );
    return rows.map((row) => row.id);
  }

  async find(manager: EntityManager, licenceId: string): Promise<Finding | null> {
    return (await this.findAll(manager, [licenceId])).get(this.subject(licenceId)) ?? null;
  }

  /** Every licence in one statement: a sweep judges them all at once. */
  async findAll(manager: EntityManager, licenceIds: string[]): Promise<Map<string, Finding | null>> {
    const { window, criticalDays } = await this.judgedOn(manager);
    const rows: ExpiringRow[] = await manager.query(
      `SELECT l.licence_id, l.number, c.legal_name AS holder, d.name AS deposit,
              to_char(l.valid_to, 'YYYY-MM-DD') AS valid_to, latest.period AS latest_period
         FROM registry_licence l
         CROSS JOIN LATERAL (
           SELECT o.period FROM report_line_fact o LEFT JOIN registry_facility f ON f.facility_id = o.facility_id
            WHERE o.known_to IS NULL AND o.company_id = l.holder_company_id
              AND (o.deposit_id = l.deposit_id OR f.deposit_id = l.deposit_id)
              AND o.period_end >= $4::date AND o.quantity_t > 0
            -- Of a month and the quarter ending with it, the month is the latest news.
            ORDER BY o.period_end DESC, o.period_start DESC LIMIT 1) latest
         LEFT JOIN registry_company c ON c.company_id = l.holder_company_id
         LEFT JOIN registry_deposit d ON d.deposit_id = l.deposit_id
        WHERE l.licence_id = ANY($1::uuid[]) AND l.status = 'active' AND l.type = ANY($5::text[])
          AND l.valid_to BETWEEN $2::date AND $3::date
          AND NOT EXISTS (
                SELECT 1 FROM registry_licence other
                 WHERE other.holder_company_id = l.holder_company_id AND other.deposit_id = l.deposit_id
                   AND other.licence_id <> l.licence_id AND other.status = 'active' AND other.type = ANY($5::text[])
                   AND other.valid_from <= l.valid_to + 1 AND other.valid_to >= l.valid_to + 1)`,
      [licenceIds, window.today, window.lastValidTo, window.outputFrom, PRODUCING],
    );
    return new Map(
      rows.map((row) => [
        this.subject(row.licence_id),
        licenceExpiringFinding(expiring(row), window.today, criticalDays),
      ]),
    );
  }

  /** Today's window and the days left from which it is critical, as configured today. */
  private async judgedOn(manager: EntityManager): Promise<{ window: ExpiryWindow; criticalDays: number | null }> {
    const settings = await this.config.rule(this.id, manager);
    return {
      window: expiryWindow(this.clock.today(), settings.noticeDays ?? DEFAULT_NOTICE_DAYS),
      criticalDays: settings.criticalDays === undefined ? DEFAULT_CRITICAL_DAYS : settings.criticalDays,
    };
  }
}

function expiring(row: ExpiringRow): ExpiringLicence {
  return {
    licenceId: row.licence_id,
    number: row.number,
    holder: row.holder,
    deposit: row.deposit,
    validTo: row.valid_to,
    latestPeriod: row.latest_period,
  };
}
