import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The failed logins of one username from all client addresses together,
 * whether or not an account has that name: answers to a name nobody has must
 * follow the same sequence as answers to an account's, or a lock-out would
 * tell which names exist. A lock here refuses every address.
 */
@Entity('login_failure')
@Index('login_failure_expires', ['expiresAt'])
export class LoginFailure {
  /** SHA-256 of the username as typed: people type their password into the username field. */
  @PrimaryColumn({ name: 'username_hash', type: 'text' })
  usernameHash: string;

  /** Failures at any address since the run began or the last lock-out; a success does not end the run. */
  @Column({ type: 'int' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** From then on the row means nothing (no failures, no lock) and may be deleted. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
