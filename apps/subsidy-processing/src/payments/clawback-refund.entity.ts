import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Claim } from '../claims/claim.entity';
import { ClawbackPaymentOrder } from './clawback-payment-order.entity';

/** Money paid back to a company that had repaid more than a demand now asks: one row per outgoing payment. */
@Entity('clawback_refund')
@Check('clawback_refund_amount_kopecks_check', 'amount_kopecks > 0')
@Unique('clawback_refund_reference_once', ['claimId', 'reference'])
export class ClawbackRefund extends ClawbackPaymentOrder {
  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'clawback_refund_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @Column({ name: 'refunded_on', type: 'date' })
  refundedOn: string;
}
