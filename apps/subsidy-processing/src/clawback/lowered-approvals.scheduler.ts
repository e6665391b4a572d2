import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { scheduleJob } from '@redmet/platform';
import { SubsidyEnvironment } from '../subsidy.environment';
import { ApprovalReassessment } from './approval-reassessment';

export const LOWERED_APPROVALS_JOB = 'lowered-approvals';

/** Registered at start rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
@Injectable()
export class LoweredApprovalsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(LoweredApprovalsScheduler.name);

  constructor(
    private readonly approvals: ApprovalReassessment,
    private readonly dataSource: DataSource,
    private readonly environment: SubsidyEnvironment,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    scheduleJob(this.scheduler, LOWERED_APPROVALS_JOB, this.environment.SUBSIDY_LOWERED_APPROVALS_CRON, async () => {
      const raised = await this.approvals.reassessLowered(this.dataSource);
      if (raised > 0) this.logger.log({ raised }, 'lowered approvals raised as the budget allowed');
    });
  }
}
