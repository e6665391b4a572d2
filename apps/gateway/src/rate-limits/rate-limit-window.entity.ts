import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A client's requests in one fixed window of one limit, counted by every
 * gateway instance together. Windows start at whole multiples of their length
 * (from the epoch), so all instances agree on them.
 */
@Entity('rate_limit_window')
@Index('rate_limit_window_expires', ['expiresAt'])
export class RateLimitWindow {
  /** Which limit: `api`, or the login throttle's name. */
  @PrimaryColumn({ type: 'text' })
  scope: string;

  /** The client's address as `clientAddress` counts it, or the throttler's key. */
  @PrimaryColumn({ type: 'text' })
  client: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  /** Requests granted to the instances (let through, or leased to an instance to let through); refused ones are not counted. */
  @Column({ type: 'int' })
  hits: number;

  /** What the latest grant added, for the statement that made it to read back. */
  @Column({ name: 'last_grant', type: 'int' })
  lastGrant: number;

  /** Two windows on, when the row no longer counts even as the previous window. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
