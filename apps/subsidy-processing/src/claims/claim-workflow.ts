import type { Actor, ClaimState } from '@redmet/contracts';
import type { Claim } from './claim.entity';
import * as errors from './claim.errors';

/**
 * The claim's life, as rules on the entity:
 * draft → submitted → under_review → approved | rejected | returned (→ submitted again)
 * approved → payment_scheduled → paid → under_clawback → clawed_back.
 * Each step checks the state it starts from and who may take it, then bumps the version.
 */
export type Officer = Actor;

export type ApprovalOutcome = 'awaiting_second_approval' | 'approved';

function requireState(claim: Claim, allowed: readonly ClaimState[], action: string): void {
  if (!allowed.includes(claim.state)) throw errors.illegalTransition(claim.state, action);
}

function changed(claim: Claim, state: ClaimState = claim.state): void {
  claim.state = state;
  claim.version += 1;
}

/** Four eyes start with two people: the producer (or the officer who keyed the claim in) and the decider. */
function assertNotOwnWork(claim: Claim, officer: Officer): void {
  if (officer.userId === claim.createdBy || officer.userId === claim.lastEditedBy) throw errors.selfDecision();
}

/** The assignee decides; while an approval awaits its second officer, that officer may decide too. */
function assertMayDecide(claim: Claim, officer: Officer): void {
  assertNotOwnWork(claim, officer);
  const isAssignee = claim.assignedTo?.userId === officer.userId;
  const isSecondPair = claim.firstApproval !== null && claim.firstApproval.userId !== officer.userId;
  if (!isAssignee && !isSecondPair)
    throw errors.notAssigned(claim.assignedTo?.name ?? claim.assignedTo?.userId ?? null);
}

export function assertEditable(claim: Claim): void {
  requireState(claim, ['draft', 'returned'], 'edited');
}

export function edit(claim: Claim, editorId: string): void {
  assertEditable(claim);
  claim.lastEditedBy = editorId;
  claim.version += 1;
}

export function submit(claim: Claim, at: Date): void {
  requireState(claim, ['draft', 'returned'], 'submitted');
  Object.assign(claim, { submittedAt: at, assignedTo: null, firstApproval: null, missingItems: [] });
  changed(claim, 'submitted');
}

export function take(claim: Claim, officer: Officer): void {
  requireState(claim, ['submitted'], 'taken for review');
  assertNotOwnWork(claim, officer);
  claim.assignedTo = officer;
  changed(claim, 'under_review');
}

/**
 * Approves `amount` (the requested amount when omitted; less needs a reason).
 * Above the threshold the first approval only records itself; a second,
 * different officer makes it final, confirming the same amount.
 */
export function approve(
  claim: Claim,
  officer: Officer,
  decision: { amount?: bigint; reason?: string | null; threshold: bigint; at: Date },
): ApprovalOutcome {
  requireState(claim, ['under_review'], 'approved');
  assertMayDecide(claim, officer);
  const first = claim.firstApproval;
  if (first) {
    if (first.userId === officer.userId) throw errors.sameApprover();
    if (decision.amount !== undefined && decision.amount !== BigInt(first.amountKopecks)) {
      throw errors.approvalAmountMismatch(first.amountKopecks);
    }
    const reason = [first.reason, decision.reason].filter(Boolean).join('; ') || null;
    finalApproval(claim, BigInt(first.amountKopecks), [{ userId: first.userId, name: first.name }, officer], reason);
    return 'approved';
  }
  const requested = BigInt(claim.requestedKopecks);
  const amount = decision.amount ?? requested;
  if (amount > requested) {
    throw errors.invalidApproval('CLAIM.APPROVAL_ABOVE_REQUESTED', `The claim requests ${requested} kopecks at most`);
  }
  if (amount <= 0n) {
    throw errors.invalidApproval('CLAIM.APPROVAL_NOT_POSITIVE', 'Approve a positive amount, or reject the claim');
  }
  if (amount < requested && !decision.reason) {
    throw errors.invalidApproval('CLAIM.REDUCTION_REASON_REQUIRED', 'Say why the amount is reduced');
  }
  if (amount > decision.threshold) {
    claim.firstApproval = {
      ...officer,
      amountKopecks: amount.toString(),
      reason: decision.reason ?? null,
      at: decision.at.toISOString(),
    };
    claim.version += 1;
    return 'awaiting_second_approval';
  }
  finalApproval(claim, amount, [officer], decision.reason ?? null);
  return 'approved';
}

function finalApproval(claim: Claim, amount: bigint, deciders: Officer[], reason: string | null): void {
  Object.assign(claim, { approvedKopecks: amount.toString(), decidedBy: deciders, decisionReason: reason });
  claim.firstApproval = null;
  changed(claim, 'approved');
}

export function reject(claim: Claim, officer: Officer, reason: string): void {
  requireState(claim, ['under_review'], 'rejected');
  assertMayDecide(claim, officer);
  Object.assign(claim, { decidedBy: [officer], decisionReason: reason, firstApproval: null });
  changed(claim, 'rejected');
}

export function returnForInformation(claim: Claim, officer: Officer, reason: string, missing: string[]): void {
  requireState(claim, ['under_review'], 'returned');
  assertMayDecide(claim, officer);
  Object.assign(claim, { decidedBy: [officer], decisionReason: reason, missingItems: missing, firstApproval: null });
  claim.assignedTo = null;
  changed(claim, 'returned');
}

export function schedulePayment(claim: Claim, on: string): void {
  requireState(claim, ['approved'], 'scheduled for payment');
  claim.paymentScheduledOn = on;
  changed(claim, 'payment_scheduled');
}

export function pay(claim: Claim, on: string, reference: string): void {
  requireState(claim, ['approved', 'payment_scheduled'], 'paid');
  Object.assign(claim, { paidKopecks: claim.approvedKopecks, paidOn: on, paymentReference: reference });
  changed(claim, 'paid');
}

/** Demands back a total of `total` kopecks (never less than already demanded: triggers do not add up). */
export function demandClawback(
  claim: Claim,
  demand: { total: bigint; coefficient: string; reason: string; on: string; dueOn: string },
): void {
  requireState(claim, ['paid', 'under_clawback', 'clawed_back'], 'clawed back');
  Object.assign(claim, {
    clawbackKopecks: demand.total.toString(),
    clawbackCoefficient: demand.coefficient,
    clawbackReason: demand.reason,
    clawbackDemandedOn: demand.on,
    clawbackDueOn: demand.dueOn,
  });
  changed(claim, 'under_clawback');
}

/** Records the demanded money as returned; gives back the amount settled now (for the budget). */
export function settleClawback(claim: Claim, on: string): bigint {
  requireState(claim, ['under_clawback'], 'settled');
  const settled = BigInt(claim.clawbackKopecks!) - BigInt(claim.clawbackSettledKopecks ?? '0');
  Object.assign(claim, { clawbackSettledKopecks: claim.clawbackKopecks, clawbackSettledOn: on });
  changed(claim, 'clawed_back');
  return settled;
}
