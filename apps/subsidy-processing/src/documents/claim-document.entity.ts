import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';

/** A supporting document, kept in the database with its SHA-256 so what was submitted can be proven later. */
@Entity('claim_document')
@Check('claim_document_size_bytes_check', 'size_bytes > 0')
@Check('claim_document_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Index('claim_document_claim', ['claimId', 'uploadedAt'])
export class ClaimDocument {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @ManyToOne(() => Claim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'claim_document_claim_id_fkey' })
  claim?: Claim;

  @ApiProperty({ example: 'invoice-2026-0012.pdf' })
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @ApiProperty()
  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @ApiProperty({ example: '9f2b5c0e…' })
  @Column({ type: 'text' })
  sha256: string;

  /** Not listed; read only to download. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @ApiProperty()
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @ApiProperty()
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
