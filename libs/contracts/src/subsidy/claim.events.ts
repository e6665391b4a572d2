import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';
import { Actor, ISO_DATE } from '../values/common';
import { QUARTER_PATTERN } from '../values/period';
import { IsKopecks } from '../values/quantities';
import { CLAIM_STATES, type ClaimState } from '../vocabulary/claim-states';

/** A share of an amount (k): a decimal string from 0 to 1 with up to six decimals. */
const IsShare = () =>
  Matches(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, { message: '$property must be a decimal between 0 and 1' });

/** A claim as it is after the change; amounts are integer kopecks in strings. */
export class ClaimSnapshot {
  @IsUUID()
  claimId: string;

  @IsUUID()
  companyId: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;

  /** The quarter claimed for, e.g. `2026-Q2`. */
  @Matches(QUARTER_PATTERN, { message: '$property must be a quarter (YYYY-Qn)' })
  period: string;

  @IsIn(CLAIM_STATES)
  state: ClaimState;

  @IsKopecks()
  requestedKopecks: string;

  @IsOptional()
  @IsKopecks()
  approvedKopecks?: string | null;

  @IsOptional()
  @IsKopecks()
  paidKopecks?: string | null;

  /** The accepted production reports the claim relies on. */
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  reportIds: string[];

  @IsInt()
  @Min(1)
  version: number;
}

export class ClaimDecisionPayload extends ClaimSnapshot {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Actor)
  decidedBy: Actor[];

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string | null;
}

export class ClaimPaidPayload extends ClaimSnapshot {
  @IsISO8601(ISO_DATE)
  paidOn: string;
}

export class ClaimClawbackPayload extends ClaimSnapshot {
  @IsKopecks()
  clawbackKopecks: string;

  /** Share of the subsidy to return, from planned vs actual results (decimal string, 0..1). */
  @IsShare()
  coefficient: string;

  @IsString()
  @Length(1, 2000)
  reason: string;

  @IsISO8601(ISO_DATE)
  dueOn: string;

  /**
   * What is still to be refunded to the producer after this demand: a larger demand made after a reduction
   * below what was repaid first eats into the refund due (no money moves). Absent from older producers: 0.
   */
  @IsOptional()
  @IsKopecks()
  refundDueKopecks?: string;
}

export class ClaimTakenPayload extends ClaimSnapshot {
  /** The officer who took the claim for review; the first decision is theirs. */
  @ValidateNested()
  @Type(() => Actor)
  assignedTo: Actor;
}

export class ClaimPaymentScheduledPayload extends ClaimSnapshot {
  @IsISO8601(ISO_DATE)
  scheduledOn: string;
}

export class ClaimClawbackSettledPayload extends ClaimSnapshot {
  /** What was returned; the budget gets it back (BudgetReleased). */
  @IsKopecks()
  clawbackKopecks: string;

  @IsISO8601(ISO_DATE)
  settledOn: string;
}

export class ClaimApprovalReducedPayload extends ClaimSnapshot {
  /** The approved amount before this reduction; `approvedKopecks` is the amount after it. */
  @IsKopecks()
  previousApprovedKopecks: string;

  /** What went back to the budget (BudgetReleased). */
  @IsKopecks()
  releasedKopecks: string;

