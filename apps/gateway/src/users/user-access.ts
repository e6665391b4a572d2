import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserAccessChanged, type UserAccessSnapshot } from '@redmet/contracts';
import { Outbox, outboxEvent } from '@redmet/messaging';
import type { User } from './user.entity';

const accessOf = (user: User, version: number): UserAccessSnapshot => ({
  userId: user.id,
  roles: user.roles,
  companyId: user.companyId,
  disabled: user.disabled,
  version,
});

/** UserAccessChanged, keyed by the account's id, written to the outbox in the caller's transaction. */
@Injectable()
export class UserAccess {
  constructor(private readonly outbox: Outbox) {}

  /**
   * Publishes the account's access as the caller's change leaves it, counted
   * (`version`) on the account's row, which the caller holds locked: its
   * events follow the changes' order, and readers keep the highest count.
   * A change that leaves the access as it was (the same roles again,
   * disabling a disabled account) publishes too: the service carries out and
   * audits it like any other, and a whole snapshot sent again only repeats
   * what readers already keep.
   */
  async publish(manager: EntityManager, user: User): Promise<void> {
    const [[{ version }]] = (await manager.query(
      'UPDATE app_user SET access_version = access_version + 1 WHERE id = $1 RETURNING access_version AS version',
      [user.id],
    )) as [[{ version: number }], number];
    await this.outbox.add(manager, UserAccessChanged, user.id, accessOf(user, version));
  }

  /**
   * Publishes the access of every account not published yet (after the
   * upgrade that brought these events, every account once), as it stands,
   * and marks them. Accounts locked meanwhile are skipped: another instance
   * may be announcing them, an admin's change publishes them anyway, and the
   * caller looks again for those a sign-in or a refresh held.
   */
  async announceUnpublished(manager: EntityManager): Promise<string[]> {
    const [announced] = (await manager.query(
      `UPDATE app_user SET access_version = 1
        WHERE id IN (SELECT id FROM app_user WHERE access_version = 0 ORDER BY id FOR UPDATE SKIP LOCKED)
       RETURNING id AS "userId", roles, company_id AS "companyId", disabled, access_version AS version`,
    )) as [UserAccessSnapshot[], number];
    await this.outbox.addAll(
      manager,
      announced.map((access) => outboxEvent(UserAccessChanged, access.userId, access)),
    );
    return announced.map((access) => access.userId);
  }

  async anyUnpublished(manager: EntityManager): Promise<boolean> {
    const [{ any }] = await manager.query('SELECT EXISTS (SELECT 1 FROM app_user WHERE access_version = 0) AS any');
    return any;
  }
}
