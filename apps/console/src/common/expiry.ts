import { daysBetween, today } from './format';

/** Licences ending within this many days are highlighted (the registry's first expiry notice, 180 days). */
export const EXPIRY_NOTICE_DAYS = 180;

export type ExpiryState = 'expired' | 'expiring' | 'valid';

export function expiryOf(validTo: string, now = today()): { state: ExpiryState; daysLeft: number } {
  const daysLeft = daysBetween(now, validTo);
  if (daysLeft < 0) return { state: 'expired', daysLeft };
  return { state: daysLeft <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'valid', daysLeft };
}
