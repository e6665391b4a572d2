import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, type EntityManager, In } from 'typeorm';
import { LicenceExpired, LicenceExpiring } from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { addDays, Clock, scheduleJob } from '@redmet/platform';
import { LICENCE_EXPIRY } from '../common/changed-by';
import { RegistryEnvironment } from '../registry.environment';
import { nextExpiryStep } from './expiry-notices';
import { LicenceExpiryNotice, type NoticeOutcome } from './licence-expiry-notice.entity';
import { OPEN_LICENCE_STATUSES } from './licence-status';
import { Licence } from './licence.entity';
import { LicencesService } from './licences.service';

export const LICENCE_EXPIRY_JOB = 'licence-expiry-check';

export interface ExpiryCheckResult {
  notices: number;
  expired: number;
  failed: number;
}

/**
 * Sends `LicenceExpiring` notices and expires licences past their last day.
 * Each licence is handled in its own transaction under a row lock; a licence
 * another instance is handling right now is skipped (it will be done there), and
 * the notice table's key backs that up, so concurrent checks never send twice.
 */
@Injectable()
export class LicenceExpiryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(LicenceExpiryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly licences: LicencesService,
    private readonly environment: RegistryEnvironment,
    private readonly scheduler: SchedulerRegistry,
    private readonly clock: Clock,
  ) {}

  /** Registered here rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
  onApplicationBootstrap(): void {
    scheduleJob(this.scheduler, LICENCE_EXPIRY_JOB, this.environment.LICENCE_EXPIRY_CHECK_CRON, () =>
      this.runCheck(new Date()),
    );
  }

  async runCheck(now: Date): Promise<ExpiryCheckResult> {
    const day = this.clock.dayOf(now);
    const result: ExpiryCheckResult = { notices: 0, expired: 0, failed: 0 };
    for (const id of await this.candidates(day)) {
      try {
        const outcome = await this.dataSource.transaction((manager) => this.checkLicence(manager, id, day));
        if (outcome !== 'nothing') result[outcome] += 1;
      } catch (error) {
        // One broken licence must not stop the others; it is tried again on the next run.
        result.failed += 1;
        this.logger.error({ err: error, licenceId: id }, 'licence expiry check failed');
      }
    }
    if (result.notices + result.expired + result.failed > 0) {
      this.logger.log({ day, ...result }, 'licence expiry check');
    }
    return result;
  }

  /** Open licences that are past their end or have a due notice not yet dealt with. */
  private async candidates(day: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT l.id FROM licence l
        WHERE l.status = ANY($3::text[])
          AND (l.valid_to < $1::date OR EXISTS (
                SELECT 1 FROM unnest($2::int[]) AS period(days_before)
                 WHERE l.valid_to <= $1::date + period.days_before
                   AND NOT EXISTS (SELECT 1 FROM licence_expiry_notice n
                                    WHERE n.licence_id = l.id AND n.days_before = period.days_before)))
        ORDER BY l.valid_to, l.id`,
      [day, this.environment.LICENCE_EXPIRY_NOTICE_DAYS, OPEN_LICENCE_STATUSES],
    );
    return rows.map((row) => row.id);
  }

  private async checkLicence(
    manager: EntityManager,
    id: string,
    day: string,
  ): Promise<'notices' | 'expired' | 'nothing'> {
    const licence = await manager.findOne(Licence, {
      where: { id, status: In([...OPEN_LICENCE_STATUSES]) },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
    if (!licence) return 'nothing';
    const recorded = await manager.findBy(LicenceExpiryNotice, { licenceId: id });
    const step = nextExpiryStep(
      licence.validTo,
      day,
      this.environment.LICENCE_EXPIRY_NOTICE_DAYS,
      recorded.map((notice) => notice.daysBefore),
    );
    switch (step.kind) {
      case 'expire': {
        // The day after the last valid one. An amendment can no longer end a licence before its status took
        // effect, but one amended before that rule may have, and the history must stay in order.
        const dayAfter = addDays(licence.validTo, 1);
        const effectiveOn = dayAfter > licence.statusSince ? dayAfter : licence.statusSince;
        const reason = `Validity ended on ${licence.validTo}`;
        const change = { to: 'expired' as const, effectiveOn, reason };
        await this.licences.recordStatus(manager, licence, change, LicenceExpired, LICENCE_EXPIRY);
        return 'expired';
      }
      case 'notices': {
        const record = (daysBefore: number, outcome: NoticeOutcome) => ({
          licenceId: id,
          daysBefore,
          outcome,
          checkedOn: day,
        });
        await manager.insert(LicenceExpiryNotice, [
          ...(step.send === null ? [] : [record(step.send, 'sent')]),
          ...step.skip.map((days) => record(days, 'skipped')),
        ]);
        if (step.send === null) return 'nothing';
        await this.outbox.add(manager, LicenceExpiring, id, { ...licence.toSnapshot(), daysBefore: step.send });
        return 'notices';
      }
      case 'nothing':
        return 'nothing';
    }
  }
}
