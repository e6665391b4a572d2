import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { AlertEscalated, AlertRaised } from '@redmet/contracts';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import { AlertEngine } from './alert-engine';
import type { AlertRow } from './alert-row';
import { SilenceLookup } from './silences/silence.lookup';

export const ESCALATION_JOB = 'alert-escalation-check';

/**
 * Escalates critical alerts nobody acknowledged within ESCALATION_AFTER_MINUTES
 * of being announced (raised, raised again after a silence, or turned
 * critical), each once: the update only takes an alert that is still open and
 * not yet escalated, so concurrent checks on several instances cannot escalate
 * twice. An alert under a silence waits: it escalates once the silence has ended.
 * The same check raises again, now delivered, every open alert that was raised
 * under a silence that has since ended: muting a rule for a period must not
 * hide what still holds after it.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: AlertEngine,
    private readonly environment: MonitoringEnvironment,
    private readonly scheduler: SchedulerRegistry,
    private readonly silences: SilenceLookup,
  ) {}

  /** Registered here rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
  onApplicationBootstrap(): void {
    if (!this.environment.ALERTS_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.environment.ESCALATION_CHECK_CRON,
      onTick: async () => {
        const now = new Date();
        await this.announceUnsilenced(now);
        await this.runCheck(now);
      },
      waitForCompletion: true,
      start: true,
    });
    this.scheduler.addCronJob(ESCALATION_JOB, job);
  }

  async runCheck(now: Date): Promise<number> {
    const due: { alert_id: string }[] = await this.dataSource.query(
      `SELECT alert_id FROM alert
        WHERE state = 'open' AND severity = 'critical' AND escalated_at IS NULL
          AND announced_at <= $1::timestamptz - make_interval(mins => $2)
        ORDER BY announced_at`,
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
          if (!row) return 0;
          if (await this.silences.isSilenced(manager, row.rule_id, row.subject, now)) {
            // Rolled back: escalated once the silence has ended, if still unacknowledged then.
            throw new StillSilenced();
          }
          await this.engine.record(manager, row, AlertEscalated, { at: now });
          return 1;
        });
      } catch (error) {
        if (error instanceof StillSilenced) continue;
        // One alert failing must not stop the others; it is due again on the next run.
        this.logger.error({ err: error, alertId: id }, 'escalation failed');
      }
    }
    return escalated;
  }

  /** Open alerts raised under a silence that has ended by `now`: raised again, delivered this time. */
  async announceUnsilenced(now: Date): Promise<number> {
    const muted: Pick<AlertRow, 'alert_id' | 'rule_id' | 'subject'>[] = await this.dataSource.query(
      `SELECT alert_id, rule_id, subject FROM alert WHERE silenced AND state <> 'resolved' ORDER BY raised_at`,
    );
    let announced = 0;
    for (const alert of muted) {
      try {
        announced += await this.dataSource.transaction(async (manager) => {
          if (await this.silences.isSilenced(manager, alert.rule_id, alert.subject, now)) return 0;
          const [row] = await changedRows<AlertRow>(
            manager,
            `UPDATE alert SET silenced = false, announced_at = $2
              WHERE alert_id = $1 AND silenced AND state <> 'resolved' RETURNING *`,
            [alert.alert_id, now],
          );
          // An acknowledged alert has been seen: it is only no longer shown as silenced.
          if (row?.state !== 'open') return 0;
          await this.engine.record(manager, row, AlertRaised, { at: now });
          return 1;
        });
      } catch (error) {
        this.logger.error({ err: error, alertId: alert.alert_id }, 'announcing an alert whose silence ended failed');
      }
    }
    return announced;
  }
}

class StillSilenced extends Error {}
