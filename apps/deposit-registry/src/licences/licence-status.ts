import { LicenceReinstated, LicenceRevoked, type LicenceStatus, LicenceSuspended } from '@redmet/contracts';
import { canTransition, type Transitions } from '../common/status-history';

/**
 * Suspension can be lifted; revocation and expiry are final. Only the
 * scheduled check expires a licence (there is no command for it).
 */
export const LICENCE_TRANSITIONS: Transitions<LicenceStatus> = {
  active: ['suspended', 'revoked', 'expired'],
  suspended: ['active', 'revoked', 'expired'],
  revoked: [],
  expired: [],
};

/** What a user may do to a licence's status, and the event each emits. */
export const LICENCE_COMMANDS = {
  suspend: { to: 'suspended', event: LicenceSuspended },
  reinstate: { to: 'active', event: LicenceReinstated },
  revoke: { to: 'revoked', event: LicenceRevoked },
} as const;

export type LicenceCommand = keyof typeof LICENCE_COMMANDS;

/** Statuses the expiry check looks at. */
export const OPEN_LICENCE_STATUSES: readonly LicenceStatus[] = ['active', 'suspended'];

export function canChangeLicenceStatus(from: LicenceStatus, to: LicenceStatus): boolean {
  return canTransition(LICENCE_TRANSITIONS, from, to);
}

export function isFinalLicenceStatus(status: LicenceStatus): boolean {
  return LICENCE_TRANSITIONS[status].length === 0;
}
