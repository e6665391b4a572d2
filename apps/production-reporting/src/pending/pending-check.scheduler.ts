import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleJob } from '@redmet/platform';
import { ReportingEnvironment } from '../reporting.environment';
import { PendingReports } from './pending-reports.service';

export const PENDING_CHECK_JOB = 'pending-report-check';

/** Registered at start rather than with `@Cron(...)`, whose expression is fixed before the environment is read. */
@Injectable()
export class PendingCheckScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PendingCheckScheduler.name);

  constructor(
    private readonly pending: PendingReports,
    private readonly environment: ReportingEnvironment,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    scheduleJob(this.scheduler, PENDING_CHECK_JOB, this.environment.REPORTING_PENDING_CHECK_CRON, async () => {
      const result = await this.pending.runCheck(new Date());
      if (result.decided + result.failed > 0) this.logger.log(result, 'pending report check');
    });
  }
}
