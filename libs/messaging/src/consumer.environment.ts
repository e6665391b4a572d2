import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MessagingEnvironment } from './messaging.environment';

/**
 * Settings of a service that consumes events, besides those it publishes with: its Kafka consumer,
 * retries and dead letters. A service that only publishes (the gateway, deposit-registry) keeps
 * MessagingEnvironment and neither validates nor documents these.
 */
export class ConsumerEnvironment extends MessagingEnvironment {
  /** kafkajs needs at least the broker's group.min.session.timeout.ms (6 s by default). */
  @IsInt()
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 30000;

  /**
   * Partitions a consumer works on at once; order holds within each. Handlers
   * mostly wait on PostgreSQL, so overlapping them pays; a group-committing
   * consumer also groups up to this many events. target-monitoring takes 12
   * (all of reporting.report.v1's partitions): in `npm run bench` at 330
   * reports/s it fell behind at 6 and kept up at 12. Keep it below
   * DATABASE_POOL_SIZE, which HTTP requests share.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENTLY = 6;

  /**
   * Overrides the service's consumer group (its name by default), e.g. to run a
   * second, independent copy of a projection, or in tests.
   */
  @IsOptional()
  @Matches(/^[\w.-]{1,200}$/, { message: 'KAFKA_CONSUMER_GROUP must be letters, digits, dots, dashes or underscores' })
  KAFKA_CONSUMER_GROUP?: string;

  /** Off runs an API-only instance: it serves HTTP and publishes, but consumes nothing. */
  @IsBoolean()
  KAFKA_CONSUMERS_ENABLED = true;

  /** Attempts at a failing handler before its event goes to the dead-letter topic. */
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS = 3;

  @IsInt()
  @Min(1)
  @Max(60000)
  CONSUMER_RETRY_BACKOFF_MS = 200;
}
