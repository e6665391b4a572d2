import type { MonitoringEnvironment } from '../monitoring.environment';

type BackoffSettings = Pick<MonitoringEnvironment, 'DELIVERY_RETRY_BACKOFF_MS' | 'DELIVERY_MAX_BACKOFF_MS'>;

/** How long after its `attempt`-th failed attempt (counting from 1) a delivery is tried again. */
export function retryDelayMs(attempt: number, settings: BackoffSettings): number {
  return Math.min(settings.DELIVERY_MAX_BACKOFF_MS, settings.DELIVERY_RETRY_BACKOFF_MS * 2 ** (attempt - 1));
}
