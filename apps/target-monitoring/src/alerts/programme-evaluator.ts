import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@redmet/platform';
import type { AlertRuleId } from '@redmet/contracts';
import { ConfigurationStore } from '../configuration/configuration.store';
import { MonitoringEnvironment } from '../monitoring.environment';
import { LicenceExpiringRule } from '../rules/licence-expiring.rule';
import { ProgrammeRules } from '../rules/programme-rules';
import { AlertEngine } from './alert-engine';
import { InputsChanged } from './inputs-changed';

/**
 * The rules judged one subject at a time as events touch it, in the order the
 * report consumer locks them (so the two never wait on each other in a cycle).
 */
const SUBJECT_RULES: AlertRuleId[] = [
  'reporting.deadline_missed',
  'output.sudden_drop',
  'registry.licence_revoked_output',
  'registry.licence_expiring_output',
  'subsidy.budget_utilisation',
];

/**
 * Re-judges the programme-wide rules after inputs changed (at most every
 * ALERT_EVALUATION_INTERVAL_MS, so a burst of reports costs one evaluation)
 * and at least every ALERT_SWEEP_INTERVAL_MS (the date moves the trajectory).
 * One instance at a time judges and settles the alerts; another waits its
 * turn, then judges from figures that include the first one's changes (judged
 * before the wait, it could settle stale findings over fresher ones).
 * A rule about one subject that is disabled has its open alerts resolved here:
 * no event may ever touch their subjects again, and they would escalate meanwhile.
 * Licences nearing their end are re-judged here too: a licence enters the
 * notice window, and its last day passes, on a day no event marks.
 */
@Injectable()
export class ProgrammeEvaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProgrammeEvaluator.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastSweep = 0;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: ProgrammeRules,
    private readonly engine: AlertEngine,
    private readonly inputsChanged: InputsChanged,
    private readonly environment: MonitoringEnvironment,
    private readonly clock: Clock,
    private readonly config: ConfigurationStore,
    private readonly licenceExpiring: LicenceExpiringRule,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.environment.ALERTS_ENABLED) return;
    this.timer = setInterval(() => void this.tick(), this.environment.ALERT_EVALUATION_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running || Date.now() < this.retryAt) return;
    const due = Date.now() - this.lastSweep >= this.environment.ALERT_SWEEP_INTERVAL_MS;
    if (!this.inputsChanged.take() && !due) return;
    this.running = this.evaluate()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        // Tried again after a pause that doubles with each failure; the inputs stay marked as changed.
        this.failures += 1;
        this.retryAt = Date.now() + Math.min(60_000, 500 * 2 ** this.failures);
        this.inputsChanged.mark();
        this.logger.error({ err: error, failures: this.failures }, 'programme rules could not be evaluated');
      })
      .finally(() => (this.running = undefined));
    await this.running;
  }

  async evaluate(): Promise<void> {
    this.lastSweep = Date.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('programme-rules', 0))`);
      const findings = await this.rules.evaluate({ asOf: this.clock.today(), knowledge: 'now', knownAt: null });
      for (const [ruleId, byRule] of findings) await this.engine.settleAll(manager, ruleId, byRule);
      for (const ruleId of SUBJECT_RULES) {
        if (!(await this.config.rule(ruleId, manager)).enabled) await this.engine.settleAll(manager, ruleId, new Map());
      }
      // Disabled, its open alerts were just resolved above: judging its licences would only lock them for nothing.
      if ((await this.config.rule(this.licenceExpiring.id, manager)).enabled)
        await this.engine.check(manager, this.licenceExpiring, await this.licenceExpiring.due(manager));
    });
  }
}
