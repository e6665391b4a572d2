import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import type { RejectionReason, ReportState } from '@redmet/contracts';
import { ReportLine } from './report-line.entity';
import { Report } from './report.entity';

/** One version of a report, kept for good: a correction is a new version, never an edit. */
@Entity('report_version')
@Check('report_version_version_check', 'version > 0')
@Check('report_version_state_check', `state IN ('draft', 'submitted', 'pending', 'accepted', 'rejected')`)
@Check('report_version_signed', `state = 'draft' OR (submitted_at IS NOT NULL AND content_sha256 IS NOT NULL)`)
@Index('report_version_pending', ['submittedAt'], { where: `state = 'pending'` })
export class ReportVersion {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @ManyToOne(() => Report)
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'report_version_report_id_fkey' })
  report?: Report;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  state: ReportState;

  @Column({ name: 'nil_return', type: 'boolean' })
  nilReturn: boolean;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'signed_by_user_id', type: 'text', nullable: true })
  signedByUserId: string | null;

  @Column({ name: 'signed_by_name', type: 'text', nullable: true })
  signedByName: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'content_sha256', type: 'char', length: 64, nullable: true })
  contentSha256: string | null;

  @Column({ name: 'supersedes_version', type: 'int', nullable: true })
  supersedesVersion: number | null;

  @Column({ name: 'amendment_reason', type: 'text', nullable: true })
  amendmentReason: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  reasons: RejectionReason[];

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false, default: () => 'now()' })
  createdAt: Date;

  @OneToMany(() => ReportLine, (line) => line.reportVersion)
  lines: ReportLine[];
}
