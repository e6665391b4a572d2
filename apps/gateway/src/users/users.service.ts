import { Injectable } from '@nestjs/common';
import { ArrayContains, DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, orConflict, Page, type Principal } from '@redmet/platform';
import { AuditService } from '../audit/audit.service';
import { LoginFailures } from '../auth/login-failures';
import { RefreshToken } from '../auth/refresh-token.entity';
import type { CreateUserDto, UserQuery, UserRolesDto } from './dto/user.dto';
import { Account } from './account.view';
import { hashPassword } from './password';
import { UserAccess } from './user-access';
import { User } from './user.entity';

function checkCompanyBinding(dto: UserRolesDto): void {
  if (dto.roles.includes('producer') && dto.roles.length > 1) {
    // Staff roles would let one person file for a company and review, pay or judge its filings.
    const message = 'a producer acts for its company only: give it no other role, or make a second account';
    throw new InvalidInputError('USER.ROLES_CONFLICT', message, [{ field: 'roles', messages: [message] }]);
  }
  if (dto.roles.includes('producer') && !dto.companyId) {
    const message = 'a producer acts for one company: give companyId';
    throw new InvalidInputError('USER.COMPANY_REQUIRED', message, [{ field: 'companyId', messages: [message] }]);
  }
  if (!dto.roles.includes('producer') && dto.companyId) {
    // Staff act for no company; one stored would show in the account, and its tokens, as if they did.
    const message = 'only a producer acts for a company: leave companyId out';
    throw new InvalidInputError('USER.COMPANY_NOT_FOR_ROLE', message, [{ field: 'companyId', messages: [message] }]);
  }
}

/** The audit details of a change that lifted a lock-out on the way, if it did. */
const lifted = (lockedUntil: Date | null) => (lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {});

const usernameTaken = (username: string) =>
  new ConflictError('USER.USERNAME_TAKEN', `The username ${username} is taken`, 'username');

/**
 * Refuses to take away the last enabled admin (no one could manage accounts
 * any more). The enabled admins are locked first, in id order, before the
 * account itself: two admins demoting each other at once are decided one
 * after the other, and the second sees the first's change.
 */
async function keepAnAdmin(manager: EntityManager, id: string): Promise<void> {
  const admins: { id: string }[] = await manager.query(
    `SELECT id FROM app_user WHERE 'admin' = ANY(roles) AND NOT disabled ORDER BY id FOR UPDATE`,
  );
  if (admins.some((admin) => admin.id === id) && admins.length === 1) {
    throw new ConflictError('USER.LAST_ADMIN', 'The last enabled admin cannot be disabled or lose the admin role');
  }
}

