import { Injectable, Logger } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { METRICS } from '../messaging.metrics';

/** Counts unpublished rows when Prometheus scrapes, so the figure is never stale. */
@Injectable()
export class OutboxBacklogGauge {
  private readonly logger = new Logger(OutboxBacklogGauge.name);

  constructor(dataSource: DataSource) {
    const logger = this.logger;
    register.removeSingleMetric(METRICS.outboxBacklog);
    new Gauge({
      name: METRICS.outboxBacklog,
      help: 'Outbox rows committed but not yet published to Kafka',
      async collect() {
        try {
          const [row] = await dataSource.query<{ count: string }[]>(
            'SELECT count(*) AS count FROM outbox_message WHERE published_at IS NULL',
          );
          this.set(Number(row.count));
        } catch (error) {
          logger.warn({ err: error }, 'could not count the outbox backlog');
        }
      },
    });
  }
}
