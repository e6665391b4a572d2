import { randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { DomainError, UnauthenticatedError } from '@redmet/platform';
import { AuditService } from '../audit/audit.service';
import { GatewayEnvironment } from '../gateway.environment';
import { dummyHash, passwordMatches } from '../users/password';
import { User } from '../users/user.entity';
import type { TokensDto } from './dto/login.dto';
import { LoginFailures, refusedUntil, sha256 } from './login-failures';
import { RefreshToken } from './refresh-token.entity';
import { TokenIssuer } from './token-issuer';

const INVALID_LOGIN = 'The username or password is wrong';

/**
 * A spent refresh token presented again within this time is a race, not a
 * theft: two tabs of one session refreshing together, a request retried after
 * its answer was lost. It gets a pair of the same session; later, it ends it.
 */
const REUSE_GRACE_MS = 30_000;

const accountLocked = (until: Date) =>
  new DomainError(
    'AUTH.ACCOUNT_LOCKED',
    `Too many failed logins: try again after ${until.toISOString()}`,
    HttpStatus.LOCKED,
  );

/**
 * The account a token is issued from, share-locked until the transaction ends, before any token row is: an
 * admin's change of it (roles, disabling, a new password) locks it for update, so it waits for a token being
 * issued from the account as it was, or the token waits and is issued from the account as changed. Read
 * without the lock, a token issued after a change committed could carry the roles it took away; and a
 * refresh holding its token row while the change, holding the account, deleted the account's tokens would
 * deadlock with it.
 */
const accountForTokens = (manager: EntityManager) =>
  manager.createQueryBuilder(User, 'user').setLock('pessimistic_read');

type Outcome = { ok: true; user: User } | { ok: false; error: DomainError };

/**
 * Logins with lock-out after repeated failures. Failures are counted and
 * audited in a transaction that commits before the error is answered.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenIssuer,
    private readonly audit: AuditService,
    private readonly environment: GatewayEnvironment,
    private readonly failures: LoginFailures,
  ) {}

  /** Hashed at start, not at the first unknown name, whose answer would otherwise take longer than a wrong password's. */
  async onModuleInit(): Promise<void> {
    await dummyHash();
  }

  /** A success's audit entry commits with its session, so the trail never shows a sign-in that gave none. */
  async login(username: string, password: string, clientIp: string | null): Promise<TokensDto> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const decided = await this.attempt(manager, username, password, clientIp);
      await this.failures.sweep(manager);
      return decided.ok ? { ok: true as const, tokens: await this.issueFor(manager, decided.user) } : decided;
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.tokens;
  }

  /**
   * Spends the token and issues the next of its session, with the roles read
   * again (a role change counts at the next refresh at the latest). A token
   * spent more than REUSE_GRACE_MS before is a copy in someone else's hands,
   * or the holder's: either way the session ends, for both.
   */
  async refresh(refreshToken: string, clientIp: string | null): Promise<TokensDto> {
    const reused = await this.dataSource.transaction(async (manager) => {
      const tokenHash = sha256(refreshToken);
      const user = await accountForTokens(manager)
        .where('user.id = (SELECT user_id FROM refresh_token WHERE token_hash = :tokenHash)', { tokenHash })
        .getOne();
      const stored = await manager.findOne(RefreshToken, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
      if (!stored || stored.expiresAt < new Date())
        throw new UnauthenticatedError('The refresh token is invalid or has expired');
      if (stored.spentAt && Date.now() - stored.spentAt.getTime() > REUSE_GRACE_MS) {
        await manager.delete(RefreshToken, { sessionId: stored.sessionId });
        const details = { sessionId: stored.sessionId, spentAt: stored.spentAt.toISOString() };
        await this.audit.record(
          { action: 'refresh_token_reused', actorId: null, subject: stored.userId, clientIp, details },
          manager,
        );
        return true;
      }
      if (!stored.spentAt) await manager.update(RefreshToken, { tokenHash: stored.tokenHash }, { spentAt: new Date() });
      if (!user || user.disabled) throw new UnauthenticatedError('The account is disabled');
      return this.issueFor(manager, user, stored);
    });
    // Committed first: the session is ended whatever the caller does with the refusal.
    if (reused === true) throw new UnauthenticatedError('The refresh token was used before: the session is ended');
    return reused;
  }

  /**
   * Ends the token's whole session. The account is locked first, as an admin's change locks it: a refresh
   * of the session under way commits its next token before the delete looks, and one that comes later
   * finds its token gone. Without it, the delete could miss the token a refresh under way adds.
   */
  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const tokenHash = sha256(refreshToken);
      await manager
        .createQueryBuilder(User, 'user')
        .where('user.id = (SELECT user_id FROM refresh_token WHERE token_hash = :tokenHash)', { tokenHash })
        .setLock('pessimistic_write')
        .getOne();
      await manager.query(
        `DELETE FROM refresh_token WHERE session_id = (SELECT session_id FROM refresh_token WHERE token_hash = $1)`,
        [tokenHash],
      );
    });
  }

  /**
   * Every attempt takes the same steps whether the name is an account's or
   * not: the name's failure rows locked, one password check (against a dummy
   * hash when there is no account), and a failure counted in the same rows.
   * So the answers, their sequence and their timing do not tell which names
   * exist. A disabled account's right password counts as a failure too: the
   * answer must not confirm it.
   */
  private async attempt(
    manager: EntityManager,
    username: string,
    password: string,
    clientIp: string | null,
  ): Promise<Outcome> {
    const runs = await this.failures.hold(manager, username, clientIp);
    const user = await accountForTokens(manager)
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
    const subject = user?.id ?? username;
    const fail = async (reason: string, error = new UnauthenticatedError(INVALID_LOGIN)): Promise<Outcome> => {
      await this.audit.record(
        { action: 'login_failed', actorId: null, subject, clientIp, details: { reason } },
        manager,
      );
      return { ok: false, error };
    };
    const lockedUntil = refusedUntil(runs);
    if (lockedUntil) return fail('locked', accountLocked(lockedUntil));
    const matches = await passwordMatches(user?.passwordHash ?? (await dummyHash()), password);
    if (user && matches && !user.disabled) {
      await this.failures.succeeded(manager, runs);
      await this.audit.record({ action: 'login_succeeded', actorId: user.id, subject, clientIp }, manager);
      return { ok: true, user };
    }
    for (const lock of await this.failures.count(manager, runs)) {
      const details = { until: lock.until.toISOString(), failures: lock.failures, scope: lock.scope };
      await this.audit.record({ action: 'account_locked', actorId: null, subject, clientIp, details }, manager);
    }
    return fail(!user ? 'unknown username' : !matches ? 'wrong password' : 'disabled');
  }

  /** The first token of a new session at login, the next of `session` at a refresh. */
  private async issueFor(
    manager: EntityManager,
    user: User,
    session?: Pick<RefreshToken, 'sessionId' | 'sessionStartedAt'>,
  ): Promise<TokensDto> {
    const now = Date.now();
    const { sessionId, sessionStartedAt } = session ?? { sessionId: randomUUID(), sessionStartedAt: new Date(now) };
    const sessionEnds = sessionStartedAt.getTime() + this.environment.AUTH_SESSION_MAX_SECONDS * 1000;
    if (sessionEnds <= now) throw new UnauthenticatedError('The session has ended: sign in again');
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(now + this.environment.AUTH_REFRESH_TTL_SECONDS * 1000, sessionEnds));
    // Sessions left to expire (never refreshed nor logged out of) would otherwise stay for good.
    await manager.delete(RefreshToken, { userId: user.id, expiresAt: LessThan(new Date(now)) });
    await manager.insert(RefreshToken, {
      tokenHash: sha256(refreshToken),
      userId: user.id,
      expiresAt,
      sessionId,
      sessionStartedAt,
    });
    return {
      accessToken: await this.tokens.issue(user),
      expiresIn: this.environment.AUTH_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
