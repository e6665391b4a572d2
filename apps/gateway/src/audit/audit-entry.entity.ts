import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'login_succeeded',
  'login_failed',
  'account_locked',
  'account_unlocked',
  'user_created',
  'roles_changed',
  'password_reset',
  'user_disabled',
  'user_enabled',
  'refresh_token_reused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only: the migration forbids UPDATE and DELETE on this table. */
@Entity('auth_audit')
@Index('auth_audit_subject', ['subject', 'at'])
export class AuditEntry {
  @ApiProperty()
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ApiProperty()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  @Column({ type: 'text' })
  action: AuditAction;

  @ApiPropertyOptional({ nullable: true, description: 'Who did it (null for a failed login of an unknown name)' })
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The account it concerns' })
  @Column({ name: 'subject', type: 'text', nullable: true })
  subject: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;

  @ApiProperty()
  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
