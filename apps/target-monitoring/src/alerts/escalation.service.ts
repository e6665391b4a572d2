import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AlertEscalated } from '@redmet/contracts';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import { AlertEngine } from './alert-engine';
import type { AlertRow } from './alert-row';

export const ESCALATION_JOB = 'alert-escalation-check';

/**
 * Escalates critical alerts nobody acknowledged within ESCALATION_AFTER_MINUTES,
 * each once: the update only takes an alert that is still open and not yet
 * escalated, so concurrent checks on several instances cannot escalate twice.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: AlertEngine,
    private readonly environment: MonitoringEnvironment,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** Registered here rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
  onApplicationBootstrap(): void {
    if (!this.environment.ALERTS_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.environment.ESCALATION_CHECK_CRON,
      onTick: () => this.runCheck(new Date()).then(() => undefined),
      waitForCompletion: true,
      start: true,
    });
    this.scheduler.addCronJob(ESCALATION_JOB, job);
  }

  async runCheck(now: Date): Promise<number> {
    const due: { alert_id: string }[] = await this.dataSource.query(
      `SELECT alert_id FROM alert
        WHERE state = 'open' AND severity = 'critical' AND escalated_at IS NULL
          AND raised_at <= $1::timestamptz - make_interval(mins => $2)
        ORDER BY raised_at`,
      [now, this.environment.ESCALATION_AFTER_MINUTES],
    );
    let escalated = 0;
    for (const { alert_id: id } of due) {
      try {
        escalated += await this.dataSource.transaction(async (manager) => {
          const [row] = await changedRows<AlertRow>(
            manager,
            `UPDATE alert SET escalated_at = $2
              WHERE alert_id = $1 AND state = 'open' AND escalated_at IS NULL RETURNING *`,
            [id, now],
          );
          if (row) await this.engine.record(manager, row, AlertEscalated);
          return row ? 1 : 0;
        });
      } catch (error) {
        // One alert failing must not stop the others; it is due again on the next run.
        this.logger.error({ err: error, alertId: id }, 'escalation failed');
      }
    }
    return escalated;
  }
}
