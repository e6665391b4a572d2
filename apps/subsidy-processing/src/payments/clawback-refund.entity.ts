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

/** Money paid back to a company that had repaid more than a demand now asks: one row per outgoing payment, never changed. */
@Entity('clawback_refund')
@Check('clawback_refund_amount_kopecks_check', 'amount_kopecks > 0')
@Unique('clawback_refund_reference_once', ['claimId', 'reference'])
export class ClawbackRefund {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'clawback_refund_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ example: '2500000', description: 'Kopecks' })
  @Column({ name: 'amount_kopecks', type: 'bigint' })
  amountKopecks: string;

  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @Column({ name: 'refunded_on', type: 'date' })
  refundedOn: string;

  @ApiProperty({ example: 'PP-2026-005120', description: 'The outgoing payment order; once per claim' })
  @Column({ type: 'text' })
  reference: string;

  @ApiProperty({ description: 'The finance officer who recorded it' })
  @Column({ name: 'recorded_by', type: 'jsonb' })
  recordedBy: Actor;

  @ApiProperty()
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
