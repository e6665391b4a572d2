import type { Actor, AlertSeverity, AlertSnapshot, AlertState } from '@redmet/contracts';

/** An `alert` row as SQL returns it. */
export interface AlertRow {
  alert_id: string;
  rule_id: string;
  subject: string;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  message: string;
  details: Record<string, unknown>;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: Actor | null;
  acknowledgement_comment: string | null;
  escalated_at: Date | null;
  resolved_at: Date | null;
  silenced: boolean;
}

export function toSnapshot(row: AlertRow): AlertSnapshot {
  return {
    alertId: row.alert_id,
    ruleId: row.rule_id,
    subject: row.subject,
    severity: row.severity,
    state: row.state,
    title: row.title,
    message: row.message,
    raisedAt: row.raised_at.toISOString(),
  };
}

export function toView(row: AlertRow) {
  return {
    ...toSnapshot(row),
    details: row.details,
    silenced: row.silenced,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    acknowledgementComment: row.acknowledgement_comment,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}

export type AlertView = ReturnType<typeof toView>;
