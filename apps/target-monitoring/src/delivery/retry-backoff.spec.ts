import { validateEnvironment } from '@redmet/platform';
import { MONITORING_DEFAULTS, MonitoringEnvironment } from '../monitoring.environment';
import { retryDelayMs } from './retry-backoff';

const settings = { DELIVERY_RETRY_BACKOFF_MS: 5000, DELIVERY_MAX_BACKOFF_MS: 15 * 60_000 };
const delays = (attempts: number[], given = settings) => attempts.map((attempt) => retryDelayMs(attempt, given));

describe('delivery retry back-off', () => {
  it('doubles from the first delay with each failed attempt', () => {
    expect(delays([1, 2, 3, 4, 5])).toEqual([5000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('never waits longer than the cap, however many attempts are allowed', () => {
    expect(delays([8, 9, 10, 30, 50])).toEqual([640_000, 900_000, 900_000, 900_000, 900_000]);
  });

  it('waits the cap when the cap is below even the first delay', () => {
    expect(delays([1, 2], { DELIVERY_RETRY_BACKOFF_MS: 5000, DELIVERY_MAX_BACKOFF_MS: 1000 })).toEqual([1000, 1000]);
  });

  it('is capped at 15 minutes unless configured, and a cap of nothing is refused at start', () => {
    const validate = validateEnvironment(MonitoringEnvironment, MONITORING_DEFAULTS);
    expect(validate({}).DELIVERY_MAX_BACKOFF_MS).toBe(900_000);
    expect(validate({ DELIVERY_MAX_BACKOFF_MS: '60000' }).DELIVERY_MAX_BACKOFF_MS).toBe(60_000);
    expect(() => validate({ DELIVERY_MAX_BACKOFF_MS: '0' })).toThrow(/DELIVERY_MAX_BACKOFF_MS \("0"\)/);
  });
});
