import { Controller, Injectable, Module } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DepositRegistered, DepositUpdated, type DepositSnapshot, type EventEnvelope, TOPICS } from '@redmet/contracts';
import { PlatformModule } from '@redmet/platform';
import {
  ConsumeTopic,
  ConsumerEnvironment,
  EventConsumer,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  on,
  onEach,
  Outbox,
} from '../../src';

export const ALWAYS_FAILS = 'always fails';
export const ECHO = 'echo';
/** An update named so causes another update, named ECHOED; one named SLOW holds its transaction for a second. */
export const ECHO_UPDATE = 'echo update';
export const ECHOED = 'echoed';
export const SLOW = 'slow';

/** A throw-away projection: how many times each deposit event took effect. */
export class CreateProbeTables1764399999999 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE probe_effect (
        event_id uuid PRIMARY KEY,
        deposit_id uuid NOT NULL,
        version int NOT NULL,
        applied int NOT NULL,
        correlation_id text NOT NULL,
        group_size int NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe_effect');
  }
}

@Injectable()
export class ProbeProjection {
  constructor(private readonly outbox: Outbox) {}

  /** `group` is how many events the consumer applied in the same call (onEach bindings). */
  async record(event: EventEnvelope<DepositSnapshot>, manager: EntityManager, group = 1): Promise<void> {
    if (event.payload.name === ALWAYS_FAILS) throw new Error('this handler always fails');
    // Without the inbox a redelivered event would raise `applied` above 1.
    await manager.query(
      `INSERT INTO probe_effect (event_id, deposit_id, version, applied, correlation_id, group_size)
       VALUES ($1, $2, $3, 1, $4, $5)
       ON CONFLICT (event_id) DO UPDATE SET applied = probe_effect.applied + 1`,
      [event.eventId, event.payload.depositId, event.payload.version, event.correlationId, group],
    );
    if (event.type === DepositRegistered.type && event.payload.name === ECHO) {
      await this.outbox.add(manager, DepositUpdated, event.aggregateId, {
        ...event.payload,
        version: event.payload.version + 1,
      });
    }
    if (event.type === DepositUpdated.type && event.payload.name === ECHO_UPDATE) {
      await this.outbox.add(manager, DepositUpdated, event.aggregateId, {
        ...event.payload,
        name: ECHOED,
        version: event.payload.version + 1,
      });
    }
    if (event.payload.name === SLOW) await manager.query('SELECT pg_sleep(1)');
  }
}

@Controller()
export class ProbeConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly projection: ProbeProjection,
  ) {}

  @ConsumeTopic(TOPICS.registryDeposit)
  onDeposit(@Ctx() context: KafkaContext): Promise<void> {
    // Updates take the group-commit path, registrations the one-event path.
    return this.consumer.consume(context, [
      on(DepositRegistered, (event, manager) => this.projection.record(event, manager)),
      onEach(DepositUpdated, async (events, manager) => {
        for (const event of events) await this.projection.record(event, manager, events.length);
      }),
    ]);
  }
}

/** A minimal consuming service over the real messaging library, for its integration tests. */
export function probeModule(consumerGroup: string) {
  @Module({
    imports: [
      PlatformModule.forRoot({
        service: 'target-monitoring',
        environment: ConsumerEnvironment,
        defaults: { PORT: 0 },
        schema: {
          entities: MESSAGING_ENTITIES,
          migrations: [...MESSAGING_MIGRATIONS, CreateProbeTables1764399999999],
        },
      }),
      MessagingModule.forRoot({ service: 'target-monitoring', consumerGroup }),
    ],
    controllers: [ProbeConsumer],
    providers: [ProbeProjection],
  })
  class ProbeModule {}
  return ProbeModule;
}
