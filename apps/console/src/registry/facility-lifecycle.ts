import type { FacilityStatus } from '@redmet/contracts/vocabulary';

/*
 * When a plant ran, and where its status may go: the rules of `libs/contracts/src/registry/facility-lifecycle.ts`
 * (which production-reporting judges reports by) and of deposit-registry's `FACILITY_TRANSITIONS`, restated
 * here because the bundle shares only `@redmet/contracts/vocabulary` with the services (eslint refuses the rest).
 * `facility-lifecycle.spec.ts` checks this copy against the contracts' functions; the registry stays the
 * judge of a status change.
 */

/** What the console reads of a facility to tell when it ran. */
export interface FacilityLifecycle {
  status: FacilityStatus;
  statusSince: string;
  commissionedOn?: string | null;
}

const OPERATING: readonly FacilityStatus[] = ['commissioned', 'modernised'];

/** The first day the plant no longer ran, once it has closed; null while it has not. */
export function closedOn(facility: FacilityLifecycle): string | null {
  return facility.status === 'closed' ? facility.statusSince : null;
}

/** Its first commissioning day (else the day it became operating); null for one never commissioned. */
export function operatingSince(facility: FacilityLifecycle): string | null {
  if (facility.commissionedOn) return facility.commissionedOn;
  return OPERATING.includes(facility.status) ? facility.statusSince : null;
}

/** Whether the plant ran on any day from `start` to `end` (ISO dates, both included). */
export function operatedBetween(facility: FacilityLifecycle, start: string, end: string): boolean {
  const since = operatingSince(facility);
  const closed = closedOn(facility);
  return since !== null && since <= end && (closed === null || (closed > start && closed > since));
}

/** The statuses the registry lets a facility move to from each (forward only; `closed` from any, for good). */
export const FACILITY_TRANSITIONS: Readonly<Record<FacilityStatus, readonly FacilityStatus[]>> = {
  planned: ['under_construction', 'closed'],
  under_construction: ['commissioned', 'closed'],
  commissioned: ['modernised', 'closed'],
  modernised: ['modernised', 'closed'],
  closed: [],
};

export function nextStatuses(status: FacilityStatus): readonly FacilityStatus[] {
  return FACILITY_TRANSITIONS[status] ?? [];
}
