import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GatewayEnvironment } from '../gateway.environment';
import { AddressLoginFailure } from './address-login-failure.entity';
import { clientAddress } from '../common/client-address';
import { KnownAddress } from './known-address.entity';
import { LoginFailure } from './login-failure.entity';

/** One count of failures as it stands for the attempt under way. */
interface Run {
  failures: number;
  /** Set while the lock it led to is in force. */
  lockedUntil: Date | null;
  /** When the run is forgotten; null for a run not yet begun. */
  endsAt: Date | null;
}

/** A username's failures as they stand for the attempt under way: from all addresses, and from the client's. */
export interface FailureRuns {
  usernameHash: string;
  address: string;
  everywhere: Run;
  here: Run;
  /** The account signed in from this address within LOGIN_KNOWN_ADDRESS_DAYS. */
  known: boolean;
}

/** A lock-out that a failure started, for the audit trail. */
export interface Lock {
  scope: 'address' | 'all addresses';
  until: Date;
  failures: number;
}

/** Each attempt deletes at most this many expired rows of each table: they shrink as fast as they can grow. */
const SWEEP_BATCH = 100;

const SWEPT = [
  { table: 'login_failure', key: 'username_hash' },
  { table: 'login_failure_by_address', key: 'username_hash, address' },
  { table: 'login_known_address', key: 'username_hash, address' },
];

const DAY_MS = 86_400_000;

/** Hex SHA-256: how refresh tokens and failed usernames are kept, never as typed. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const current = ([row]: { failures: number; locked_until: Date | null; expires_at: Date }[]): Run =>
  row.expires_at <= new Date()
    ? { failures: 0, lockedUntil: null, endsAt: null }
    : { failures: row.failures, lockedUntil: row.locked_until, endsAt: row.expires_at };

/** The name's run at all addresses, its row locked until the transaction ends; inserted if there is none. */
const holdName = (manager: EntityManager, usernameHash: string) =>
  manager.query(
    `INSERT INTO login_failure (username_hash, failures, expires_at) VALUES ($1, 0, 'epoch')
     ON CONFLICT (username_hash) DO UPDATE SET failures = login_failure.failures
     RETURNING failures, locked_until, expires_at`,
    [usernameHash],
  );

const latest = (ends: (Date | null)[]): Date | null =>
  ends.reduce<Date | null>((later, end) => (end && (!later || end > later) ? end : later), null);

/**
 * Until when the attempt is refused: the later of the locks in force at the
 * client's address and, unless the account signed in from there lately, at
 * every address.
 */
export const refusedUntil = ({ everywhere, here, known }: FailureRuns): Date | null =>
  latest([here.lockedUntil, known ? null : everywhere.lockedUntil]);

/**
 * Failed logins counted per username as typed, the same way whether or not
 * an account has the name, twice: from each client address, locking the name
 * at that address after LOGIN_MAX_FAILURES, and from all addresses together,
 * locking it everywhere after LOGIN_MAX_FAILURES_ALL_ADDRESSES. So a stranger
 * who fails on purpose locks the holder out only where the stranger is
 * (OWASP: a lock-out must not become a denial of service), while a guesser
 * who spreads tries over many addresses still gets a bounded number; locked
 * attempts are not counted, so no one address can reach that bound alone.
 * That bound locks out the holder too, wherever the holder has not signed in
 * lately: addresses the account signed in from keep their own tries.
 * A run is forgotten LOGIN_LOCKOUT_SECONDS after its last failure, an
 * account's too: rows must expire, and a run kept longer for accounts would
 * tell them from other names.
 */
@Injectable()
export class LoginFailures {
  constructor(private readonly environment: GatewayEnvironment) {}

  /**
   * The name's runs, their rows locked until the transaction ends, the name's
   * row first: parallel attempts at one name, from any addresses, are decided
   * one after the other, each counted, for an unknown name as for an account.
   * Rows are inserted if there are none, so that the first attempts at a
   * name are serialised too.
   */
  async hold(manager: EntityManager, username: string, clientIp: string | null): Promise<FailureRuns> {
    const usernameHash = sha256(username);
    const address = clientAddress(clientIp);
    const everywhere = current(await holdName(manager, usernameHash));
    const here = current(
      await manager.query(
        `INSERT INTO login_failure_by_address (username_hash, address, failures, expires_at) VALUES ($1, $2, 0, 'epoch')
         ON CONFLICT (username_hash, address) DO UPDATE SET failures = login_failure_by_address.failures
         RETURNING failures, locked_until, expires_at`,
        [usernameHash, address],
      ),
    );
    const known: unknown[] = await manager.query(
      `SELECT 1 FROM login_known_address WHERE username_hash = $1 AND address = $2 AND expires_at > now()`,
      [usernameHash, address],
    );
    return { usernameHash, address, everywhere, here, known: known.length > 0 };
  }

  /**
   * For an admin's change of an account (a new password, disabling or
   * enabling it), before it locks the account: takes the name's row as an
   * attempt does, first. An attempt holds that row, then reads the account and
   * on success inserts its refresh token, which needs the account row; a
   * change that locked the account first and then waited for the name would
   * deadlock with it.
   */
  async holdForChange(manager: EntityManager, username: string): Promise<void> {
    await holdName(manager, sha256(username));
  }

