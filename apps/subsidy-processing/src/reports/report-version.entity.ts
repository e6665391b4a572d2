import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportLine, ReportState } from '@redmet/contracts';

/** One version of a production report as the reporting service published it (this service's copy). */
@Entity('report_version')
// On (report_id, version DESC) WHERE state = 'accepted': TypeORM cannot declare a column's sort order,
// so the migration keeps it.
@Index('report_version_accepted', { synchronize: false })
export class ReportVersion {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @ApiProperty()
  @PrimaryColumn({ type: 'int' })
  version: number;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ApiProperty({ example: '2026-Q1' })
  @Column({ type: 'text' })
  period: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @Column({ name: 'facility_id', type: 'uuid', nullable: true })
  facilityId: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @Column({ name: 'deposit_id', type: 'uuid', nullable: true })
  depositId: string | null;

  @ApiProperty({ example: 'accepted' })
  @Column({ type: 'text' })
  state: ReportState;

  @ApiProperty()
  @Column({ name: 'state_at', type: 'timestamptz' })
  stateAt: Date;

  @ApiProperty()
  @Column({ name: 'nil_return', type: 'boolean' })
  nilReturn: boolean;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @Column({ type: 'jsonb' })
  lines: ReportLine[];

  @ApiProperty({ example: '645.15', description: 'Σ metal content of the lines, tonnes' })
  @Column({ name: 'metal_content_tonnes', type: 'numeric' })
  metalContentTonnes: string;

  @ApiProperty({ example: '2150.5', description: 'Σ quantity of the lines, in tonnes' })
  @Column({ name: 'quantity_tonnes', type: 'numeric' })
  quantityTonnes: string;
}
