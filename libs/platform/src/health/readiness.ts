import { SetMetadata } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';

export const READINESS_INDICATOR = 'redmet:readiness-indicator';

/** Something the service needs before it can take traffic (the broker, say); found by the health controller. */
export interface ReadinessIndicator {
  isReady(): PromiseLike<HealthIndicatorResult>;
}

export const ProvidesReadiness = (): ClassDecorator => SetMetadata(READINESS_INDICATOR, true);
