import {
  type Actor,
  type AlertAcknowledgedPayload,
  AlertEscalated,
  AlertRaised,
  type AlertSeverity,
  AlertSeverityRaised,
  type AlertSeverityRaisedPayload,
  type AlertSnapshot,
  type AlertState,
} from '@redmet/contracts';

/** The changes that tell of an alert anew; the others (acknowledged, resolved) follow up on what was told. */
export const ANNOUNCING: ReadonlySet<string> = new Set([
  AlertRaised.type,
  AlertEscalated.type,
  AlertSeverityRaised.type,
]);

/** SQL for a severity's place in rising order, to compare severities by. */
export const severityRank = (severity: string) => `array_position(ARRAY['info', 'warning', 'critical'], ${severity})`;

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
  /** The severity people last heard of it at, while a silence keeps a rise since from them. */
  untold_since_severity: AlertSeverity | null;
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

/**
 * What every channel tells of one change of an alert: the `monitoring.alert.v1` payload, a webhook's
 * `alert`, an SSE event's data. Only an acknowledgement has an actor, only a rise in severity the one before.
 */
export type AlertPayload = AlertSnapshot &
  Partial<Pick<AlertAcknowledgedPayload, 'acknowledgedBy' | 'comment'>> &
  Partial<Pick<AlertSeverityRaisedPayload, 'previousSeverity'>>;

/**
 * Who acknowledged and why come from the history row's own columns rather than its snapshot, so that
 * acknowledgements recorded before the snapshot would have held them (still queued, or replayed from
 * Last-Event-ID) are told in full too.
 */
export function toPayload(snapshot: AlertSnapshot, actor?: Actor | null, comment?: string | null): AlertPayload {
  return actor ? { ...snapshot, acknowledgedBy: actor, comment: comment ?? null } : snapshot;
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
