import type { AlertSeverity } from '@redmet/contracts';
import { addDays, daysBetween } from '@redmet/platform';
import type { Finding } from '../alerts/finding';
import { trailingYear } from '../common/months';

/** The days a licence is judged by, seen from `today` (a day of TIME_ZONE). */
export interface ExpiryWindow {
  today: string;
  /** The latest last valid day that is alerted: `noticeDays` from today. */
  lastValidTo: string;
  /** Output of a period ending on this day or later is recent: the trailing twelve complete months. */
  outputFrom: string;
}

export function expiryWindow(today: string, noticeDays: number): ExpiryWindow {
  return { today, lastValidTo: addDays(today, noticeDays), outputFrom: trailingYear(today).from };
}

/** A licence in the window, with output from its deposit and nothing taking over. */
export interface ExpiringLicence {
  licenceId: string;
  number: string;
  holder: string | null;
  deposit: string | null;
  /** Its last valid day. */
  validTo: string;
  /** The latest period with output from the deposit. */
  latestPeriod: string;
}

/** Days left as the registry counts them for its notices: 0 on the last valid day. */
export function daysLeft(today: string, validTo: string): number {
  return daysBetween(today, validTo);
}

const inDays = (days: number) => (days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`);

/** `criticalDays` null: the rule's configured severity however near the end. */
export function licenceExpiringFinding(licence: ExpiringLicence, today: string, criticalDays: number | null): Finding {
  const left = daysLeft(today, licence.validTo);
  const severity: AlertSeverity | undefined = criticalDays !== null && left <= criticalDays ? 'critical' : undefined;
  const of = [licence.deposit ? ` for ${licence.deposit}` : '', licence.holder ? `, held by ${licence.holder},` : ''];
  return {
    title: `Licence ${licence.number} ends ${inDays(left)} while output is still reported`,
    message:
      `Licence ${licence.number}${of.join('')} is valid until ${licence.validTo} (ends ${inDays(left)}). ` +
      `Output from the deposit was reported for ${licence.latestPeriod}, and no other licence of the holder for ` +
      `the deposit takes over on ${addDays(licence.validTo, 1)}: output from then on would be without a licence.`,
    severity,
    details: {
      licenceId: licence.licenceId,
      licenceNumber: licence.number,
      holderName: licence.holder,
      depositName: licence.deposit,
      validTo: licence.validTo,
      daysLeft: left,
      latestPeriod: licence.latestPeriod,
    },
  };
}
