import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';
import { Actor } from '../values/common';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from '../vocabulary/monitoring';

export class AlertSnapshot {
  @IsUUID()
  alertId: string;

  /** The rule that raised it, e.g. `target.off_track`, `reporting.deadline_missed`. */
  @IsString()
  @Length(1, 100)
  ruleId: string;

  /** What it is about, e.g. `target:import-dependence` or `facility:<id>`; one open alert per rule and subject. */
  @IsString()
  @Length(1, 200)
  subject: string;

  @IsIn(ALERT_SEVERITIES)
  severity: AlertSeverity;

  @IsIn(ALERT_STATES)
  state: AlertState;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsString()
  @Length(1, 4000)
  message: string;

  @IsISO8601({ strict: true })
  raisedAt: string;

  /**
   * A ministry user muted the rule or subject when this happened: the event is
   * recorded, but not delivered to people (schemaVersion 2; absent before).
   */
  @IsOptional()
  @IsBoolean()
  silenced?: boolean | null;
}

export class AlertAcknowledgedPayload extends AlertSnapshot {
  @ValidateNested()
  @Type(() => Actor)
  acknowledgedBy: Actor;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string | null;
}

export class AlertSeverityRaisedPayload extends AlertSnapshot {
  /** What it was before; `severity` is what it is now. */
  @IsIn(ALERT_SEVERITIES)
  previousSeverity: AlertSeverity;
}

const alertEvent = topicEvents(TOPICS.monitoringAlert, 2);

export const AlertRaised = alertEvent(
  'AlertRaised',
  AlertSnapshot,
  'A monitoring rule found a condition ministry staff must see.',
);
export const AlertAcknowledged = alertEvent(
  'AlertAcknowledged',
  AlertAcknowledgedPayload,
  'A ministry user acknowledged an alert, with a comment.',
);
export const AlertEscalated = alertEvent(
  'AlertEscalated',
  AlertSnapshot,
  'A critical alert stayed unacknowledged past the configured time.',
);
/** Added after the other alert events: its first shape is version 1. */
export const AlertSeverityRaised = topicEvents(TOPICS.monitoringAlert, 1)(
  'AlertSeverityRaised',
  AlertSeverityRaisedPayload,
  'A condition behind an open or acknowledged alert worsened to a higher severity (an acknowledged alert is open again, to be acknowledged at the new severity).',
);
export const AlertResolved = alertEvent('AlertResolved', AlertSnapshot, 'The condition behind an alert cleared.');
