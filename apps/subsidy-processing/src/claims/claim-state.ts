import type { ClaimState } from '@redmet/contracts';
import type { Claim } from './claim.entity';
import { illegalTransition } from './claim.errors';

/** Refuses a step that does not start from one of the `allowed` states. */
export function requireState(claim: Claim, allowed: readonly ClaimState[], action: string): void {
  if (!allowed.includes(claim.state)) throw illegalTransition(claim.state, action);
}

/** Every change bumps the version (the snapshot's order for consumers), moving the state when given one. */
export function changed(claim: Claim, state: ClaimState = claim.state): void {
  claim.state = state;
  claim.version += 1;
}
