import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { type Actor, CLAIM_STATES, type ClaimSnapshot, type ClaimState } from '@redmet/contracts';
import { Programme } from '../programmes/programme.entity';

/** The first of two approvals of an amount above the four-eyes threshold. */
export interface FirstApproval extends Actor {
  amountKopecks: string;
  reason: string | null;
  at: string;
  /** The accepted version of each relied-on report the first officer saw; a change withdraws the approval. */
  reportVersions?: Record<string, number>;
}

/**
 * A producer's claim for compensation. Its workflow rules live in
 * `claim-workflow.ts`; amounts are integer kopecks (bigint columns, strings here).
 */
@Entity('claim')
@Check('claim_period_check', `period ~ '^\\d{4}-Q[1-4]$'`)
@Check(
  'claim_state_check',
  `state IN ('draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected', 'payment_scheduled', 'paid', 'under_clawback', 'clawed_back')`,
)
@Check('claim_annual_revenue_kopecks_check', 'annual_revenue_kopecks >= 0')
@Check('claim_computed_kopecks_check', 'computed_kopecks >= 0')
@Check('claim_requested_kopecks_check', 'requested_kopecks >= 0')
@Check('claim_approved_kopecks_check', 'approved_kopecks >= 0')
@Check('claim_paid_kopecks_check', 'paid_kopecks >= 0')
@Check('claim_clawback_kopecks_check', 'clawback_kopecks >= 0')
@Check('claim_clawback_settled_kopecks_check', 'clawback_settled_kopecks >= 0')
@Check('claim_originally_approved_kopecks_check', 'originally_approved_kopecks >= 0')
@Check('claim_clawback_coefficient_check', 'clawback_coefficient BETWEEN 0 AND 1')
@Check('claim_approved_within_requested', 'approved_kopecks IS NULL OR approved_kopecks <= requested_kopecks')
@Check('claim_clawback_refunded_kopecks_check', 'clawback_refunded_kopecks >= 0')
@Check(
  'claim_refunded_within_repaid',
  'clawback_refunded_kopecks IS NULL OR clawback_refunded_kopecks <= clawback_settled_kopecks',
)
@Index('claim_one_per_quarter', ['companyId', 'period'], { unique: true, where: `state NOT IN ('draft', 'rejected')` })
@Index('claim_queue', ['state', 'submittedAt'])
@Index('claim_company_year', ['companyId', 'programmeYear'])
@Index('claim_clawback_due', ['clawbackDueOn'], { where: `state = 'under_clawback'` })
@Index('claim_report_ids', ['reportIds'], { type: 'gin' })
export class Claim {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ApiProperty({ example: 2026 })
  @Column({ name: 'programme_year', type: 'int' })
  programmeYear: number;

  @ManyToOne(() => Programme)
  @JoinColumn({ name: 'programme_year', foreignKeyConstraintName: 'claim_programme_year_fkey' })
  programme?: Programme;

  @ApiProperty({ example: '2026-Q1' })
  @Column({ type: 'text' })
  period: string;

  @ApiProperty({ enum: CLAIM_STATES })
  @Column({ type: 'text' })
  state: ClaimState;

  @ApiProperty({ type: [String], description: 'The production reports the claim relies on' })
  @Column({ name: 'report_ids', type: 'uuid', array: true })
  reportIds: string[];

  @ApiProperty({ description: 'Declared: no tax or insurance-contribution arrears' })
  @Column({ name: 'no_tax_arrears', type: 'boolean', default: false })
  noTaxArrears: boolean;

  @ApiProperty({ description: 'Declared: not in liquidation or bankruptcy' })
  @Column({ name: 'not_in_liquidation', type: 'boolean', default: false })
  notInLiquidation: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Declared annual revenue, kopecks' })
  @Column({ name: 'annual_revenue_kopecks', type: 'bigint', nullable: true })
  annualRevenueKopecks: string | null;

  @ApiProperty({ description: 'Σ line compensation before the company cap, kopecks' })
  @Column({ name: 'computed_kopecks', type: 'bigint', default: 0 })
  computedKopecks: string;

