import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { FacilityRegistered } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import type { RegistryChange } from '@redmet/registry-view';
import { createTestDatabase, startTestApp, TestAuth, type TestDatabase } from '@redmet/testing';
import { InputsChanged } from '../src/alerts/inputs-changed';
import { AppModule } from '../src/app.module';
import { MONITORING_API } from '../src/monitoring.api';
import { RegistryListener } from '../src/registry/registry.listener';

jest.setTimeout(120_000);

/**
 * The programme-wide rules are judged from committed figures: an evaluation
 * that takes the mark while the change is still uncommitted judges without
 * it, and nothing judges it again until the next sweep. Without consumers or
 * the evaluator, so that nothing else marks or takes the mark meanwhile.
 */
describe('inputs changed by a registry event', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase('monitoring');
    new TestAuth().install();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      KAFKA_CONSUMER_GROUP: `target-monitoring-test-${randomUUID()}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ALERTS_ENABLED: 'false',
    });
    app = await startTestApp(AppModule, MONITORING_API);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('are marked once the transaction has committed, not before, and not when it rolls back', async () => {
    const [inputs, listener, dataSource] = [app.get(InputsChanged), app.get(RegistryListener), app.get(DataSource)];
    const facilityId = randomUUID();
    const change: RegistryChange = {
      aggregate: 'facility',
      id: facilityId,
      eventType: FacilityRegistered.type,
      version: 1,
      latest: true,
      occurredAt: new Date().toISOString(),
      snapshot: { ...sampleEvent(FacilityRegistered).payload, facilityId },
    };
    inputs.take();

    await dataSource.transaction(async (manager) => {
      await listener.registryChanged(change, manager);
      expect(inputs.take()).toBe(false);
    });
    expect(inputs.take()).toBe(true);

    const rolledBack = dataSource.transaction(async (manager) => {
      await listener.registryChanged(change, manager);
      throw new Error('the consumer failed after the listener');
    });
    await expect(rolledBack).rejects.toThrow('the consumer failed');
    expect(inputs.take()).toBe(false);
  });
});
