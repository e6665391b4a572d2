import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserAccess } from './user-access';

const LOOK_AGAIN_AFTER_MS = 100;
const ROUNDS = 50;

/**
 * At start, publishes the accounts no event has stated yet (see
 * UserAccess.announceUnpublished). A start that cannot fails like one that
 * cannot migrate, rather than leave readers not knowing who lost access.
 */
@Injectable()
export class UserAccessAnnouncement implements OnApplicationBootstrap {
  private readonly logger = new Logger(UserAccessAnnouncement.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: UserAccess,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let announced = 0;
    // An account skipped as locked may be held by a sign-in or a refresh, which publish nothing, and would
    // wait for the next start; every such hold (and another instance's announcement) lasts a moment.
    for (let round = 1; ; round += 1) {
      announced += (await this.dataSource.transaction((manager) => this.access.announceUnpublished(manager))).length;
      if (!(await this.access.anyUnpublished(this.dataSource.manager))) break;
      if (round === ROUNDS) {
        // Held this long, the lock is not a sign-in's: starting matters more, and the next start announces them.
        this.logger.warn('accounts left unannounced: they stayed locked');
        break;
      }
      await sleep(LOOK_AGAIN_AFTER_MS);
    }
    if (announced > 0) this.logger.log({ accounts: announced }, 'account access announced');
  }
}
