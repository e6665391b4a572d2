import { Module } from '@nestjs/common';
import { SharedRateLimiter } from './shared-rate-limiter';

@Module({ providers: [SharedRateLimiter], exports: [SharedRateLimiter] })
export class RateLimitsModule {}
