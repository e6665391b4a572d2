import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GatewayEnvironment } from '../gateway.environment';
import { LoginFailure } from './login-failure.entity';

/** A username's failures in a row, as they stand for the attempt under way. */
export interface FailureRun {
  usernameHash: string;
  failures: number;
  /** Set while the name is locked. */
  lockedUntil: Date | null;
}

/** Each attempt deletes at most this many expired rows: the table shrinks as fast as it can grow. */
const SWEEP_BATCH = 100;

/** Hex SHA-256: how refresh tokens and failed usernames are kept, never as typed. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Failed logins counted per username as typed, the same way whether or not
 * an account has the name. A run of failures is forgotten
 * LOGIN_LOCKOUT_SECONDS after its last failure, an account's too: rows must
 * expire, and a run kept longer for accounts would tell them from other
 * names. A guesser still gets at most LOGIN_MAX_FAILURES tries per lock-out
 * time, as when a run lasted until the next success.
 */
@Injectable()
export class LoginFailures {
  constructor(private readonly environment: GatewayEnvironment) {}

  /**
   * The name's run, its row locked until the transaction ends: parallel
   * attempts at one name are decided one after the other, each counted, for
   * an unknown name as for an account. A row is inserted if there is none,
   * so that the first attempts at a name are serialised too.
   */
  async hold(manager: EntityManager, username: string): Promise<FailureRun> {
    const usernameHash = sha256(username);
    const [row]: { failures: number; locked_until: Date | null; expires_at: Date }[] = await manager.query(
      `INSERT INTO login_failure (username_hash, failures, expires_at) VALUES ($1, 0, 'epoch')
       ON CONFLICT (username_hash) DO UPDATE SET failures = login_failure.failures
       RETURNING failures, locked_until, expires_at`,
      [usernameHash],
    );
    if (row.expires_at <= new Date()) return { usernameHash, failures: 0, lockedUntil: null };
    return { usernameHash, failures: row.failures, lockedUntil: row.locked_until };
  }

  /** Counts a failure; returns the end of the lock-out it starts, if it starts one. */
  async count(manager: EntityManager, run: FailureRun): Promise<Date | null> {
    const failures = run.failures + 1;
    const expiresAt = new Date(Date.now() + this.environment.LOGIN_LOCKOUT_SECONDS * 1000);
    const locks = failures >= this.environment.LOGIN_MAX_FAILURES;
    const lockedUntil = locks ? expiresAt : null;
    await manager.update(
      LoginFailure,
      { usernameHash: run.usernameHash },
      { failures: locks ? 0 : failures, lockedUntil, expiresAt },
    );
    return lockedUntil;
  }

  /** The lock-outs in force now at these usernames, by username. */
  async locks(manager: EntityManager, usernames: readonly string[]): Promise<Map<string, Date>> {
    const byHash = new Map(usernames.map((username) => [sha256(username), username]));
    const rows: { username_hash: string; locked_until: Date }[] = await manager.query(
      `SELECT username_hash, locked_until FROM login_failure
       WHERE username_hash = ANY($1) AND locked_until > now() AND expires_at > now()`,
      [[...byHash.keys()]],
    );
    return new Map(rows.map((row) => [byHash.get(row.username_hash) as string, row.locked_until]));
  }

  /** After a login succeeds. */
  async forget(manager: EntityManager, username: string): Promise<void> {
    await manager.delete(LoginFailure, { usernameHash: sha256(username) });
  }

  /**
   * An admin's doing (an unlock, a new password, enabling the account):
   * forgets the run and lifts the lock, if any. Returns the end of the lock
   * it lifted, for the audit trail.
   */
  async lift(manager: EntityManager, username: string): Promise<Date | null> {
    const { raw } = await manager
      .createQueryBuilder()
      .delete()
      .from(LoginFailure)
      .where({ usernameHash: sha256(username) })
      .returning('locked_until')
      .execute();
    const lockedUntil = (raw as { locked_until: Date | null }[])[0]?.locked_until ?? null;
    return lockedUntil && lockedUntil > new Date() ? lockedUntil : null;
  }

  /** Rows another attempt holds are left to a later sweep rather than waited for. */
  async sweep(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM login_failure WHERE username_hash IN (
         SELECT username_hash FROM login_failure WHERE expires_at <= $1
          ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [new Date(), SWEEP_BATCH],
    );
  }
}
