import {
  AlertAcknowledged,
  AlertEscalated,
  AlertRaised,
  AlertResolved,
  AlertSeverityRaised,
  type AlertSnapshot,
} from '../monitoring';
import { company } from './registry.samples';
import { sample } from './sample';

const alert: AlertSnapshot = {
  alertId: 'b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10',
  ruleId: 'reporting.deadline_missed',
  subject: `company:${company.companyId}`,
  severity: 'warning',
  state: 'open',
  title: 'Lovozersky GOK LLC missed the 2026-Q1 report deadline',
  message: 'The 2026-Q1 report for Lovozero (Karnasurt mine) was due on 2026-04-30 and has not been filed.',
  raisedAt: '2026-05-01T00:05:00.000Z',
  silenced: false,
};

export const MONITORING_SAMPLES = [
  sample(AlertRaised, alert.alertId, alert),
  sample(AlertAcknowledged, alert.alertId, {
    ...alert,
    state: 'acknowledged',
    acknowledgedBy: { userId: 'u-analyst-1', name: 'M. Orlova' },
    comment: 'Called the company: the report is being signed',
  }),
  sample(AlertEscalated, alert.alertId, { ...alert, severity: 'critical' }),
  sample(AlertSeverityRaised, alert.alertId, { ...alert, severity: 'critical', previousSeverity: 'warning' }),
  sample(AlertResolved, alert.alertId, { ...alert, state: 'resolved' }),
];
