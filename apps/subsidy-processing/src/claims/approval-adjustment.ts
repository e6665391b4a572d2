import type { Claim, FirstApproval } from './claim.entity';
import { changed, requireState } from './claim-state';

/**
 * A relied-on report changed after the approval and before payment (see
 * `clawback/approval-reassessment.ts`). Lowering and withdrawing keep the
 * amount the officers approved (`originallyApprovedKopecks`, the first time)
 * and say why, and give back what the budget gets again.
 */
export const NOT_YET_PAID = ['approved', 'payment_scheduled'] as const;

/** Lowers the approved amount to `to` (positive, below the current one); the state stays. */
export function reduceApproval(claim: Claim, to: bigint, reason: string): bigint {
  requireState(claim, NOT_YET_PAID, 'reduced');
  const current = BigInt(claim.approvedKopecks!);
  if (to <= 0n || to >= current) throw new RangeError(`a reduction goes from ${current} to less, above 0, not ${to}`);
  claim.originallyApprovedKopecks ??= claim.approvedKopecks;
  Object.assign(claim, { approvedKopecks: to.toString(), approvalAdjustmentReason: reason });
  changed(claim);
  return current - to;
}

/**
 * A relied-on report went back up: the amount comes up to `to`, above the
 * current one and at most what the officers approved. Back in full, the
 * claim no longer shows an adjustment.
 */
export function raiseApproval(claim: Claim, to: bigint, reason: string): void {
  requireState(claim, NOT_YET_PAID, 'raised');
  const current = BigInt(claim.approvedKopecks!);
  const ceiling = BigInt(claim.originallyApprovedKopecks ?? claim.approvedKopecks!);
  if (to <= current || to > ceiling) {
    throw new RangeError(`a raise goes from ${current} to more, at most ${ceiling}, not ${to}`);
  }
  const restored = to === ceiling;
  Object.assign(claim, {
    approvedKopecks: to.toString(),
    originallyApprovedKopecks: restored ? null : claim.originallyApprovedKopecks,
    approvalAdjustmentReason: restored ? null : reason,
  });
  changed(claim);
}

/**
 * The first of two approvals no longer stands: a relied-on report changed
 * before the second (the second officer would confirm an amount judged on
 * figures that no longer stand), or its officer edited the claim after giving
 * it (and would count as a decider of their own work). The claim waits for two
 * officers again. Returns the approval withdrawn, for the record.
 */
export function withdrawFirstApproval(claim: Claim, reason: string): FirstApproval {
  requireState(claim, ['under_review'], 'first approval withdrawn');
  const withdrawn = claim.firstApproval;
  if (!withdrawn) throw new RangeError(`claim ${claim.id} has no first approval to withdraw`);
  Object.assign(claim, { firstApproval: null, approvalAdjustmentReason: reason });
  changed(claim);
  return withdrawn;
}

/**
 * Nothing is left to pay: the approval is withdrawn and the claim is under
 * review again, with the officer who had it, who may return or reject it
 * (or approve it anew once a report is accepted again). Any payment date goes.
 */
export function withdrawApproval(claim: Claim, reason: string): bigint {
  requireState(claim, NOT_YET_PAID, 'withdrawn');
  const released = BigInt(claim.approvedKopecks!);
  Object.assign(claim, {
    originallyApprovedKopecks: claim.originallyApprovedKopecks ?? claim.approvedKopecks,
    approvedKopecks: null,
    decidedBy: null,
    firstApproval: null,
    paymentScheduledOn: null,
    approvalAdjustmentReason: reason,
  });
  changed(claim, 'under_review');
  return released;
}
