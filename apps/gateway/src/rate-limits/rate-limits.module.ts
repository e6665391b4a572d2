import { Module } from '@nestjs/common';
import { rateLimitMetricProviders, SharedRateLimiter } from './shared-rate-limiter';

@Module({ providers: [SharedRateLimiter, ...rateLimitMetricProviders], exports: [SharedRateLimiter] })
export class RateLimitsModule {}
