import type { ClaimState } from '@redmet/contracts';
import type { Claim } from './claim.entity';
import { illegalTransition } from './claim.errors';

/** Refuses a step that does not start from one of the `allowed` states. */
export function requireState(claim: Claim, allowed: readonly ClaimState[], action: string): void {
  if (!allowed.includes(claim.state)) throw illegalTransition(claim.state, action);
}

/**
 * Four eyes start with two people: whoever wrote the claim (the producer, an
 * officer who keyed it in or changed it at any point) and the decider.
 */
export function isOwnWork(claim: Claim, userId: string): boolean {
  return userId === claim.createdBy || claim.editedBy.includes(userId);
}

/**
 * Every change bumps the version (the snapshot's order for consumers), moving
 * the state when given one. The database derives `needsAnotherOfficer`, and
 * `saveClaim` reads it back into the caller's copy.
 */
export function changed(claim: Claim, state: ClaimState = claim.state): void {
  claim.state = state;
  claim.version += 1;
}
