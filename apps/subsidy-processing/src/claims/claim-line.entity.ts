import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CLAIM_LINE_BASES, type ClaimLineBasis, type CostCategory } from '@redmet/contracts';
import { Claim } from './claim.entity';

/**
 * One basis of compensation: a cost (category, amount, document) or a
 * discounted sale to a domestic buyer (product, quantity, sales-policy and
 * invoiced price per unit excl. VAT, buyer, invoice).
 */
@Entity('claim_line')
@Check('claim_line_line_no_check', 'line_no >= 1')
@Check('claim_line_basis_check', `basis IN ('cost', 'discount')`)
@Check('claim_line_amount_kopecks_check', 'amount_kopecks >= 0')
@Check('claim_line_quantity_check', 'quantity > 0')
@Check('claim_line_policy_price_kopecks_check', 'policy_price_kopecks >= 0')
@Check('claim_line_invoiced_price_kopecks_check', 'invoiced_price_kopecks >= 0')
@Check('claim_line_basis_kopecks_check', 'basis_kopecks >= 0')
@Check('claim_line_compensation_kopecks_check', 'compensation_kopecks >= 0')
export class ClaimLine {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'claim_line_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty()
  @PrimaryColumn({ name: 'line_no', type: 'int' })
  lineNo: number;

  @ApiProperty({ enum: CLAIM_LINE_BASES })
  @Column({ type: 'text' })
  basis: ClaimLineBasis;

  @ApiPropertyOptional({ nullable: true })
  @Column({ type: 'text', nullable: true })
  category: CostCategory | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Cost amount excl. VAT, kopecks' })
  @Column({ name: 'amount_kopecks', type: 'bigint', nullable: true })
  amountKopecks: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'product_code', type: 'text', nullable: true })
  productCode: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Units sold, decimal string' })
  @Column({ type: 'numeric', nullable: true })
  quantity: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Sales-policy price per unit excl. VAT, kopecks' })
  @Column({ name: 'policy_price_kopecks', type: 'bigint', nullable: true })
  policyPriceKopecks: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Invoiced price per unit excl. VAT, kopecks' })
  @Column({ name: 'invoiced_price_kopecks', type: 'bigint', nullable: true })
  invoicedPriceKopecks: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'buyer_name', type: 'text', nullable: true })
  buyerName: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'buyer_inn', type: 'text', nullable: true })
  buyerInn: string | null;

  @ApiProperty({ description: 'Invoice or cost document number; claimed once per company' })
  @Column({ name: 'document_number', type: 'text' })
  documentNumber: string;

  /** The number as compared for duplicates: spaces removed, upper case. */
  @Column({ name: 'document_key', type: 'text', select: true })
  documentKey: string;

  @ApiProperty({ description: 'Cost amount, or (policy − invoiced price) × quantity rounded down; kopecks' })
  @Column({ name: 'basis_kopecks', type: 'bigint', default: 0 })
  basisKopecks: string;

  @ApiProperty({ example: '0.35' })
  @Column({ type: 'numeric' })
  rate: string;

  @ApiProperty({ description: 'basis × rate, rounded down to the kopeck' })
  @Column({ name: 'compensation_kopecks', type: 'bigint', default: 0 })
  compensationKopecks: string;
}
