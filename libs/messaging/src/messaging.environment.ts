import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PlatformEnvironment } from '@redmet/platform';

/** Settings of every service that publishes or consumes events. */
export class MessagingEnvironment extends PlatformEnvironment {
  /** Comma-separated host:port list. */
  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** 3 on a production cluster; 1 for the local single broker. */
  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_REPLICATION_FACTOR = 1;

  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_MIN_INSYNC_REPLICAS = 1;

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

  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  /** The relay is woken by NOTIFY at once; polling only covers notifications lost while disconnected. */
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /**
   * Bytes of events (envelope, key and headers) sent to Kafka at most in one batch, below the broker's
   * `message.max.bytes` (1 MiB by default), which a partition's share of a batch may not exceed; a
   * larger event still goes, alone.
   */
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  OUTBOX_BATCH_MAX_BYTES = 768 * 1024;

  /**
   * Bytes one event (envelope, key and headers) may take, below the broker's and the topics' largest
   * message (1 MiB by default) with room for Kafka's own framing. A change whose event is larger is
   * refused when it is made (HTTP 413), so the relay never holds an event the broker would refuse.
   */
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  OUTBOX_EVENT_MAX_BYTES = 1_000_000;

  /** Pause before reading again after a short batch, so that under load batches fill up. */
  @IsInt()
  @Min(0)
  @Max(1000)
  OUTBOX_LINGER_MS = 5;

  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

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
