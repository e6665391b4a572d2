import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Licence } from './licence.entity';

export type NoticeOutcome = 'sent' | 'skipped';

/**
 * A notice period the expiry check has dealt with for a licence, written in the
 * transaction that adds the `LicenceExpiring` event: its key is what makes
 * each notice go out once, however often and on however many instances the check runs.
 */
@Entity('licence_expiry_notice')
@Check('licence_expiry_notice_days_before_check', 'days_before > 0')
@Check('licence_expiry_notice_outcome_check', `outcome IN ('sent', 'skipped')`)
export class LicenceExpiryNotice {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @ManyToOne(() => Licence)
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'licence_expiry_notice_licence_id_fkey' })
  licence?: Licence;

  @PrimaryColumn({ name: 'days_before', type: 'int' })
  daysBefore: number;

  @Column({ type: 'text' })
  outcome: NoticeOutcome;

  /** The check's "today". */
  @Column({ name: 'checked_on', type: 'date' })
  checkedOn: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
