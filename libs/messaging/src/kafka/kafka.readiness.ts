import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProvidesReadiness, type ReadinessIndicator } from '@redmet/platform';
import { KafkaConnection } from './kafka.connection';

/** The service takes traffic only while the broker answers (unless it opts out: MessagingOptions.runsWithoutBroker). */
@Injectable()
@ProvidesReadiness()
export class KafkaReadiness implements ReadinessIndicator {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  isReady() {
    return this.health
      .check('kafka')
      .attempt(async () => ({ brokers: (await this.connection.admin.describeCluster()).brokers.length }))
      .withTimeout(3000);
  }
}
