import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportState } from '@redmet/contracts';

/** A report of one company for one site and period; its content lives in its versions. */
@Entity('report')
@Check('report_state_check', `state IN ('draft', 'submitted', 'pending', 'accepted', 'rejected')`)
@Index('report_company_period', ['companyId', 'period'])
@Index('report_site_period', ['siteId', 'period'])
@Index('report_deposit_period', ['depositId', 'period'])
@Index('report_created', ['createdAt', 'id'])
export class Report {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId: string | null;

  @Column({ name: 'deposit_id', type: 'uuid', nullable: true })
  depositId: string | null;

  /** Its facility, or its deposit when it names no facility: kept by the database. */
  @Column({
    name: 'site_id',
    type: 'uuid',
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: 'coalesce(facility_id, deposit_id)',
  })
  siteId: string;

  @Column({ type: 'text' })
  period: string;

  /** The state of the latest version. */
  @Column({ type: 'text' })
  state: ReportState;

  @Column({ name: 'latest_version', type: 'int' })
  latestVersion: number;

  /** The version whose figures stand; null until one is accepted. */
  @Column({ name: 'accepted_version', type: 'int', nullable: true })
  acceptedVersion: number | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false, default: () => 'now()' })
  updatedAt: Date;
}
