import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const VISIBILITIES = ['internal', 'producer'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A note on a claim: `internal` ones are for officers only, `producer` ones the producer sees too. */
@Entity('claim_comment')
export class ClaimComment {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

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
