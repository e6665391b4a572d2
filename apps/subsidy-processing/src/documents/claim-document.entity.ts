import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A supporting document, kept in the database with its SHA-256 so what was submitted can be proven later. */
@Entity('claim_document')
export class ClaimDocument {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

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