/**
 * Accounts, their roles and passwords; every change is audited in the same transaction, and a change of what
 * the account may do (created, roles, disabled) is published there too.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly failures: LoginFailures,
    private readonly access: UserAccess,
  ) {}

  create(dto: CreateUserDto, actor: Principal, clientIp: string | null = null): Promise<User> {
    checkCompanyBinding(dto);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(User, { username: dto.username })) throw usernameTaken(dto.username);
      const user = manager.create(User, {
        username: dto.username,
        displayName: dto.displayName,
        passwordHash: await hashPassword(dto.password),
        roles: dto.roles,
        companyId: dto.companyId ?? null,
      });
      await orConflict(manager.save(user), 'app_user_username_unique', () => usernameTaken(dto.username));
      const details = { roles: user.roles, companyId: user.companyId };
      await this.audit.record(
        { action: 'user_created', actorId: actor.userId, subject: user.id, clientIp, details },
        manager,
      );
      const created = await this.findOrFail(manager, user.id);
      await this.access.publish(manager, created);
      return created;
    });
  }

  changeRoles(id: string, dto: UserRolesDto, actor: Principal, clientIp: string | null = null): Promise<User> {
    checkCompanyBinding(dto);
    return this.dataSource.transaction(async (manager) => {
      if (!dto.roles.includes('admin')) await keepAnAdmin(manager, id);
      const user = await this.findOrFail(manager, id, true);
      const before = { roles: user.roles, companyId: user.companyId };
      Object.assign(user, { roles: dto.roles, companyId: dto.companyId ?? null });
      await manager.save(user);
      const details = { before, after: { roles: user.roles, companyId: user.companyId } };
      await this.audit.record(
        { action: 'roles_changed', actorId: actor.userId, subject: id, clientIp, details },
        manager,
      );
      await this.access.publish(manager, user);
      return user;
    });
  }

  resetPassword(id: string, password: string, actor: Principal, clientIp: string | null = null): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.holdNameOf(manager, id);
      const user = await this.findOrFail(manager, id, true);
      user.passwordHash = await hashPassword(password);
      await manager.save(user);
      // A reset also lifts a lock-out: the admin has just given the holder the password to sign in with.
      const details = lifted(await this.failures.lift(manager, user.username));
      // A reset is what follows a leaked password: whoever signed in with it must not refresh on and on,
      // nor keep tries of their own from where they did while the name is locked at every address.
      await manager.delete(RefreshToken, { userId: id });
      await this.failures.forgetAddresses(manager, user.username);
      await this.audit.record(
        { action: 'password_reset', actorId: actor.userId, subject: id, clientIp, details },
        manager,
      );
    });
  }

  /**
   * Lifts every lock-out at the account's name at once, at each address and
   * at all, and forgets the runs of failures that would lead to one. It keeps
   * the addresses the account signed in from: an unlock is about failures,
   * and those addresses are what keeps strangers from locking the holder out
   * where the holder works. A password feared stolen calls for a reset.
   */
  unlock(id: string, actor: Principal, clientIp: string | null = null): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, id);
      const lockedUntil = await this.failures.lift(manager, user.username);
      const details = { lockedUntil: lockedUntil?.toISOString() ?? null };
      await this.audit.record(
        { action: 'account_unlocked', actorId: actor.userId, subject: id, clientIp, details },
        manager,
      );
    });
  }

  setDisabled(id: string, disabled: boolean, actor: Principal, clientIp: string | null = null): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      await this.holdNameOf(manager, id);
      if (disabled) await keepAnAdmin(manager, id);
      const user = await this.findOrFail(manager, id, true);
      user.disabled = disabled;
      await manager.save(user);
      // A disabled account loses its sessions at once; its access token expires within minutes. It loses the
      // addresses it signed in from too: it may be disabled because someone else did. Enabling has none to
      // forget, since a disabled account cannot sign in, and the holder's come back at the next sign-in.
      if (disabled) {
        await manager.query('DELETE FROM refresh_token WHERE user_id = $1', [id]);
        await this.failures.forgetAddresses(manager, user.username);
      }
      // While disabled even the right password counted as a failure: a holder who tried then would
      // find the account enabled but locked, by failures that could not have been successes.
      const details = disabled ? {} : lifted(await this.failures.lift(manager, user.username));
      const action = disabled ? 'user_disabled' : 'user_enabled';
      await this.audit.record({ action, actorId: actor.userId, subject: id, clientIp, details }, manager);
      await this.access.publish(manager, user);
      return user;
    });
  }

  async list(query: UserQuery): Promise<Page<Account>> {
    const where: FindOptionsWhere<User> = query.role ? { roles: ArrayContains([query.role]) } : {};
    const [users, total] = await this.dataSource.manager.findAndCount(User, {
      where,
      order: { username: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return Page.of(await this.accounts(users), total, query);
  }

  async get(id: string): Promise<Account> {
    const [account] = await this.accounts([await this.findOrFail(this.dataSource.manager, id)]);
    return account;
  }

  private async accounts(users: User[]): Promise<Account[]> {
    const locks = await this.failures.locks(
      this.dataSource.manager,
      users.map((user) => user.username),
    );
    return users.map((user) => Object.assign(new Account(), user, { lockedUntil: locks.get(user.username) ?? null }));
  }

  /** Before a change of the account's sign-in locks any account: its name, as attempts take them (see holdForChange). */
  private async holdNameOf(manager: EntityManager, id: string): Promise<void> {
    const { username } = await this.findOrFail(manager, id);
    await this.failures.holdForChange(manager, username);
  }

  private async findOrFail(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = await manager.findOne(User, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}),
    });
    if (!user) throw new NotFoundError('USER.NOT_FOUND', `No user with id ${id}`);
    return user;
  }
}
