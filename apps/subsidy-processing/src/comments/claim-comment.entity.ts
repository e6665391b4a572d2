import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';

export const VISIBILITIES = ['internal', 'producer'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A note on a claim: `internal` ones are for officers only, `producer` ones the producer sees too. */
@Entity('claim_comment')
@Check('claim_comment_visibility_check', `visibility IN ('internal', 'producer')`)
@Index('claim_comment_claim', ['claimId', 'createdAt'])
export class ClaimComment {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'claim_comment_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ enum: VISIBILITIES })
  @Column({ type: 'text' })
  visibility: Visibility;

  @ApiProperty()
  @Column({ type: 'text' })
  text: string;

  @ApiProperty()
  @Column({ name: 'author_id', type: 'text' })
  authorId: string;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName: string | null;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
