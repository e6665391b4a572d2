import { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

/**
 * Registers `run` on `cronTime`, an expression read from the environment
 * (`@Cron(...)` fixes its expression before the environment is read). A run
 * never overlaps the one before; a run that fails (the database unreachable,
 * say) is logged through the service's logger, not the cron library's
 * console output, and the next run goes ahead.
 */
export function scheduleJob(
  scheduler: SchedulerRegistry,
  name: string,
  cronTime: string,
  run: () => Promise<unknown>,
): CronJob {
  const logger = new Logger(name);
  const job = CronJob.from({
    cronTime,
    onTick: async () => void (await run()),
    waitForCompletion: true,
    start: true,
    errorHandler: (error) => logger.error({ err: error, job: name }, 'scheduled run failed'),
  });
  scheduler.addCronJob(name, job);
  return job;
}
