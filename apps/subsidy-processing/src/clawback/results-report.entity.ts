import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A company's results for a programme year: planned against actual, and the k they give. */
@Entity('results_report')
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

  @ApiProperty({ example: 'REO output, t' })
  @Column({ type: 'text' })
  indicator: string;

  @ApiProperty({ example: '1000' })
  @Column({ type: 'numeric' })
  planned: string;

  @ApiProperty({ example: '800' })
  @Column({ type: 'numeric' })
  actual: string;

  @ApiProperty({ example: '0.2', description: 'k = min(1, multiplier × (1 − actual/planned)) below plan, else 0' })
  @Column({ type: 'numeric' })
  coefficient: string;

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
}
