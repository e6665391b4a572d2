import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportingDeadlineApproaching, ReportingDeadlineMissed, type ReportingObligation } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { Clock, scheduleJob } from '@redmet/platform';
import { ReportingEnvironment } from '../reporting.environment';
import { type Notice, noticeKey, nextNotices } from './obligations';
import { ObligationsService } from './obligations.service';

export const DEADLINE_CHECK_JOB = 'reporting-deadline-check';

export interface DeadlineCheckResult {
  reminders: number;
  missed: number;
  failed: number;
}

/**
 * Sends reminders before reports are due and the miss after, each once: the
 * notice's row (unique per obligation and notice) and its event commit
 * together, and a concurrent check on another instance that inserts the same
 * row second finds it taken and sends nothing.
 */
@Injectable()
export class DeadlineCheckService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineCheckService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly obligations: ObligationsService,
    private readonly outbox: Outbox,
    private readonly environment: ReportingEnvironment,
    private readonly scheduler: SchedulerRegistry,
    private readonly clock: Clock,
  ) {}

  /** Registered here rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
  onApplicationBootstrap(): void {
    scheduleJob(this.scheduler, DEADLINE_CHECK_JOB, this.environment.REPORTING_DEADLINE_CHECK_CRON, () =>
      this.runCheck(new Date()),
    );
  }

  async runCheck(now: Date): Promise<DeadlineCheckResult> {
    const today = this.clock.dayOf(now);
    const result: DeadlineCheckResult = { reminders: 0, missed: 0, failed: 0 };
    const open = await this.obligations.open(today);
    const recorded = await this.recordedNotices(open.map((obligation) => obligation.obligationId));
    for (const obligation of open) {
      const step = nextNotices(
        obligation.dueOn,
        today,
        this.obligations.settings.reminderDays,
        recorded.get(obligation.obligationId) ?? [],
      );
      if (!step.send && step.skip.length === 0) continue;
      try {
        const sent = await this.dataSource.transaction((manager) => this.notify(manager, obligation, step, today));
        if (sent?.kind === 'missed') result.missed += 1;
        if (sent?.kind === 'reminder') result.reminders += 1;
      } catch (error) {
        // One failure must not stop the others; the next run tries again.
        result.failed += 1;
        this.logger.error({ err: error, obligationId: obligation.obligationId }, 'deadline notice failed');
      }
    }
    if (result.reminders + result.missed + result.failed > 0) this.logger.log({ today, ...result }, 'deadline check');
    return result;
  }

  private async notify(
    manager: EntityManager,
    obligation: ReportingObligation,
    step: { send: Notice | null; skip: Notice[] },
    today: string,
  ): Promise<Notice | null> {
    if (await this.obligations.isMet(manager, obligation)) return null;
    const notices = [
      ...(step.send ? [{ notice: step.send, outcome: 'sent' }] : []),
      ...step.skip.map((notice) => ({ notice, outcome: 'skipped' })),
    ];
    const inserted: { notice: string }[] = await manager.query(
      `INSERT INTO deadline_notice (obligation_id, notice, outcome, company_id, facility_id, deposit_id, period, due_on, checked_on)
       SELECT $1, notice, outcome, $4, $5, $6, $7, $8, $9 FROM unnest($2::text[], $3::text[]) AS n(notice, outcome)
       ON CONFLICT DO NOTHING RETURNING notice`,
      [
        obligation.obligationId,
        notices.map((entry) => noticeKey(entry.notice)),
        notices.map((entry) => entry.outcome),
        obligation.companyId,
        obligation.facilityId ?? null,
        obligation.depositId ?? null,
        obligation.period,
        obligation.dueOn,
        today,
      ],
    );
    const send = step.send;
    if (!send || !inserted.some((row) => row.notice === noticeKey(send))) return null;
    if (send.kind === 'missed') {
      await this.outbox.add(manager, ReportingDeadlineMissed, obligation.obligationId, obligation);
    } else {
      await this.outbox.add(manager, ReportingDeadlineApproaching, obligation.obligationId, {
        ...obligation,
        daysBefore: send.daysBefore,
      });
    }
    return send;
  }

  private async recordedNotices(obligationIds: string[]): Promise<Map<string, string[]>> {
    const rows: { obligation_id: string; notice: string }[] = await this.dataSource.query(
      'SELECT obligation_id, notice FROM deadline_notice WHERE obligation_id = ANY($1::text[])',
      [obligationIds],
    );
    const recorded = new Map<string, string[]>();
    for (const row of rows) recorded.set(row.obligation_id, [...(recorded.get(row.obligation_id) ?? []), row.notice]);
    return recorded;
  }
}
