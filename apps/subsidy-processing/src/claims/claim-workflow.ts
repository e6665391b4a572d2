import type { Actor } from '@redmet/contracts';
import type { Claim } from './claim.entity';
import * as errors from './claim.errors';
import { changed, isOwnWork, requireState } from './claim-state';
import { NOT_YET_PAID } from './approval-adjustment';

export * from './approval-adjustment';
export * from './clawback-workflow';

/**
 * The claim's life, as rules on the entity:
 * draft → submitted → under_review → approved | rejected | returned (→ submitted again)
 * approved → payment_scheduled → paid → under_clawback → clawed_back; before payment an approval may be revoked (→ rejected).
 * Each step checks the state it starts from and who may take it, then bumps the version.
 * What a relied-on report's change does to an approval is in `approval-adjustment.ts`,
 * clawback demands and repayments in `clawback-workflow.ts`.
 */
export type Officer = Actor;

export type ApprovalOutcome = 'awaiting_second_approval' | 'approved';

/** Who edits or submits a claim: a producer of its company, or an officer. */
export interface Writer {
  userId: string;
  producer: boolean;
}

/**
 * Four eyes reach past the decision: paying a claim, recording its money coming back or going out again,
 * and judging its results move its money as a decision does, so whoever wrote it takes none of those steps
 * either. `step` names the step in the refusal ("pays"); a decision when not given.
 */
export function assertNotOwnWork(claim: Claim, userId: string, step?: string): void {
  if (isOwnWork(claim, userId)) throw errors.selfDecision({ step });
}

/**
 * The payment is the check on the approval: an account holding both officer roles does not pay what it
 * approved (the first approval of four eyes or the final one).
 */
export function assertNotApprover(claim: Claim, userId: string): void {
  const approvers = [...(claim.decidedBy ?? []), ...(claim.firstApproval ? [claim.firstApproval] : [])];
  if (approvers.some((approver) => approver.userId === userId)) throw errors.paidByApprover();
}

/** The assignee decides; while an approval awaits its second officer, that officer may decide too. */
function assertMayDecide(claim: Claim, officer: Officer): void {
  assertNotOwnWork(claim, officer.userId);
  const isAssignee = claim.assignedTo?.userId === officer.userId;
  const isSecondPair = claim.firstApproval !== null && claim.firstApproval.userId !== officer.userId;
  if (!isAssignee && !isSecondPair)
    throw errors.notAssigned(claim.assignedTo?.name ?? claim.assignedTo?.userId ?? null);
}

export function assertEditable(claim: Claim): void {
  requireState(claim, ['draft', 'returned'], 'edited');
}

function addEditor(claim: Claim, userId: string): void {
  if (!claim.editedBy.includes(userId)) claim.editedBy = [...claim.editedBy, userId];
}

function recordEdit(claim: Claim, editorId: string): void {
  claim.lastEditedBy = editorId;
  addEditor(claim, editorId);
  changed(claim);
}

/**
 * The claim's fields and lines are the company's declarations: its producers edit them, and so does the
 * officer who keyed in a paper claim, as for submitting (`submit`). Another officer would write a producer's
 * declarations for it, and may instead return the claim saying what is missing.
 */
export function edit(claim: Claim, editor: Writer): void {
  assertEditable(claim);
  if (!editor.producer && editor.userId !== claim.createdBy) throw errors.editedByOther();
  recordEdit(claim, editor.userId);
}

/**
 * Supporting documents are part of what is decided on, so whoever uploads one
 * wrote the claim, in whatever state it is (an officer may attach what came on
 * paper during review, and must then leave the decision to another).
 * Comments are not: they are said about the claim, and a decider must be able
 * to ask and answer.
 */
export function changeDocuments(claim: Claim, editorId: string): void {
  recordEdit(claim, editorId);
}

/**
 * After an edit: the pending first approval was given by the editor, who has
 * now written the claim and would otherwise stay one of its two deciders, so it
 * must be withdrawn. Someone else's edit leaves it: four eyes ask who decides,
 * not what each saw, and the second officer judges the claim as it is then
 * (confirming, returning or rejecting it), as the assignee does with an upload
 * made during review. Only an upload reaches a claim under review; lines and
 * fields change in draft or returned, where no first approval is pending.
 */
export function editVoidsFirstApproval(claim: Claim, editorId: string): boolean {
  return claim.state === 'under_review' && claim.firstApproval?.userId === editorId;
}

/**
 * Submitting attests the claim's content: the company does it, or the officer
 * who keyed the claim in (whom four eyes then keep from deciding it). Another
 * officer submitting a producer's claim (one returned to it: its draft is
 * hidden from staff) would attest for the producer, and nothing would keep
 * them from deciding it after. So the submitter counts
 * among the claim's writers: an account of the company that also holds the
 * officer role has attested what it would otherwise decide. The first
 * submission is kept: the cut-off is judged by it (`eligibility.ts`).
 */
export function submit(claim: Claim, at: Date, submitter: Writer): void {
  requireState(claim, ['draft', 'returned'], 'submitted');
  if (!submitter.producer && submitter.userId !== claim.createdBy) throw errors.submittedByOther();
  addEditor(claim, submitter.userId);
  Object.assign(claim, {
    submittedAt: at,
    firstSubmittedAt: claim.firstSubmittedAt ?? at,
    assignedTo: null,
    firstApproval: null,
    missingItems: [],
  });
  changed(claim, 'submitted');
}

export function take(claim: Claim, officer: Officer): void {
  requireState(claim, ['submitted'], 'taken for review');
  assertNotOwnWork(claim, officer.userId);
  claim.assignedTo = officer;
  changed(claim, 'under_review');
}

