import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Outbox } from '@redmet/messaging';
import { Clock, daysBetween } from '@redmet/platform';
import { ReportJudge, siteOf } from '../acceptance/report-judge';
import { claimSite, retryLostRace } from '../acceptance/site-claims';
import { reason, type Verdict } from '../acceptance/report-content';
import { stateAndReasons } from '../reports/report-filing.service';
import { recordDecision, updateWaitingFor, versionLines } from '../reports/report-store';
import { classified, regionOf, type Submission } from '../reports/submission';
import { ReportingEnvironment } from '../reporting.environment';

/** Which pending reports a registry change may decide; `$1` is the changed aggregate's id. */
export type PendingFilter = 'company' | 'deposit' | 'facility' | 'licence' | 'product' | 'all';

const FILTERS: Record<PendingFilter, string> = {
  company: 'r.company_id = $1::uuid',
  deposit: 'r.deposit_id = $1::uuid',
  facility: 'r.facility_id = $1::uuid',
  licence: `(r.company_id, r.deposit_id) IN
              (SELECT holder_company_id, deposit_id FROM registry_licence WHERE licence_id = $1::uuid)`,
  product: `EXISTS (SELECT 1 FROM report_line l
                     WHERE l.report_id = v.report_id AND l.version = v.version AND l.product_code = $1)`,
  // Every pending report: the id passed is null.
  all: '$1::text IS NULL',
};

interface PendingRow extends Omit<Submission, 'lines' | 'submittedAt' | 'signedBy'> {
  submittedAt: Date;
  signedByUserId: string;
  signedByName: string | null;
}

/**
 * Versions wait (pending) while the registry data a rule needs has not
 * arrived. They are checked again when that data arrives, in the same
 * transaction as the read model (registry-view-lock keeps a filing and a change
 * from missing each other), and on a schedule, which gives up on those that
 * have waited too long.
 */
@Injectable()
export class PendingReports {
  private readonly logger = new Logger(PendingReports.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly judge: ReportJudge,
    private readonly outbox: Outbox,
    private readonly environment: ReportingEnvironment,
    private readonly clock: Clock,
  ) {}

  /** Re-checks, in the caller's transaction, the pending reports the change may concern. */
  async recheck(
    manager: EntityManager,
    filter: PendingFilter,
    id: string | null,
    today = this.clock.today(),
  ): Promise<number> {
    let decided = 0;
    for (const reportId of await candidates(manager, filter, id)) {
      if (await this.decide(manager, reportId, today, false)) decided += 1;
    }
    return decided;
  }

  /** Every pending report, each in its own transaction; those waiting too long are rejected. */
  async runCheck(now: Date): Promise<{ decided: number; failed: number }> {
    const today = this.clock.dayOf(now);
    const result = { decided: 0, failed: 0 };
    for (const reportId of await candidates(this.dataSource.manager, 'all', null)) {
      try {
        const decide = () => this.dataSource.transaction((manager) => this.decide(manager, reportId, today, true));
        if (await retryLostRace(decide)) {
          result.decided += 1;
        }
      } catch (error) {
        // One broken report must not hold up the others; the next run tries it again.
        result.failed += 1;
        this.logger.error({ err: error, reportId }, 'pending report check failed');
      }
    }
    return result;
  }

  private async decide(manager: EntityManager, reportId: string, today: string, mayExpire: boolean): Promise<boolean> {
    const pending = await lockPending(manager, reportId);
    if (!pending) return false;
    const submission: Submission = {
      ...pending,
      submittedAt: pending.submittedAt.toISOString(),
      signedBy: { userId: pending.signedByUserId, name: pending.signedByName },
      lines: await versionLines(manager, reportId, pending.version),
    };
    const judgement = await this.judge.judgeAgain(manager, submission, today);
    const waited = daysBetween(this.clock.dayOf(pending.submittedAt), today);
    if (judgement.verdict.outcome === 'pending' && mayExpire && waited >= this.environment.REPORTING_PENDING_MAX_DAYS) {
      judgement.verdict = expired(judgement.verdict, waited);
    }
    if (judgement.verdict.outcome === 'pending') {
      await updateWaitingFor(manager, submission, judgement.verdict.missing);
      return false;
    }
    const { facts } = judgement;
    if (judgement.verdict.outcome === 'accepted') {
      const claim = { siteId: siteOf(submission), period: submission.period, months: facts.siteMonths };
      await claimSite(manager, claim, submission.reportId);
    }
    await recordDecision(manager, {
      ...submission,
      ...stateAndReasons(judgement.verdict),
      region: regionOf(facts),
      lines: classified(submission.lines, facts),
    });
    await this.outbox.addAll(manager, this.judge.decisionEvents(submission, judgement));
    return true;
  }
}

function expired(verdict: Extract<Verdict, { outcome: 'pending' }>, days: number): Verdict {
  return {
    outcome: 'rejected',
    reasons: verdict.missing.map((missing) =>
      reason('REGISTRY_DATA_MISSING', `${missing.message} after ${days} days of waiting`, missing.lineNo ?? null),
    ),
  };
}

async function candidates(manager: EntityManager, filter: PendingFilter, id: string | null): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT r.id FROM report r JOIN report_version v ON v.report_id = r.id AND v.version = r.latest_version
      WHERE v.state = 'pending' AND ${FILTERS[filter]} ORDER BY r.id`,
    [id],
  );
  return rows.map((row) => row.id);
}

/**
 * The report's latest version if it is (still) pending, with the report locked.
 * The version is read after the lock is granted, in a statement of its own, so
 * that it shows what a check that held the lock before may have decided.
 */
async function lockPending(manager: EntityManager, reportId: string): Promise<PendingRow | null> {
  await manager.query('SELECT id FROM report WHERE id = $1 FOR UPDATE', [reportId]);
  const rows: PendingRow[] = await manager.query(
    `SELECT r.id AS "reportId", v.version, r.company_id AS "companyId", r.facility_id AS "facilityId",
            r.deposit_id AS "depositId", r.period, v.signed_by_user_id AS "signedByUserId",
            v.signed_by_name AS "signedByName", v.submitted_at AS "submittedAt", v.content_sha256 AS "contentSha256",
            v.supersedes_version AS "supersedesVersion", v.amendment_reason AS "amendmentReason"
       FROM report r JOIN report_version v ON v.report_id = r.id AND v.version = r.latest_version
      WHERE r.id = $1 AND v.state = 'pending'`,
    [reportId],
  );
  return rows[0] ?? null;
}
