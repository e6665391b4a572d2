import { IsBoolean, IsInt, Matches, Max, Min, ValidateBy } from 'class-validator';
import { PlatformEnvironment } from '@redmet/platform';

/**
 * A topic with fewer replicas than its `min.insync.replicas` takes no `acks=all` write: the relay
 * would retry NOT_ENOUGH_REPLICAS for ever while readiness passes.
 */
function AtMostReplicationFactor(): PropertyDecorator {
  return ValidateBy({
    name: 'atMostReplicationFactor',
    validator: {
      validate: (minInsyncReplicas: unknown, args) =>
        typeof minInsyncReplicas !== 'number' ||
        minInsyncReplicas <= (args?.object as MessagingEnvironment).KAFKA_REPLICATION_FACTOR,
      defaultMessage: (args) =>
        `must be at most KAFKA_REPLICATION_FACTOR (${(args?.object as MessagingEnvironment).KAFKA_REPLICATION_FACTOR}), ` +
        'or no write to the topics the service creates is acknowledged',
    },
  });
}

/**
 * Settings of every service that publishes events through its outbox (every service); a service
 * that also consumes events extends ConsumerEnvironment instead.
 */
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
  @AtMostReplicationFactor()
  KAFKA_MIN_INSYNC_REPLICAS = 1;

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
}
