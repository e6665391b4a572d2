import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertEscalated, AlertRaised, type AlertSeverity, AlertSeverityRaised } from '@redmet/contracts';
import { scheduleJob } from '@redmet/platform';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import { AlertEngine } from './alert-engine';
import { type AlertRow, severityRank } from './alert-row';
import { SilenceLookup } from './silences/silence.lookup';

export const ESCALATION_JOB = 'alert-escalation-check';

/**
 * Escalates critical alerts nobody acknowledged within ESCALATION_AFTER_MINUTES
 * of being announced (raised, raised again after a silence, or turned
 * critical), each once: the update only takes an alert that is still open and
 * not yet escalated, so concurrent checks on several instances cannot escalate
 * twice. An alert under a silence waits: it escalates once the silence has ended.
 * The same check raises again, now delivered, every open alert that was raised
 * under a silence that has since ended, and tells the rises in severity a
 * silence muted: muting a rule for a period must not hide what still holds
 * after it.
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
    scheduleJob(this.scheduler, ESCALATION_JOB, this.environment.ESCALATION_CHECK_CRON, async () => {
      const now = new Date();
      await this.announceUnsilenced(now);
      await this.announceUntoldRises(now);
      await this.runCheck(now);
    });
  }

  async runCheck(now: Date): Promise<number> {
    const due: Candidate[] = await this.dataSource.query(
      `SELECT alert_id, rule_id, subject FROM alert
        WHERE state = 'open' AND severity = 'critical' AND escalated_at IS NULL
          AND announced_at <= $1::timestamptz - make_interval(mins => $2)
        ORDER BY announced_at`,
      [now, this.environment.ESCALATION_AFTER_MINUTES],
    );
    return this.unsilenced(due, now, 'escalation', async (manager, id) => {
      const [row] = await changedRows<AlertRow>(
        manager,
        `UPDATE alert SET escalated_at = $2
          WHERE alert_id = $1 AND state = 'open' AND escalated_at IS NULL AND severity = 'critical'
            AND announced_at <= $2::timestamptz - make_interval(mins => $3)
          RETURNING *`,
        [id, now, this.environment.ESCALATION_AFTER_MINUTES],
      );
      if (!row) return false;
      await this.engine.record(manager, row, AlertEscalated, { at: now });
      return true;
    });
  }

  /** Open alerts raised under a silence that has ended by `now`: raised again, delivered this time. */
  async announceUnsilenced(now: Date): Promise<number> {
    const muted: Candidate[] = await this.dataSource.query(
      `SELECT alert_id, rule_id, subject FROM alert WHERE silenced AND state <> 'resolved' ORDER BY raised_at`,
    );
    return this.unsilenced(muted, now, 'announcing after a silence', async (manager, id) => {
      const [row] = await changedRows<AlertRow>(
        manager,
        `UPDATE alert SET silenced = false, announced_at = $2
          WHERE alert_id = $1 AND silenced AND state <> 'resolved' RETURNING *`,
        [id, now],
      );
      // An acknowledged alert has been seen: it is only no longer shown as silenced.
      if (row?.state !== 'open') return false;
      await this.engine.record(manager, row, AlertRaised, { at: now });
      return true;
    });
  }

  /**
   * Open alerts whose rise in severity a silence muted, after people had heard of them: the rise told now
   * that the silence has ended, if the alert is still graver than when they last heard of it.
   */
  async announceUntoldRises(now: Date): Promise<number> {
    const untold: Candidate[] = await this.dataSource.query(
      `SELECT alert_id, rule_id, subject FROM alert
        WHERE untold_since_severity IS NOT NULL AND state = 'open' ORDER BY raised_at`,
    );
    return this.unsilenced(untold, now, 'telling a rise after a silence', async (manager, id) => {
      const [row] = await changedRows<AlertRow & { told: AlertSeverity; graver: boolean }>(
        manager,
        `UPDATE alert a
            SET untold_since_severity = NULL,
                announced_at = CASE WHEN was.graver THEN $2 ELSE a.announced_at END
           FROM (SELECT alert_id, untold_since_severity AS told,
                        ${severityRank('severity')} > ${severityRank('untold_since_severity')} AS graver
                   FROM alert WHERE alert_id = $1 AND untold_since_severity IS NOT NULL AND state = 'open'
                    FOR UPDATE) was
          WHERE a.alert_id = was.alert_id
          RETURNING a.*, was.told, was.graver`,
        [id, now],
      );
      if (!row?.graver) return false;
      await this.engine.record(manager, row, AlertSeverityRaised, { previousSeverity: row.told, at: now });
      return true;
    });
  }

  /**
   * Applies `change` to each alert not under a silence at `now`, each in its
   * own transaction: one failing does not stop the others (it is due again on
   * the next run). Returns how many changed.
   */
  private async unsilenced(
    alerts: Candidate[],
    now: Date,
    what: string,
    change: (manager: EntityManager, alertId: string) => Promise<boolean>,
  ): Promise<number> {
    let changed = 0;
    for (const alert of alerts) {
      try {
        const done = await this.dataSource.transaction(async (manager) => {
          if (await this.silences.isSilenced(manager, alert.rule_id, alert.subject, now)) return false;
          return change(manager, alert.alert_id);
        });
        if (done) changed += 1;
      } catch (error) {
        this.logger.error({ err: error, alertId: alert.alert_id }, `${what} failed`);
      }
    }
    return changed;
  }
}

type Candidate = Pick<AlertRow, 'alert_id' | 'rule_id' | 'subject'>;
