import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Programme } from '../programmes/programme.entity';

export class ResultsFigures {
  @ApiProperty({ example: 'REO output, t' })
  indicator: string;

  @ApiPropertyOptional({ nullable: true, example: '1000' })
  planned: string | null;

  @ApiProperty({ example: '800' })
  actual: string;
}

/** An officer's correction of recorded results: the figures before and after, who, when and why. */
export class ResultsCorrection {
  @ApiProperty()
  correctedAt: string;

  @ApiProperty({ example: 'u-officer-smirnov' })
  correctedBy: string;

  @ApiPropertyOptional({ nullable: true, example: 'I. Smirnov' })
  correctedByName: string | null;

  @ApiProperty({ example: 'Output per the audited annual accounts' })
  reason: string;

  @ApiProperty({ type: ResultsFigures })
  previous: ResultsFigures;

  @ApiProperty({ type: ResultsFigures })
  corrected: ResultsFigures;
}

/** A company's results for a programme year: planned (set by an officer) against actual. */
@Entity('results_report')
@Check('results_report_planned_check', 'planned > 0')
@Check('results_report_actual_check', 'actual >= 0')
@Check('results_report_shortfall_check', 'shortfall BETWEEN 0 AND 1')
@Check('results_report_shortfall_with_plan', '(planned IS NULL) = (shortfall IS NULL)')
@Unique('results_report_once', ['companyId', 'programmeYear'])
export class ResultsReport {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ApiProperty({ example: 2026 })
  @Column({ name: 'programme_year', type: 'int' })
  programmeYear: number;

  @ManyToOne(() => Programme)
  @JoinColumn({ name: 'programme_year', foreignKeyConstraintName: 'results_report_programme_year_fkey' })
  programme?: Programme;

  @ApiProperty({ example: 'REO output, t' })
  @Column({ type: 'text' })
  indicator: string;

  @ApiPropertyOptional({
    nullable: true,
    example: '1000',
    description: "The subsidy agreement's target, set by a subsidy officer; null until one has",
  })
  @Column({ type: 'numeric', nullable: true })
  planned: string | null;

  @ApiProperty({ example: '800' })
  @Column({ type: 'numeric' })
  actual: string;

  @ApiPropertyOptional({
    nullable: true,
    example: '0.2',
    description:
      "1 − actual/planned below plan, else 0 (six decimals, rounded down); null without a plan. Each paid claim's k " +
      'applies the multiplier of the programme version the claim was priced under',
  })
  @Column({ type: 'numeric', nullable: true })
  shortfall: string | null;

  @ApiProperty({ format: 'date', example: '2027-02-01' })
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @ApiProperty({ format: 'date' })
  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn: string;

  @ApiProperty()
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @ApiProperty()
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @ApiProperty({ type: ResultsCorrection, isArray: true, description: 'Oldest first; the audit trail has them too' })
  @Column({ type: 'jsonb', default: () => `'[]'` })
  corrections: ResultsCorrection[];
}
