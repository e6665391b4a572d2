import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { DomainError, UnauthenticatedError } from '@redmet/platform';
import { AuditService } from '../audit/audit.service';
import { GatewayEnvironment } from '../gateway.environment';
import { dummyHash, passwordMatches } from '../users/password';
import { User } from '../users/user.entity';
import type { TokensDto } from './dto/login.dto';
import { RefreshToken } from './refresh-token.entity';
import { TokenIssuer } from './token-issuer';

const INVALID_LOGIN = 'The username or password is wrong';

type Outcome = { ok: true; user: User } | { ok: false; error: DomainError };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Logins with lock-out after repeated failures. Failures are counted and
 * audited in a transaction that commits before the error is answered.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenIssuer,
    private readonly audit: AuditService,
    private readonly environment: GatewayEnvironment,
  ) {}

  async login(username: string, password: string, clientIp: string | null): Promise<TokensDto> {
    const outcome = await this.dataSource.transaction((manager) => this.attempt(manager, username, password, clientIp));
    if (!outcome.ok) throw outcome.error;
    return this.dataSource.transaction((manager) => this.issueFor(manager, outcome.user));
  }

  async refresh(refreshToken: string): Promise<TokensDto> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stored || stored.expiresAt < new Date())
        throw new UnauthenticatedError('The refresh token is invalid or has expired');
      await manager.delete(RefreshToken, { tokenHash: stored.tokenHash });
      const user = await manager.findOneBy(User, { id: stored.userId });
      if (!user || user.disabled) throw new UnauthenticatedError('The account is disabled');
      // Roles are read again, so a role change takes effect at the next refresh at the latest.
      return this.issueFor(manager, user);
    });
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.manager.delete(RefreshToken, { tokenHash: sha256(refreshToken) });
  }

  private async attempt(
    manager: EntityManager,
    username: string,
    password: string,
    clientIp: string | null,
  ): Promise<Outcome> {
    const user = await manager
      .createQueryBuilder(User, 'user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .setLock('pessimistic_write')
      .getOne();
    const fail = async (reason: string, error = new UnauthenticatedError(INVALID_LOGIN)): Promise<Outcome> => {
      await this.audit.record(
        { action: 'login_failed', actorId: null, subject: user?.id ?? username, clientIp, details: { reason } },
        manager,
      );
      return { ok: false, error };
    };
    if (!user) {
      await passwordMatches(await dummyHash(), password);
      return fail('unknown username');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      const error = new DomainError(
        'AUTH.ACCOUNT_LOCKED',
        `Too many failed logins: try again after ${user.lockedUntil.toISOString()}`,
        HttpStatus.LOCKED,
      );
      return fail('locked', error);
    }
    if (!(await passwordMatches(user.passwordHash, password))) return this.countFailure(manager, user, clientIp, fail);
    if (user.disabled) return fail('disabled');
    await manager.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: null });
    await this.audit.record({ action: 'login_succeeded', actorId: user.id, subject: user.id, clientIp }, manager);
    return { ok: true, user };
  }

  private async countFailure(
    manager: EntityManager,
    user: User,
    clientIp: string | null,
    fail: (reason: string) => Promise<Outcome>,
  ): Promise<Outcome> {
    const failedLogins = user.failedLogins + 1;
    const locks = failedLogins >= this.environment.LOGIN_MAX_FAILURES;
    const lockedUntil = locks ? new Date(Date.now() + this.environment.LOGIN_LOCKOUT_SECONDS * 1000) : null;
    await manager.update(User, { id: user.id }, { failedLogins: locks ? 0 : failedLogins, lockedUntil });
    if (locks) {
      const details = { until: lockedUntil?.toISOString(), failures: failedLogins };
      await this.audit.record(
        { action: 'account_locked', actorId: null, subject: user.id, clientIp, details },
        manager,
      );
    }
    return fail('wrong password');
  }

  private async issueFor(manager: EntityManager, user: User): Promise<TokensDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.environment.AUTH_REFRESH_TTL_SECONDS * 1000);
    // Sessions left to expire (never refreshed nor logged out of) would otherwise stay for good.
    await manager.delete(RefreshToken, { userId: user.id, expiresAt: LessThan(new Date()) });
    await manager.insert(RefreshToken, { tokenHash: sha256(refreshToken), userId: user.id, expiresAt });
    return {
      accessToken: await this.tokens.issue(user),
      expiresIn: this.environment.AUTH_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
