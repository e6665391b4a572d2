import type { FacilityStatus } from './registry';

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

/**
 * Where a facility's status may go from each. Forward only. A plant is commissioned once (`commissionedOn`
 * keeps that day). Modernisation needs a working plant and can happen again: each completed programme is
 * recorded as `modernised → modernised` with its own date, so the history shows every one. Any plant can
 * close, a project abandoned before it ran included; closing is for good, as reports, obligations and the
 * new-plant count end on that day (a plant brought back is registered again). The registry enforces it; the
 * console offers no other.
 */
export const FACILITY_TRANSITIONS: Readonly<Record<FacilityStatus, readonly FacilityStatus[]>> = {
  planned: ['under_construction', 'closed'],
  under_construction: ['commissioned', 'closed'],
  commissioned: ['modernised', 'closed'],
  modernised: ['modernised', 'closed'],
  closed: [],
};
