import { Column, PrimaryColumn } from 'typeorm';

/** A username's run of failed logins as both counts keep it: at all addresses, and at one. */
export abstract class LoginFailureRun {
  /** SHA-256 of the username as typed: people type their password into the username field. */
  @PrimaryColumn({ name: 'username_hash', type: 'text' })
  usernameHash: string;

  /** Failures since the run began or its last lock-out. */
  @Column({ type: 'int' })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** From then on the row means nothing (no failures, no lock) and may be deleted. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
