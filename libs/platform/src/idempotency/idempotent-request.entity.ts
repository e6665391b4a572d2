import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A request sent with an Idempotency-Key: claimed before it runs, its answer kept after
 * (status null while it runs), so that a retry gets that answer instead of running again.
 * Read and written in plain SQL by IdempotentRequests; declared here so the schema
 * check knows the table.
 */
@Entity('idempotent_request')
@Index('idempotent_request_expires_at', ['expiresAt'])
export class IdempotentRequest {
  /**
   * Who sent it, as `keyCaller` has it: user id and company. One column rather than two, so that
   * the primary key stays the one instances of the previous version claim against during a rolling update.
   */
  @PrimaryColumn({ type: 'text' })
  caller: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  method: string;

  @Column({ type: 'text' })
  path: string;

  @Column({ name: 'body_digest', type: 'text' })
  bodyDigest: string;

  /** Which run holds the key, so a run that lost it (taken over after its timeout) cannot overwrite or release it. */
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /**
   * Set by the claim's change in its own transaction (ClaimFence): a key whose change committed is never
   * taken over, even when its answer was never kept.
   */
  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  status: number | null;

  @Column({ type: 'jsonb', nullable: true })
  headers: Record<string, string> | null;

  /** The JSON as sent, as text: jsonb would reorder its keys. */
  @Column({ type: 'text', nullable: true })
  body: string | null;
}
