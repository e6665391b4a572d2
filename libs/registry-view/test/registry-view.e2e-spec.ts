import { randomUUID } from 'node:crypto';
import { Injectable, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ALL_TOPICS,
  type EventDefinition,
  FacilityOperatorChanged,
  LicenceIssued,
  LicenceReinstated,
  LicenceSuspended,
  ProductAdded,
  ProductUpdated,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import {
  ConsumerEnvironment,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  startConsumers,
} from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { createTestDatabase, skipHistory, type TestDatabase, testKafka, waitFor } from '@redmet/testing';
import {
  ListensToRegistry,
  REGISTRY_VIEW_ENTITIES,
  REGISTRY_VIEW_MIGRATIONS,
  type RegistryChange,
  type RegistryChangeListener,
  RegistryView,
  RegistryViewModule,
} from '../src';
import { OperatorsWithoutAuthors1764403900000 } from '../src/database/1764403900000-operators-without-authors';

@Injectable()
@ListensToRegistry()
class RecordingListener implements RegistryChangeListener {
  readonly changes: RegistryChange[] = [];

  async registryChanged(change: RegistryChange, manager: EntityManager): Promise<void> {
    // Runs inside the read model's transaction: it sees the row just written.
    const [row] = await manager.query('SELECT count(*)::int AS n FROM processed_event');
    if (row.n > 0) this.changes.push(change);
  }
}

function viewModule(consumerGroup: string) {
  @Module({
    imports: [
      PlatformModule.forRoot({
        service: 'production-reporting',
        environment: ConsumerEnvironment,
        defaults: { PORT: 0 },
        schema: {
          entities: [...MESSAGING_ENTITIES, ...REGISTRY_VIEW_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...REGISTRY_VIEW_MIGRATIONS],
        },
      }),
      MessagingModule.forRoot({ service: 'production-reporting', consumerGroup }),
      RegistryViewModule,
    ],
    providers: [RecordingListener],
  })
  class ViewTestModule {}
  return ViewTestModule;
}

describe('registry view: a downstream copy of the registry, from its events', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let producer: Producer;

  const publish = async <P extends { version: number }>(
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
  ) => {
    const event = { ...sampleEvent(definition), eventId: randomUUID(), aggregateId, payload };
    await producer.send({
      topic: definition.topic.name,
      messages: [{ key: aggregateId, value: JSON.stringify(event) }],
    });
    return event;
  };

  beforeAll(async () => {
    database = await createTestDatabase('registry_view');
    Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: 'silent', KAFKA_SESSION_TIMEOUT_MS: '6000' });
    const group = `registry-view-test-${randomUUID()}`;
    await skipHistory(
      group,
      ALL_TOPICS.filter((topic) => topic.owner === 'deposit-registry').map((topic) => topic.name),
    );
    const moduleRef = await Test.createTestingModule({ imports: [viewModule(group)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await startConsumers(app);
    producer = testKafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await app.close();
    await database.drop();
  });

  it('keeps the newest version of a snapshot, whatever order and however often the versions arrive', async () => {
    const code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    const base = { ...sampleEvent(ProductAdded).payload, code };
    await publish(ProductUpdated, code, { ...base, name: 'Lithium carbonate, battery grade', version: 2 });
    await publish(ProductAdded, code, { ...base, version: 1 });
    await publish(ProductUpdated, code, { ...base, name: 'Lithium carbonate, battery grade', version: 2 });

    const view = app.get(RegistryView);
    const product = await waitFor(async () => (await view.products([code])).get(code));
    await waitFor(async () => {
      const [row] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM processed_event`);
      return row.n >= 3;
    });
    expect(product).toMatchObject({ name: 'Lithium carbonate, battery grade', version: 2, tonnageClass: 'large' });
  });

  it('answers licence coverage from the whole status history, once every version has arrived', async () => {
    const licenceId = randomUUID();
    const issued = {
      ...sampleEvent(LicenceIssued).payload,
      licenceId,
      validFrom: '2023-02-21',
      statusSince: '2023-02-21',
    };
    const { holderCompanyId, depositId } = issued;
    const view = app.get(RegistryView);
    const coverage = () => view.licenceCoverage(holderCompanyId, depositId, '2026-01-01', '2026-03-31');

    await publish(LicenceReinstated, licenceId, {
      ...issued,
      status: 'active',
      statusSince: '2026-04-20',
      previousStatus: 'suspended',
      reason: 'Mining plan approved',
      version: 3,
    });
    await publish(LicenceIssued, licenceId, issued);
    await waitFor(
      async () => (await coverage()).licence?.licenceId === licenceId && (await coverage()).licence?.version === 3,
    );
    expect((await coverage()).coverage.state).toBe('unknown');

    await publish(LicenceSuspended, licenceId, {
      ...issued,
      status: 'suspended',
      statusSince: '2026-02-10',
      previousStatus: 'active',
      reason: 'Mining plan late',
      version: 2,
    });
    const answer = await waitFor(async () => {
      const current = await coverage();
      return current.coverage.state !== 'unknown' && current;
    });
    expect(answer.coverage).toEqual({ state: 'inactive', reason: 'suspended since 2026-02-10' });
    expect(answer.licence).toMatchObject({ status: 'active', version: 3 });
  });

  it('keeps who ran a plant when, and not who recorded its hand-overs: authors are the registry’s to serve', async () => {
    const facilityId = randomUUID();
    const { operators } = (
      await publish(FacilityOperatorChanged, facilityId, {
        ...sampleEvent(FacilityOperatorChanged).payload,
        facilityId,
      })
    ).payload;
    expect(operators?.some((operator) => operator.handedOverBy)).toBe(true);
    const [row] = await waitFor(async () => {
      const rows = await app
        .get(DataSource)
        .query(`SELECT operators FROM registry_facility WHERE facility_id = $1`, [facilityId]);
      return rows.length > 0 && rows;
    });
    expect(row.operators).toEqual(operators?.map(({ operatorCompanyId, since }) => ({ operatorCompanyId, since })));
  });

  it('drops, on upgrade, the hand-over authors an older release stored', async () => {
    const facilityId = randomUUID();
    const [taker, giver] = [randomUUID(), randomUUID()];
    const dataSource = app.get(DataSource);
    await dataSource.query(
      `INSERT INTO registry_facility (facility_id, name, operator_company_id, operators, region, product_codes, status,
         status_since, version)
       VALUES ($1, 'Plant', $2, $3, 'Perm Krai', '{}', 'commissioned', '2026-01-01', 2)`,
      [
        facilityId,
        taker,
        JSON.stringify([
          { operatorCompanyId: giver, since: null },
          { operatorCompanyId: taker, since: '2026-02-01', handedOverBy: { userId: randomUUID(), name: 'A. Clerk' } },
        ]),
      ],
    );
    const runner = dataSource.createQueryRunner();
    await new OperatorsWithoutAuthors1764403900000().up(runner);
    await runner.release();
    const [row] = await dataSource.query(`SELECT operators FROM registry_facility WHERE facility_id = $1`, [
      facilityId,
    ]);
    expect(row.operators).toEqual([
      { operatorCompanyId: giver, since: null },
      { operatorCompanyId: taker, since: '2026-02-01' },
    ]);
  });

  it('tells listeners about every change in the same transaction, marking stale versions', async () => {
    const listener = app.get(RecordingListener);
    const code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    const base = { ...sampleEvent(ProductAdded).payload, code };
    await publish(ProductUpdated, code, { ...base, name: 'Renamed', version: 2 });
    await publish(ProductAdded, code, { ...base, version: 1 });

    const seen = await waitFor(async () => {
      const mine = listener.changes.filter((change) => change.id === code);
      return mine.length === 2 && mine;
    });
    // Each with the record as its own version left it, the stale one too.
    expect(seen.map(({ version, latest, snapshot }) => ({ version, latest, snapshot }))).toEqual([
      { version: 2, latest: true, snapshot: { ...base, name: 'Renamed', version: 2 } },
      { version: 1, latest: false, snapshot: { ...base, version: 1 } },
    ]);
  });
});
