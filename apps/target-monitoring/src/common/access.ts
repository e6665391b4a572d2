import { Roles } from '@redmet/platform';
import type { Role } from '@redmet/contracts';

/**
 * Everyone on the ministry's side reads all monitoring figures and alerts.
 * Producers see nothing here: the figures are national and mix every
 * company's reports, and their own reports are in production-reporting.
 */
export const STAFF_ROLES: Role[] = [
  'ministry_analyst',
  'admin',
  'subsidy_officer',
  'finance_officer',
  'registry_admin',
];

export const ReadsMonitoring = (): ClassDecorator & MethodDecorator => Roles(...STAFF_ROLES);

/**
 * Acknowledging and silencing alerts, uploading trade statistics, subscribing
 * to e-mails; an e-mail subscription is sent only while its maker holds one of these.
 */
export const ALERT_ROLES: Role[] = ['ministry_analyst', 'admin'];

export const ActsOnAlerts = (): MethodDecorator => Roles(...ALERT_ROLES);

/** Targets, rules, reference prices and webhooks change the programme's measurements: administrators only. */
export const ConfiguresMonitoring = (): MethodDecorator => Roles('admin');
