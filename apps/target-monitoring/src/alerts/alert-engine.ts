import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type Actor,
  AlertRaised,
  AlertResolved,
  AlertSeverityRaised,
  type AlertSeverity,
  type AlertSnapshot,
  type EventDefinition,
  type AlertRuleId,
} from '@redmet/contracts';
import { Outbox } from '@redmet/messaging';
import { changedRows } from '../common/sql';
import { ConfigurationStore } from '../configuration/configuration.store';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { MonitoringEnvironment } from '../monitoring.environment';
import { ANNOUNCING, type AlertRow, severityRank, toPayload, toSnapshot } from './alert-row';
import { type Finding, fitted } from './finding';
import { SilenceLookup } from './silences/silence.lookup';

/** A rule judged one subject at a time, when an event touches that subject. */
export interface SubjectRule<K> {
  id: AlertRuleId;
  subject(key: K): string;
  find(manager: EntityManager, key: K): Promise<Finding | null>;
  /** Many keys in one go, by subject, where the rule can judge them together. */
  findAll?(manager: EntityManager, keys: K[]): Promise<Map<string, Finding | null>>;
}

export interface AlertChange {
  actor?: Actor | null;
  comment?: string | null;
  /** When the change happens, for the silences then in force: now unless a check runs for another time. */
  at?: Date;
  /** Told with a rise in severity: what the alert was before. */
  previousSeverity?: AlertSeverity;
}

/**
 * Turns rule findings into alerts: raises one when a condition starts to hold
 * (at most one unresolved alert per rule and subject, enforced by a unique
 * index), leaves it alone while the condition keeps holding, and resolves it
 * when the condition clears. Every change is written to the alert's history,
 * to the outbox (`monitoring.alert.v1`) and, unless silenced, to the delivery queue.
 */
@Injectable()
export class AlertEngine {
  constructor(
    private readonly config: ConfigurationStore,
    private readonly outbox: Outbox,
    private readonly deliveries: DeliveryQueue,
    private readonly silences: SilenceLookup,
    private readonly environment: MonitoringEnvironment,
  ) {}

