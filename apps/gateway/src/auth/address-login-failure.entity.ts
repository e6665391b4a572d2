import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The failed logins in a row at one username from one client address, an
 * account's name or not. A lock here refuses that address only, so a
 * stranger failing on purpose does not lock the holder out elsewhere;
 * `login_failure` counts the name's failures at all addresses together.
 */
@Entity('login_failure_by_address')
@Index('login_failure_by_address_expires', ['expiresAt'])
export class AddressLoginFailure {
  /** SHA-256 of the username as typed, as in `login_failure`. */
  @PrimaryColumn({ name: 'username_hash', type: 'text' })
  usernameHash: string;

  /** The client's address as `clientAddress` counts it (an IPv6 one as its /64). */
  @PrimaryColumn({ type: 'text' })
  address: string;

  /** Failures from this address since the run began or its last lock-out. */
  @Column({ type: 'int' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** From then on the row means nothing (no failures, no lock) and may be deleted. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
