import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Claim } from '../claims/claim.entity';
import { ClawbackPaymentOrder } from './clawback-payment-order.entity';

/** Money a company paid back against a clawback demand: one row per incoming payment. */
@Entity('clawback_repayment')
@Check('clawback_repayment_amount_kopecks_check', 'amount_kopecks > 0')
@Unique('clawback_repayment_reference_once', ['claimId', 'reference'])
export class ClawbackRepayment extends ClawbackPaymentOrder {
  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'clawback_repayment_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @Column({ name: 'repaid_on', type: 'date' })
  repaidOn: string;
}
