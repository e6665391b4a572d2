import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor } from '@redmet/contracts';

/** What a repayment and a refund both record: one payment order of a claim's clawback, never changed. */
export abstract class ClawbackPaymentOrder {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ApiProperty({ example: '50000000', description: 'Kopecks' })
  @Column({ name: 'amount_kopecks', type: 'bigint' })
  amountKopecks: string;

  @ApiProperty({ example: 'PP-2026-000231', description: 'The payment order; once per claim' })
  @Column({ type: 'text' })
  reference: string;

  @ApiProperty({ description: 'The finance officer who recorded it' })
  @Column({ name: 'recorded_by', type: 'jsonb' })
  recordedBy: Actor;

  @ApiProperty()
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
