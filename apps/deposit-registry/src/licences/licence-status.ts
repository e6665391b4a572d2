import {
  type EventDefinition,
  LicenceReinstated,
  LicenceRevoked,
  type LicenceStatus,
  type LicenceStatusChangePayload,
  LicenceSuspended,
} from '@redmet/contracts';
import { canTransition, type Transitions } from '../common/status-history';
import type { LicenceStatusChange } from './licence-status-change.entity';

/**
 * Suspension can be lifted; revocation and expiry are final. Only the
 * scheduled check expires a licence (there is no command for it). A closing
 * made in error is not a transition but an annulment (`statusBeforeClosing`).
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

/** A right still held: the expiry check looks at these, and a holder is not liquidated while it has one. */
export const OPEN_LICENCE_STATUSES: readonly LicenceStatus[] = ['active', 'suspended'];

export function canChangeLicenceStatus(from: LicenceStatus, to: LicenceStatus): boolean {
  return canTransition(LICENCE_TRANSITIONS, from, to);
}

export function isFinalLicenceStatus(status: LicenceStatus): boolean {
  return LICENCE_TRANSITIONS[status].length === 0;
}

export interface StatusPeriod {
  status: LicenceStatus;
  since: string;
}

/**
 * The status a revoked or expired licence had before it closed, and the day that status began, replayed
 * from its history in the order recorded. Only an annulment leaves a final status, and it gives back
 * what the closing had replaced, so a licence extended once and expired again goes back to the status
 * it had held since before the first expiry.
 */
export function statusBeforeClosing(history: readonly RecordedChange[]): StatusPeriod {
  const periods = statusPeriods(history);
  return periods[periods.length - 2];
}

/**
 * Whether the status the licence was issued with still holds, unbroken: no change since, or only closings
 * that were annulled (they give that status back from its first day).
 */
export function issuedStatusHolds(history: readonly RecordedChange[]): boolean {
  return statusPeriods(history).length === 1;
}

type RecordedChange = Pick<LicenceStatusChange, 'fromStatus' | 'toStatus' | 'effectiveOn'>;

/** The statuses in force one after another, the current one last; an annulment takes back the closing. */
function statusPeriods(history: readonly RecordedChange[]): StatusPeriod[] {
  const periods: StatusPeriod[] = [];
  for (const change of history) {
    if (change.fromStatus !== null && isFinalLicenceStatus(change.fromStatus)) periods.pop();
    else periods.push({ status: change.toStatus, since: change.effectiveOn });
  }
  return periods;
}

/** A licence back in an open status after an annulment is announced as the command leading there would be. */
export function reopeningEvent(status: LicenceStatus): EventDefinition<LicenceStatusChangePayload> {
  const command = Object.values(LICENCE_COMMANDS).find(({ to }) => to === status);
  if (!command || isFinalLicenceStatus(status)) throw new Error(`A licence is never reopened as ${status}`);
  return command.event;
}
