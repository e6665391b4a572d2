import type { FacilityStatus } from '../vocabulary/registry';

/** What a reader keeps of a facility's snapshot to tell when it ran. */
export interface FacilityLifecycle {
  status: FacilityStatus;
  statusSince: string;
  commissionedOn?: string | null;
}

export const OPERATING_FACILITY_STATUSES: readonly FacilityStatus[] = ['commissioned', 'modernised'];

/** The first day the plant no longer ran, once it has closed; null while it has not. */
export function closedOn(facility: FacilityLifecycle): string | null {
  return facility.status === 'closed' ? facility.statusSince : null;
}

/**
 * The day the plant started making output: its first commissioning (events
 * from before `commissionedOn` existed: the day it became operating); null for
 * one never commissioned, including one closed before it was.
 */
export function operatingSince(facility: FacilityLifecycle): string | null {
  if (facility.commissionedOn) return facility.commissionedOn;
  return OPERATING_FACILITY_STATUSES.includes(facility.status) ? facility.statusSince : null;
}

/**
 * Whether the plant ran on any day from `start` to `end` (ISO dates, both
 * included): one closed on the day it was commissioned never ran.
 */
export function operatedBetween(facility: FacilityLifecycle, start: string, end: string): boolean {
  const since = operatingSince(facility);
  const closed = closedOn(facility);
  return since !== null && since <= end && (closed === null || (closed > start && closed > since));
}
