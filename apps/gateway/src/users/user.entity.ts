import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ROLES, type Role } from '@redmet/contracts';

@Entity('app_user')
@Check('app_user_roles_check', 'cardinality(roles) > 0')
@Check('app_user_producer_has_company', `NOT ('producer' = ANY (roles)) OR company_id IS NOT NULL`)
export class User {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'petrova' })
  @Column({ type: 'text', unique: true })
  username: string;

  @ApiProperty({ example: 'A. Petrova' })
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @Column({ type: 'text', array: true })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The company a producer acts for' })
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @ApiProperty()
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** How many UserAccessChanged have stated this account's access (0: none yet); bookkeeping, not shown. */
  @Column({ name: 'access_version', type: 'int', default: 0, select: false })
  accessVersion: number;

  /**
   * The previous release's lock-out, which it still uses during a rolling
   * update; `login_failure` has replaced it. Dropped in the next release.
   */
  @Column({ name: 'failed_logins', type: 'int', default: 0, select: false })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true, select: false })
  lockedUntil: Date | null;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ApiProperty()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
