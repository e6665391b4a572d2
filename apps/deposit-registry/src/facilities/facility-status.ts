import type { FacilityStatus } from '@redmet/contracts';
import { canTransition, type Transitions } from '../common/status-history';

/**
 * Forward only. A plant is commissioned once (`commissionedOn` keeps that day).
 * Modernisation needs a working plant and can happen again: each completed
 * programme is recorded as `modernised → modernised` with its own date, so the
 * history shows every one. Any plant can close, a project abandoned before it
 * ran included; closing is for good, as reports, obligations and the new-plant
 * count end on that day (a plant brought back is registered again).
 */
export const FACILITY_TRANSITIONS: Transitions<FacilityStatus> = {
  planned: ['under_construction', 'closed'],
  under_construction: ['commissioned', 'closed'],
  commissioned: ['modernised', 'closed'],
  modernised: ['modernised', 'closed'],
  closed: [],
};

/**
 * A plant joins the registry in the state it is in. One already modernised
 * joins as commissioned and is then modernised, so its commissioning day is known.
 */
export const INITIAL_FACILITY_STATUSES = ['planned', 'under_construction', 'commissioned'] as const;
export type InitialFacilityStatus = (typeof INITIAL_FACILITY_STATUSES)[number];

export function canChangeFacilityStatus(from: FacilityStatus, to: FacilityStatus): boolean {
  return canTransition(FACILITY_TRANSITIONS, from, to);
}

/** The first commissioning day stays; later modernisations do not move it. */
export function commissionedOnAfter(current: string | null, to: FacilityStatus, effectiveOn: string): string | null {
  return current ?? (to === 'commissioned' ? effectiveOn : null);
}
