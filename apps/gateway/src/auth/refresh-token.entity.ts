import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * Only the SHA-256 of a refresh token is stored. Each use spends it and
 * issues the next of its session (rotation); a spent one is kept until it
 * expires, so that using it again is seen.
 */
@Entity('refresh_token')
@Index('refresh_token_user', ['userId'])
@Index('refresh_token_session', ['sessionId'])
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'refresh_token_user_id_fkey' })
  user?: User;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** One per login: every token refreshed from it carries it on. */
  @Column({ name: 'session_id', type: 'uuid' })
  @Generated('uuid')
  sessionId: string;

  /** The login's time: no refresh extends the session past `AUTH_SESSION_MAX_SECONDS` from it. */
  @Column({ name: 'session_started_at', type: 'timestamptz', default: () => 'now()' })
  sessionStartedAt: Date;

  @Column({ name: 'spent_at', type: 'timestamptz', nullable: true })
  spentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
