import { ApiProperty } from '@nestjs/swagger';
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
import type { Actor } from '@redmet/contracts';
import { Claim } from '../claims/claim.entity';

/** Money a company paid back against a clawback demand: one row per incoming payment, never changed. */
@Entity('clawback_repayment')
@Check('clawback_repayment_amount_kopecks_check', 'amount_kopecks > 0')
@Unique('clawback_repayment_reference_once', ['claimId', 'reference'])
export class ClawbackRepayment {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'clawback_repayment_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ example: '50000000', description: 'Kopecks' })
  @Column({ name: 'amount_kopecks', type: 'bigint' })
  amountKopecks: string;

  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @Column({ name: 'repaid_on', type: 'date' })
  repaidOn: string;

  @ApiProperty({ example: 'PP-IN-2026-000231', description: 'The incoming payment order; once per claim' })
  @Column({ type: 'text' })
  reference: string;

  @ApiProperty({ description: 'The finance officer who recorded it' })
  @Column({ name: 'recorded_by', type: 'jsonb' })
  recordedBy: Actor;

  @ApiProperty()
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