  @ApiProperty({ description: 'What the claim asks for: the computed amount within the company cap, kopecks' })
  @Column({ name: 'requested_kopecks', type: 'bigint', default: 0 })
  requestedKopecks: string;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'approved_kopecks', type: 'bigint', nullable: true })
  approvedKopecks: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The amount the officers approved, when a relied-on report lowered it before payment',
  })
  @Column({ name: 'originally_approved_kopecks', type: 'bigint', nullable: true })
  originallyApprovedKopecks: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'Why the approved amount was lowered or an approval withdrawn: a relied-on report changed, or (a first approval) its officer edited the claim after giving it',
  })
  @Column({ name: 'approval_adjustment_reason', type: 'text', nullable: true })
  approvalAdjustmentReason: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'paid_kopecks', type: 'bigint', nullable: true })
  paidKopecks: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The programme rules the amounts were computed under' })
  @Column({ name: 'programme_version', type: 'int', nullable: true })
  programmeVersion: number | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'assigned_to', type: 'jsonb', nullable: true })
  assignedTo: Actor | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Set while an approval above the threshold awaits a second officer',
  })
  @Column({ name: 'first_approval', type: 'jsonb', nullable: true })
  firstApproval: FirstApproval | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'decided_by', type: 'jsonb', nullable: true })
  decidedBy: Actor[] | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @ApiProperty({ type: [String], description: 'What the producer must add (when returned)' })
  @Column({ name: 'missing_items', type: 'text', array: true, default: () => `'{}'` })
  missingItems: string[];

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  @Column({ name: 'payment_scheduled_on', type: 'date', nullable: true })
  paymentScheduledOn: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  @Column({ name: 'paid_on', type: 'date', nullable: true })
  paidOn: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'payment_reference', type: 'text', nullable: true })
  paymentReference: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Total demanded back so far, kopecks' })
  @Column({ name: 'clawback_kopecks', type: 'bigint', nullable: true })
  clawbackKopecks: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Total repaid so far, kopecks' })
  @Column({ name: 'clawback_settled_kopecks', type: 'bigint', nullable: true })
  clawbackSettledKopecks: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Total refunded to the producer so far, kopecks' })
  @Column({ name: 'clawback_refunded_kopecks', type: 'bigint', nullable: true })
  clawbackRefundedKopecks: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'Demanded and not yet repaid, kopecks (kept by the database: demanded − (repaid − refunded), at least 0)',
  })
  @Column({
    name: 'clawback_outstanding_kopecks',
    type: 'bigint',
    nullable: true,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression:
      'clawback_kopecks - least(coalesce(clawback_settled_kopecks, 0) - coalesce(clawback_refunded_kopecks, 0), clawback_kopecks)',
  })
  clawbackOutstandingKopecks: string | null;

  @ApiProperty({
    example: '0',
    description:
      'Repaid beyond what the demand now is and not yet refunded, kopecks: owed back to the producer (kept by the database)',
  })
  @Column({
    name: 'clawback_refund_due_kopecks',
    type: 'bigint',
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression:
      'greatest(coalesce(clawback_settled_kopecks, 0) - coalesce(clawback_refunded_kopecks, 0) - coalesce(clawback_kopecks, 0), 0)',
  })
  clawbackRefundDueKopecks: string;

  @ApiPropertyOptional({ nullable: true, example: '0.046501' })
  @Column({ name: 'clawback_coefficient', type: 'numeric', nullable: true })
  clawbackCoefficient: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'clawback_reason', type: 'text', nullable: true })
  clawbackReason: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  @Column({ name: 'clawback_demanded_on', type: 'date', nullable: true })
  clawbackDemandedOn: string | null;

  @ApiPropertyOptional({
    nullable: true,
    format: 'date',
    description: 'The last day to repay what is outstanding; overdue after it (`GET /claims?clawbackOverdue=true`)',
  })
  @Column({ name: 'clawback_due_on', type: 'date', nullable: true })
  clawbackDueOn: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date', description: 'The day the demand was repaid in full' })
  @Column({ name: 'clawback_settled_on', type: 'date', nullable: true })
  clawbackSettledOn: string | null;

  @ApiProperty()
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @ApiProperty()
  @Column({ name: 'last_edited_by', type: 'text' })
  lastEditedBy: string;

  @ApiProperty({
    type: [String],
    description:
      'Everyone who created, edited or submitted the claim or uploaded a document to it: none of them may decide it',
  })
  @Column({ name: 'edited_by', type: 'text', array: true, default: () => `'{}'` })
  editedBy: string[];

  @ApiProperty({
    description:
      'Under review with an assignee who created, edited or submitted it or uploaded a document to it, and so may not ' +
      'decide it (four eyes): the assignee or an admin hands it on (`POST /claims/:id/reassign`). Kept by the database',
  })
  @Column({
    name: 'needs_another_officer',
    type: 'boolean',
    insert: false,
    update: false,
    generatedType: 'STORED',
    // Migration 1764401900000 has this expression; `isOwnWork` in claim-state.ts is the same rule for a decider.
    asExpression:
      "coalesce(state = 'under_review' AND (assigned_to ->> 'userId' = created_by OR assigned_to ->> 'userId' = ANY (edited_by)), false)",
  })
  needsAnotherOfficer: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Last (re)submission; the queue ages from here' })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'First submission: the cut-off is about it, so a claim returned for information may answer after it',
  })
  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt: Date | null;

  @ApiProperty({ description: 'Increases with every change' })
  @Column({ type: 'int' })
  version: number;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ApiProperty()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  toSnapshot(): ClaimSnapshot {
    return {
      claimId: this.id,
      companyId: this.companyId,
      programmeYear: this.programmeYear,
      period: this.period,
      state: this.state,
      requestedKopecks: this.requestedKopecks,
      approvedKopecks: this.approvedKopecks,
      paidKopecks: this.paidKopecks,
      reportIds: this.reportIds,
      version: this.version,
    };
  }
}
