import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export type NoticeOutcome = 'sent' | 'skipped';

/**
 * A reminder or miss the deadline check has dealt with, written in the
 * transaction that adds its event: the key makes each go out once, however
 * often and on however many instances the check runs.
 */
@Entity('deadline_notice')
@Check('deadline_notice_outcome_check', `outcome IN ('sent', 'skipped')`)
export class DeadlineNotice {
  @PrimaryColumn({ name: 'obligation_id', type: 'text' })
  obligationId: string;

  /** `reminder-7`, `reminder-0`, `missed`. */
  @PrimaryColumn({ type: 'text' })
  notice: string;

  @Column({ type: 'text' })
  outcome: NoticeOutcome;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId: string | null;

  @Column({ name: 'deposit_id', type: 'uuid', nullable: true })
  depositId: string | null;

  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  /** The check's "today". */
  @Column({ name: 'checked_on', type: 'date' })
  checkedOn: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false, default: () => 'now()' })
  recordedAt: Date;
}
