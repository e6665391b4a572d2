import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor } from '@redmet/contracts';

/** Money a company paid back against a clawback demand: one row per incoming payment, never changed. */
@Entity('clawback_repayment')
export class ClawbackRepayment {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

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