  /**
   * Serialises the evaluations of one rule and subject: whoever comes second
   * waits, then computes its finding from data that includes the first one's
   * changes, so two concurrent events never leave a stale answer behind.
   */
  async lock(manager: EntityManager, ruleId: AlertRuleId, subjects: string[]): Promise<void> {
    if (subjects.length === 0) return;
    // One statement, locks taken in subject order (the ORDER BY runs before the locking function).
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(key, 0))
         FROM (SELECT DISTINCT $1 || subject AS key FROM unnest($2::text[]) AS subject ORDER BY 1) ordered`,
      [`alert:${ruleId}:`, subjects],
    );
  }

  /**
   * Locks the subjects, then judges each; the subjects whose condition does
   * not hold (most, most of the time) are resolved in one statement.
   */
  async check<K>(manager: EntityManager, rule: SubjectRule<K>, keys: K[]): Promise<void> {
    if (!this.environment.ALERTS_ENABLED || keys.length === 0) return;
    const bySubject = new Map(keys.map((key) => [rule.subject(key), key]));
    await this.lock(manager, rule.id, [...bySubject.keys()]);
    const settings = await this.config.rule(rule.id, manager);
    const clear: string[] = [];
    const found = rule.findAll ? await rule.findAll(manager, [...bySubject.values()]) : null;
    for (const [subject, key] of [...bySubject].sort(([a], [b]) => a.localeCompare(b))) {
      const finding = found ? (found.get(subject) ?? null) : await rule.find(manager, key);
      if (finding && settings.enabled) await this.raise(manager, rule.id, subject, fitted(finding), settings.severity);
      else clear.push(subject);
    }
    await this.resolve(manager, rule.id, clear);
  }

  /** Settles one subject; call `lock` before computing the finding. */
  async settle(manager: EntityManager, ruleId: AlertRuleId, subject: string, finding: Finding | null): Promise<void> {
    const rule = await this.config.rule(ruleId, manager);
    if (finding && rule.enabled) await this.raise(manager, ruleId, subject, fitted(finding), rule.severity);
    else await this.resolve(manager, ruleId, [subject]);
  }

  /** Settles every subject of a rule evaluated as a whole: open alerts whose subject is not found are resolved. */
  async settleAll(manager: EntityManager, ruleId: AlertRuleId, findings: Map<string, Finding>): Promise<void> {
    if (!this.environment.ALERTS_ENABLED) return;
    const open: { subject: string }[] = await manager.query(
      `SELECT subject FROM alert WHERE rule_id = $1 AND state <> 'resolved'`,
      [ruleId],
    );
    const subjects = [...new Set([...findings.keys(), ...open.map((row) => row.subject)])];
    await this.lock(manager, ruleId, subjects);
    for (const subject of subjects.sort()) await this.settle(manager, ruleId, subject, findings.get(subject) ?? null);
  }

  /** Records a change of an alert: history, Kafka event, deliveries. Returns whether a silence muted it. */
  async record(
    manager: EntityManager,
    row: AlertRow,
    definition: EventDefinition<AlertSnapshot>,
    change: AlertChange = {},
  ): Promise<boolean> {
    // A silence mutes what is new (a raise, an escalation), not the acknowledgement or all-clear of an alert
    // staff and other systems were told of: left muted, it would stay open for them.
    const followsUpDelivered = !ANNOUNCING.has(definition.type) && !row.silenced;
    const silenced =
      !followsUpDelivered &&
      (await this.silences.isSilenced(manager, row.rule_id, row.subject, change.at ?? new Date()));
    const snapshot = {
      ...toSnapshot(row),
      silenced,
      ...(change.previousSeverity ? { previousSeverity: change.previousSeverity } : {}),
    };
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO alert_event (alert_id, type, actor, comment, snapshot, silenced)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.alert_id, definition.type, change.actor ?? null, change.comment ?? null, snapshot, silenced],
    );
    await this.outbox.add(manager, definition, row.alert_id, toPayload(snapshot, change.actor, change.comment));
    if (!silenced) await this.deliveries.enqueue(manager, row, id, definition.type);
    return silenced;
  }

  private async raise(
    manager: EntityManager,
    ruleId: AlertRuleId,
    subject: string,
    finding: Finding,
    severity: Finding['severity'],
  ): Promise<void> {
    const silenced = await this.silences.isSilenced(manager, ruleId, subject, new Date());
    const details = JSON.stringify(finding.details ?? {});
    const [raised]: AlertRow[] = await manager.query(
      `INSERT INTO alert (alert_id, rule_id, subject, severity, state, title, message, details, raised_at, silenced)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, clock_timestamp(), $8)
       ON CONFLICT (rule_id, subject) WHERE state <> 'resolved' DO NOTHING RETURNING *`,
      [randomUUID(), ruleId, subject, finding.severity ?? severity, finding.title, finding.message, details, silenced],
    );
    if (raised) {
      await this.record(manager, raised, AlertRaised);
      return;
    }
    // Still holding: the latest figures and severity. A finding of its own graver than before is news (the
    // condition worsened): told like a raise, the acknowledgement of the milder alert no longer stands, and an
    // escalation of an earlier critical spell is cleared. A severity that comes from the rule's settings changes
    // the row only: a new setting is not the subject's news. Either way, turned critical, a new critical spell
    // starts: its escalation time counts from now, and it escalates even if an earlier spell did.
    const [changed] = await changedRows<AlertRow & { previous_severity: AlertSeverity; rose: boolean }>(
      manager,
      `UPDATE alert a
          SET title = $3, message = $4, details = $5, severity = $6,
              state = CASE WHEN rise.rose THEN 'open' ELSE a.state END,
              acknowledged_at = CASE WHEN rise.rose THEN NULL ELSE a.acknowledged_at END,
              acknowledged_by = CASE WHEN rise.rose THEN NULL ELSE a.acknowledged_by END,
              acknowledgement_comment = CASE WHEN rise.rose THEN NULL ELSE a.acknowledgement_comment END,
              escalated_at = CASE WHEN rise.rose OR rise.turned_critical THEN NULL ELSE a.escalated_at END,
              announced_at = CASE WHEN rise.rose OR rise.turned_critical THEN clock_timestamp() ELSE a.announced_at END
         FROM (SELECT alert_id, severity AS previous_severity,
                      $7::boolean AND ${severityRank('$6::text')} > ${severityRank('severity')} AS rose,
                      severity <> 'critical' AND $6 = 'critical' AS turned_critical
                 FROM alert WHERE rule_id = $1 AND subject = $2 AND state <> 'resolved' FOR UPDATE) rise
        WHERE a.alert_id = rise.alert_id AND a.state <> 'resolved'
        RETURNING a.*, rise.previous_severity, rise.rose`,
      [ruleId, subject, finding.title, finding.message, details, finding.severity ?? severity, !!finding.severity],
    );
    if (changed?.rose) await this.announceRise(manager, changed, changed.previous_severity);
  }

  /**
   * Tells of a rise from `from` to the alert's severity now. Muted by a silence, it is told when the silence
   * ends, unless people never heard of the alert at all (then the alert itself is raised again); told, nothing
   * of the alert is left untold.
   */
  private async announceRise(manager: EntityManager, row: AlertRow, from: AlertSeverity): Promise<void> {
    const muted = await this.record(manager, row, AlertSeverityRaised, { previousSeverity: from });
    await manager.query(
      `UPDATE alert SET untold_since_severity = CASE WHEN $2 AND NOT silenced THEN coalesce(untold_since_severity, $3)
                                                   END,
                        silenced = silenced AND $2
        WHERE alert_id = $1`,
      [row.alert_id, muted, from],
    );
  }

  private async resolve(manager: EntityManager, ruleId: AlertRuleId, subjects: string[]): Promise<void> {
    if (subjects.length === 0) return;
    const resolved = await changedRows<AlertRow>(
      manager,
      `UPDATE alert SET state = 'resolved', resolved_at = clock_timestamp()
        WHERE rule_id = $1 AND subject = ANY($2::text[]) AND state <> 'resolved' RETURNING *`,
      [ruleId, subjects],
    );
    for (const row of resolved.sort((a, b) => a.subject.localeCompare(b.subject))) {
      await this.record(manager, row, AlertResolved);
    }
  }
}
