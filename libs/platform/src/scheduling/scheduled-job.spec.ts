import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleJob } from './scheduled-job';

describe('scheduleJob', () => {
  it("registers the job, logs a failed run through the service's logger, and runs again at the next tick", async () => {
    const scheduler = new SchedulerRegistry();
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const console = jest.spyOn(global.console, 'error').mockImplementation(() => undefined);
    const outcomes = [() => Promise.reject(new Error('database unreachable')), () => Promise.resolve('done')];
    const run = jest.fn(() => outcomes.shift()!());
    const job = scheduleJob(scheduler, 'test-job', '0 0 1 1 *', run);
    try {
      expect(scheduler.getCronJob('test-job')).toBe(job);
      await job.fireOnTick();
      await job.fireOnTick();
      expect(run).toHaveBeenCalledTimes(2);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0][0]).toMatchObject({
        job: 'test-job',
        err: expect.objectContaining({ message: 'database unreachable' }),
      });
      expect(console).not.toHaveBeenCalled();
    } finally {
      // A running job's timer would keep the test process alive.
      job.stop();
      errors.mockRestore();
      console.mockRestore();
    }
  });
});