  /**
   * Counts a failure at the client's address and at all; returns the
   * lock-outs it starts. A known address, the only one tried while the name
   * is locked at every address, counts at its own only: its holder's
   * mistakes do not prolong that lock.
   */
  async count(manager: EntityManager, runs: FailureRuns): Promise<Lock[]> {
    const { usernameHash, address } = runs;
    const expiresAt = new Date(Date.now() + this.environment.LOGIN_LOCKOUT_SECONDS * 1000);
    const locks = [
      await this.counted(manager, AddressLoginFailure, { usernameHash, address }, runs.here, expiresAt, 'address'),
    ];
    if (!runs.everywhere.lockedUntil) {
      locks.push(
        await this.counted(manager, LoginFailure, { usernameHash }, runs.everywhere, expiresAt, 'all addresses'),
      );
    }
    return locks.filter((lock): lock is Lock => lock !== null);
  }

  /** The end of the latest lock-out in force at each of these usernames, at one address or at all, by username. */
  async locks(manager: EntityManager, usernames: readonly string[]): Promise<Map<string, Date>> {
    const byHash = new Map(usernames.map((username) => [sha256(username), username]));
    const rows: { username_hash: string; locked_until: Date }[] = await manager.query(
      `SELECT username_hash, max(locked_until) AS locked_until
         FROM (SELECT username_hash, locked_until, expires_at FROM login_failure
               UNION ALL
               SELECT username_hash, locked_until, expires_at FROM login_failure_by_address) AS failure
        WHERE username_hash = ANY($1) AND locked_until > now() AND expires_at > now()
        GROUP BY username_hash`,
      [[...byHash.keys()]],
    );
    return new Map(rows.map((row) => [byHash.get(row.username_hash) as string, row.locked_until]));
  }

  /**
   * After a login succeeds: forgets the run from its address only, and knows
   * the address. The run at all addresses goes on, since the guesser it
   * bounds is elsewhere: the holder signing in must not give them fresh tries.
   */
  async succeeded(manager: EntityManager, runs: FailureRuns): Promise<void> {
    const { usernameHash, address } = runs;
    await manager.delete(AddressLoginFailure, { usernameHash, address });
    const expiresAt = new Date(Date.now() + this.environment.LOGIN_KNOWN_ADDRESS_DAYS * DAY_MS);
    await manager.upsert(KnownAddress, { usernameHash, address, expiresAt }, ['usernameHash', 'address']);
  }

  /**
   * An admin's doing (an unlock, a new password, enabling the account):
   * forgets every run at the name and lifts every lock, at every address.
   * Returns the end of the latest lock it lifted, for the audit trail.
   */
  async lift(manager: EntityManager, username: string): Promise<Date | null> {
    const usernameHash = sha256(username);
    // The name's row first, as attempts take them: neither waits for the other in a circle.
    const ends = [
      ...(await this.deleted(manager, LoginFailure, usernameHash)),
      ...(await this.deleted(manager, AddressLoginFailure, usernameHash)),
    ];
    const now = new Date();
    return latest(ends.map((end) => (end && end > now ? end : null)));
  }

  /**
   * A new password, or a disabled account: the addresses the name signed in
   * from lose their own tries. One may be a thief's, who signed in with the
   * password the admin has just replaced; the holder's come back at the
   * holder's next sign-in.
   */
  async forgetAddresses(manager: EntityManager, username: string): Promise<void> {
    await manager.delete(KnownAddress, { usernameHash: sha256(username) });
  }

  /** Rows another attempt holds are left to a later sweep rather than waited for. */
  async sweep(manager: EntityManager): Promise<void> {
    for (const { table, key } of SWEPT) {
      await manager.query(
        `DELETE FROM ${table} WHERE (${key}) IN (
           SELECT ${key} FROM ${table} WHERE expires_at <= $1
            ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [new Date(), SWEEP_BATCH],
      );
    }
  }

  /** Writes one more failure to a run's row; returns the lock-out it starts, if it reaches the limit. */
  private async counted(
    manager: EntityManager,
    entity: typeof LoginFailure | typeof AddressLoginFailure,
    row: Pick<AddressLoginFailure, 'usernameHash'> & Partial<Pick<AddressLoginFailure, 'address'>>,
    run: Run,
    expiresAt: Date,
    scope: Lock['scope'],
  ): Promise<Lock | null> {
    const failures = run.failures + 1;
    const limit =
      scope === 'address' ? this.environment.LOGIN_MAX_FAILURES : this.environment.LOGIN_MAX_FAILURES_ALL_ADDRESSES;
    const locks = failures >= limit;
    // The run at all addresses lasts LOGIN_LOCKOUT_SECONDS from its first failure, however many follow: were
    // each failure to prolong it, two addresses taking turns (each adding its tries whenever its own lock ended)
    // would keep it going until it locked the name everywhere. Within one such window an address adds at most
    // LOGIN_MAX_FAILURES: its own lock, from its last try, outlasts the window.
    const endsAt = scope === 'all addresses' && !locks && run.endsAt && run.failures > 0 ? run.endsAt : expiresAt;
    await manager.update(entity, row, {
      failures: locks ? 0 : failures,
      lockedUntil: locks ? expiresAt : null,
      expiresAt: endsAt,
    });
    return locks ? { scope, until: expiresAt, failures } : null;
  }

  /** Deletes the name's rows of one table; returns the ends of their locks. */
  private async deleted(
    manager: EntityManager,
    entity: typeof LoginFailure | typeof AddressLoginFailure,
    usernameHash: string,
  ): Promise<(Date | null)[]> {
    const { raw } = await manager
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where({ usernameHash })
      .returning('locked_until')
      .execute();
    return (raw as { locked_until: Date | null }[]).map((row) => row.locked_until);
  }
}
