import { FACILITY_TRANSITIONS, type FacilityStatus } from '@redmet/contracts';
import { canTransition } from '../common/status-history';

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