/**
 * Hands a claim under review to another officer: the assignee may, and so may
 * an admin. Four eyes hold for the new officer as for one who takes a claim, and
 * a first approval stays with the claim, so its second approver cannot be the first.
 * Whether someone else is an officer is for the gateway's accounts to know; the
 * caller's own roles are known, and an admin who is none would hold a claim
 * nobody could decide until it was handed on again.
 */
export function reassign(
  claim: Claim,
  to: Officer,
  by: { userId: string; admin: boolean; officer: boolean },
): Officer | null {
  requireState(claim, ['under_review'], 'reassigned');
  const previous = claim.assignedTo;
  if (!by.admin && previous?.userId !== by.userId) throw errors.notAssignee(previous?.name ?? previous?.userId ?? null);
  if (previous?.userId === to.userId) throw errors.alreadyAssigned(to.userId);
  if (to.userId === by.userId && !by.officer) throw errors.notAnOfficer();
  if (isOwnWork(claim, to.userId)) throw errors.selfDecision({ field: 'officerId' });
  if (claim.firstApproval?.userId === to.userId) throw errors.sameApprover('officerId');
  claim.assignedTo = to;
  changed(claim);
  return previous;
}

/**
 * Approves `amount` (the requested amount when omitted; less needs a reason).
 * Above the threshold the first approval only records itself; a second,
 * different officer makes it final, confirming the same amount. Neither goes
 * beyond `capRoom`, what the company cap leaves after the company's other
 * claims of the year: the requested amount fitted when the claim was
 * submitted, but another claim may have taken room since, while this one's
 * approval was lowered or withdrawn.
 */
export function approve(
  claim: Claim,
  officer: Officer,
  decision: {
    amount?: bigint;
    reason?: string | null;
    threshold: bigint;
    capRoom: bigint;
    at: Date;
    reportVersions?: Record<string, number>;
  },
): ApprovalOutcome {
  requireState(claim, ['under_review'], 'approved');
  assertMayDecide(claim, officer);
  const first = claim.firstApproval;
  if (first) {
    if (first.userId === officer.userId) throw errors.sameApprover();
    if (decision.amount !== undefined && decision.amount !== BigInt(first.amountKopecks)) {
      throw errors.approvalAmountMismatch(first.amountKopecks);
    }
    if (BigInt(first.amountKopecks) > decision.capRoom) {
      throw errors.companyCapExceeded(BigInt(first.amountKopecks), decision.capRoom, true);
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
  if (amount > decision.capRoom) throw errors.companyCapExceeded(amount, decision.capRoom, false);
  if (amount > decision.threshold) {
    startAfresh(claim);
    claim.firstApproval = {
      ...officer,
      amountKopecks: amount.toString(),
      reason: decision.reason ?? null,
      at: decision.at.toISOString(),
      reportVersions: decision.reportVersions ?? {},
    };
    claim.version += 1;
    return 'awaiting_second_approval';
  }
  finalApproval(claim, amount, [officer], decision.reason ?? null);
  return 'approved';
}

/**
 * A decision on a claim whose approval (final or first) was withdrawn replaces
 * that approval: the amount once approved and why it was withdrawn would
 * otherwise stand beside an approval or a rejection they do not describe. The
 * audit trail keeps the withdrawal.
 */
function startAfresh(claim: Claim): void {
  Object.assign(claim, { originallyApprovedKopecks: null, approvalAdjustmentReason: null });
}

function finalApproval(claim: Claim, amount: bigint, deciders: Officer[], reason: string | null): void {
  Object.assign(claim, { approvedKopecks: amount.toString(), decidedBy: deciders, decisionReason: reason });
  startAfresh(claim);
  claim.firstApproval = null;
  changed(claim, 'approved');
}

export function reject(claim: Claim, officer: Officer, reason: string): void {
  requireState(claim, ['under_review'], 'rejected');
  assertMayDecide(claim, officer);
  Object.assign(claim, { decidedBy: [officer], decisionReason: reason, firstApproval: null });
  startAfresh(claim);
  changed(claim, 'rejected');
}

/**
 * An officer revokes an approval not yet paid: the claim ends rejected, as a rejection under review
 * leaves it (no approved amount, free of the company's cap and its quarter, its invoices claimable
 * again), and the revoking officer and their reason stand as its decision. `originallyApprovedKopecks`
 * keeps what the officers had approved (a lowered approval's reason stays beside it); the audit trail
 * keeps who approved. Revoking moves the claim's money as a decision does, so its writers may not.
 * Returns what was reserved for the claim, for the budget to get back.
 */
export function revokeApproval(claim: Claim, officer: Officer, reason: string): bigint {
  requireState(claim, NOT_YET_PAID, 'revoked');
  assertNotOwnWork(claim, officer.userId, 'revokes the approval of');
  const released = BigInt(claim.approvedKopecks!);
  Object.assign(claim, {
    originallyApprovedKopecks: claim.originallyApprovedKopecks ?? claim.approvedKopecks,
    approvedKopecks: null,
    paymentScheduledOn: null,
    decidedBy: [officer],
    decisionReason: reason,
  });
  changed(claim, 'rejected');
  return released;
}

export function returnForInformation(claim: Claim, officer: Officer, reason: string, missing: string[]): void {
  requireState(claim, ['under_review'], 'returned');
  assertMayDecide(claim, officer);
  Object.assign(claim, { decidedBy: [officer], decisionReason: reason, missingItems: missing, firstApproval: null });
  startAfresh(claim);
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
