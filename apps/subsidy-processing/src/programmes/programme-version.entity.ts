import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Programme } from './programme.entity';
import { CLAWBACK_BASES, type ClawbackBasis, type ProgrammeRules, type Rates } from './programme-rules';

/** One version of a programme year's rules; never changed once written (a change is a new version). */
@Entity('programme_version')
@Check('programme_version_version_check', 'version >= 1')
@Check('programme_version_total_kopecks_check', 'total_kopecks >= 0')
@Check('programme_version_company_cap_kopecks_check', 'company_cap_kopecks >= 0')
@Check('programme_version_four_eyes_threshold_kopecks_check', 'four_eyes_threshold_kopecks >= 0')
@Check('programme_version_min_revenue_multiple_check', 'min_revenue_multiple >= 0')
@Check('programme_version_clawback_basis_check', `clawback_basis IN ('metal_content', 'quantity')`)
@Check('programme_version_clawback_multiplier_check', 'clawback_multiplier >= 0')
@Check('programme_version_clawback_due_working_days_check', 'clawback_due_working_days >= 1')
export class ProgrammeVersion implements ProgrammeRules {
  @ApiProperty({ example: 2026 })
  @PrimaryColumn({ type: 'int' })
  year: number;

  @ManyToOne(() => Programme)
  @JoinColumn({ name: 'year', foreignKeyConstraintName: 'programme_version_year_fkey' })
  programme?: Programme;

  @ApiProperty({ example: 1 })
  @PrimaryColumn({ type: 'int' })
  version: number;

  @ApiProperty({ format: 'date', description: 'The rules apply to actions on and after this day' })
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @ApiProperty({ example: '107000000000', description: 'kopecks; takes effect on the budget at once' })
  @Column({ name: 'total_kopecks', type: 'bigint' })
  totalKopecks: string;

  @ApiProperty({ example: ['RE-COMPOUNDS'] })
  @Column({ name: 'eligible_product_codes', type: 'text', array: true })
  eligibleProductCodes: string[];

  @ApiProperty({ example: { equipment: '0.5', buyer_discount: '0.35' } })
  @Column({ type: 'jsonb' })
  rates: Rates;

  @ApiProperty({ example: '15000000000', description: 'kopecks per company per year' })
  @Column({ name: 'company_cap_kopecks', type: 'bigint' })
  companyCapKopecks: string;

  @ApiProperty({ format: 'date', description: 'Last day a claim of the year may be submitted' })
  @Column({ name: 'claim_cutoff', type: 'date' })
  claimCutoff: string;

  @ApiProperty({ example: '1000000000', description: 'Approvals above this need a second officer (kopecks)' })
  @Column({ name: 'four_eyes_threshold_kopecks', type: 'bigint' })
  fourEyesThresholdKopecks: string;

  @ApiProperty({ example: '2', description: 'Annual revenue must be at least this many times the subsidy' })
  @Column({ name: 'min_revenue_multiple', type: 'numeric' })
  minRevenueMultiple: string;

  @ApiProperty({ enum: CLAWBACK_BASES })
  @Column({ name: 'clawback_basis', type: 'text' })
  clawbackBasis: ClawbackBasis;

  @ApiProperty({ example: '1', description: 'k = min(1, multiplier × relative shortfall)' })
  @Column({ name: 'clawback_multiplier', type: 'numeric' })
  clawbackMultiplier: string;

  @ApiProperty({ example: 10 })
  @Column({ name: 'clawback_due_working_days', type: 'int' })
  clawbackDueWorkingDays: number;

  @ApiProperty({ format: 'date', example: '2027-02-01' })
  @Column({ name: 'results_due_on', type: 'date' })
  resultsDueOn: string;

  @ApiProperty()
  @Column({ type: 'text' })
  reason: string;

  @ApiProperty()
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
