import { Controller, Get, type OnApplicationBootstrap, UseFilters } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { HealthReportFilter } from './health-report.filter';
import { READINESS_INDICATOR, type ReadinessIndicator } from './readiness';

@ApiTags('health')
@Public()
@UseFilters(HealthReportFilter)
@Controller('health')
export class HealthController implements OnApplicationBootstrap {
  private indicators: ReadinessIndicator[] = [];

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.indicators = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(READINESS_INDICATOR, wrapper.metatype))
      .map((wrapper) => wrapper.instance as ReadinessIndicator);
  }

  /** The process is up; restarting would not help anything else. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The database and every dependency a module declared answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...this.indicators.map((indicator) => () => indicator.isReady()),
    ]);
  }
}
