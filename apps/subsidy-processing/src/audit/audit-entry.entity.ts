import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_SUBJECTS = ['claim', 'programme', 'results_report'] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

/** Who did what to which record, when and why. Rows are only ever inserted (a trigger refuses the rest). */
@Entity('audit_entry')
@Index('audit_entry_subject', ['subjectType', 'subjectId', 'id'])
export class AuditEntry {
  @ApiProperty()
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ApiProperty({ enum: AUDIT_SUBJECTS })
  @Column({ name: 'subject_type', type: 'text' })
  subjectType: AuditSubject;

  @ApiProperty()
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @ApiProperty({ example: 'claim.approved' })
  @Column({ type: 'text' })
  action: string;

  @ApiProperty({ description: '`system` for changes caused by an event' })
  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  @ApiProperty()
  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles: string[];

  @ApiProperty({ description: 'The fields that changed, with their new values' })
  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The event that caused the change' })
  @Column({ name: 'causation_id', type: 'uuid', nullable: true })
  causationId: string | null;

  @ApiProperty()
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
