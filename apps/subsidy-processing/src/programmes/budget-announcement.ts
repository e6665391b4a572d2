import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Budget } from './budget';

/**
 * At start, publishes the budgets no event has stated yet (see
 * Budget.announceUncounted). A start that cannot fails like one that cannot
 * migrate, rather than leave a year unknown to the readers of its budget.
 */
@Injectable()
export class BudgetAnnouncement implements OnApplicationBootstrap {
  private readonly logger = new Logger(BudgetAnnouncement.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly budget: Budget,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const years = await this.dataSource.transaction((manager) => this.budget.announceUncounted(manager));
    if (years.length > 0) this.logger.log({ years }, 'budgets announced');
  }
}