  /** The share of the approved amount taken off, as a clawback would after payment (decimal string, 0..1). */
  @IsShare()
  coefficient: string;

  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ClaimApprovalRaisedPayload extends ClaimSnapshot {
  /** The approved amount before this raise; `approvedKopecks` is the amount after it, never above what the officers approved. */
  @IsKopecks()
  previousApprovedKopecks: string;

  /** What was taken from the budget again (BudgetReserved). */
  @IsKopecks()
  reservedKopecks: string;

  /** The share of the officers' amount still taken off by what the reports support now (decimal string, 0..1). */
  @IsShare()
  coefficient: string;

  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ClaimApprovalWithdrawnPayload extends ClaimSnapshot {
  /**
   * The whole approved amount, back in the budget (BudgetReleased); the claim is under review again.
   * 0 when only the first of two approvals is withdrawn (nothing was reserved yet).
   */
  @IsKopecks()
  releasedKopecks: string;

  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ClaimClawbackRepaidPayload extends ClaimSnapshot {
  @IsUUID()
  repaymentId: string;

  /** This repayment; the budget gets it back (BudgetReleased). */
  @IsKopecks()
  amountKopecks: string;

  @IsISO8601(ISO_DATE)
  repaidOn: string;

  /** Total demanded so far. */
  @IsKopecks()
  clawbackKopecks: string;

  /** Total repaid so far, this repayment included. */
  @IsKopecks()
  repaidKopecks: string;

  /** Still to repay; 0 when the demand is settled (then ClaimClawbackSettled follows). */
  @IsKopecks()
  outstandingKopecks: string;

  @IsISO8601(ISO_DATE)
  dueOn: string;
}

export class ClaimClawbackReducedPayload extends ClaimSnapshot {
  /** Total demanded before this reduction. */
  @IsKopecks()
  previousClawbackKopecks: string;

  /** Total demanded now: what the facts known now call for, possibly less than already repaid (see refundDueKopecks). */
  @IsKopecks()
  clawbackKopecks: string;

  /** k now, from planned vs actual results and the relied-on reports (decimal string, 0..1). */
  @IsShare()
  coefficient: string;

  @IsString()
  @Length(1, 2000)
  reason: string;

  /** Repaid so far, in total (refunds are not subtracted). */
  @IsKopecks()
  repaidKopecks: string;

  /** Still to repay; 0 when the demand is withdrawn (state `paid`) or now settled (then ClaimClawbackSettled follows). */
  @IsKopecks()
  outstandingKopecks: string;

  /** null when nothing is left to repay. */
  @IsOptional()
  @IsISO8601(ISO_DATE)
  dueOn?: string | null;

  /**
   * Repaid beyond the demand now, less what was refunded already: the programme owes it back to the producer
   * (finance records the refund: ClaimClawbackRefunded). Absent from older producers, which never went below
   * what was repaid: 0.
   */
  @IsOptional()
  @IsKopecks()
  refundDueKopecks?: string;
}

export class ClaimClawbackRefundedPayload extends ClaimSnapshot {
  @IsUUID()
  refundId: string;

  /** This refund; the budget pays it out again (BudgetReserved). */
  @IsKopecks()
  amountKopecks: string;

  @IsISO8601(ISO_DATE)
  refundedOn: string;

  /** Total demanded now. */
  @IsKopecks()
  clawbackKopecks: string;

  /** Total repaid so far (refunds are not subtracted). */
  @IsKopecks()
  repaidKopecks: string;

  /** Total refunded so far, this refund included: the programme keeps repaidKopecks − refundedKopecks. */
  @IsKopecks()
  refundedKopecks: string;

  /** Still to refund; 0 when the refund due is paid in full. */
  @IsKopecks()
  refundDueKopecks: string;
}

export class ClaimReassignedPayload extends ClaimSnapshot {
  /** The officer the claim is now with; the next decision is theirs. */
  @ValidateNested()
  @Type(() => Actor)
  assignedTo: Actor;

  @IsOptional()
  @ValidateNested()
  @Type(() => Actor)
  previouslyAssignedTo?: Actor | null;

  @ValidateNested()
  @Type(() => Actor)
  reassignedBy: Actor;

  @IsString()
  @Length(1, 2000)
  reason: string;
}

const claimEvent = topicEvents(TOPICS.subsidyClaim, 1);

export const ClaimSubmitted = claimEvent(
  'ClaimSubmitted',
  ClaimSnapshot,
  'A producer submitted a claim (or resubmitted a returned one).',
);
export const ClaimTakenForReview = claimEvent(
  'ClaimTakenForReview',
  ClaimTakenPayload,
  'An officer took a submitted claim for review.',
);
export const ClaimReturned = claimEvent(
  'ClaimReturned',
  ClaimDecisionPayload,
  'An officer returned a claim to the producer, saying what is missing.',
);
export const ClaimApproved = claimEvent(
  'ClaimApproved',
  ClaimDecisionPayload,
  'A claim was approved (amount possibly reduced, with the reason); the money is reserved from the budget.',
);
export const ClaimRejected = claimEvent(
  'ClaimRejected',
  ClaimDecisionPayload,
  'A claim was rejected, with the reason.',
);
export const ClaimPaymentScheduled = claimEvent(
  'ClaimPaymentScheduled',
  ClaimPaymentScheduledPayload,
  'Finance scheduled the payment of an approved claim.',
);
export const ClaimPaid = claimEvent('ClaimPaid', ClaimPaidPayload, 'Finance paid an approved claim.');
export const ClaimClawbackDemanded = claimEvent(
  'ClaimClawbackDemanded',
  ClaimClawbackPayload,
  'Part of a paid subsidy must be returned (a relied-on report amended down or rejected, or results missed).',
);
export const ClaimClawbackSettled = claimEvent(
  'ClaimClawbackSettled',
  ClaimClawbackSettledPayload,
  'The demanded part of a subsidy was returned; the money goes back to the budget.',
);
export const ClaimApprovalReduced = claimEvent(
  'ClaimApprovalReduced',
  ClaimApprovalReducedPayload,
  'A relied-on report went down before payment: the approved amount was reduced and the difference released.',
);
export const ClaimApprovalRaised = claimEvent(
  'ClaimApprovalRaised',
  ClaimApprovalRaisedPayload,
  'A relied-on report went back up before payment: an approved amount lowered for it was raised again (at most to what the officers approved) and the difference reserved.',
);
export const ClaimApprovalWithdrawn = claimEvent(
  'ClaimApprovalWithdrawn',
  ClaimApprovalWithdrawnPayload,
  'An approval no longer stands and the claim is under review again: nothing a relied-on report supports is left before payment (the reservation released), or a pending first approval was withdrawn (nothing released) because a relied-on report changed or its officer edited the claim after giving it.',
);
export const ClaimClawbackRepaid = claimEvent(
  'ClaimClawbackRepaid',
  ClaimClawbackRepaidPayload,
  'Finance recorded a (possibly partial) repayment of a clawback demand; the money goes back to the budget.',
);
export const ClaimClawbackReduced = claimEvent(
  'ClaimClawbackReduced',
  ClaimClawbackReducedPayload,
  'A clawback demand was lowered (or withdrawn) because what it was judged on changed: corrected results, a relied-on report amended back up.',
);
export const ClaimClawbackRefunded = claimEvent(
  'ClaimClawbackRefunded',
  ClaimClawbackRefundedPayload,
  'Finance paid back to the producer (possibly in part) what it had repaid beyond a demand that came down; the money leaves the budget again.',
);
export const ClaimReassigned = claimEvent(
  'ClaimReassigned',
  ClaimReassignedPayload,
  'A claim under review was handed to another officer, with the reason.',
);
