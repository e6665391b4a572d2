import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase, waitFor } from '@redmet/testing';
import { depositSnapshot, startProbe, writeThroughOutbox } from '../../libs/messaging/test/support/probe-app';

const ROOT = path.resolve(__dirname, '../..');
const BROKERS = '127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096';

function cluster(...args: string[]): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/kafka-cluster.mjs'), ...args, '--brokers', '3'], {
    stdio: 'inherit',
  });
}

/**
 * Three brokers, topics replicated three times with two in sync required, producers
 * at acks=all: one broker killed mid-load loses nothing and stops nothing.
 */
describe('faults: a broker of a three-broker cluster dies under load', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    cluster('up');
    database = await createTestDatabase('faults_broker');
    Object.assign(process.env, {
      KAFKA_BROKERS: BROKERS,
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    app = await startProbe({ databaseUrl: database.url, consumerGroup: `faults-broker-${randomUUID()}` });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    process.env = saved;
    // No brokers are left running after the suite (only the nodes this checkout started are stopped).
    cluster('down');
  }, 300_000);

  it('applies every committed event exactly once while a broker is killed and comes back', async () => {
    const depositId = randomUUID();
    const total = 300;
    let written = 0;
    const writeSome = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        written += 1;
        await writeThroughOutbox(app, [depositSnapshot({ depositId, version: written })]);
      }
    };

    await writeSome(100);
    cluster('kill', '2');
    await writeSome(100);
    cluster('start', '2');
    await writeSome(total - 200);

    const effects = await waitFor(
      async () => {
        const rows: { version: number; applied: number }[] = await app
          .get(DataSource)
          .query('SELECT version, applied FROM probe_effect WHERE deposit_id = $1 ORDER BY version', [depositId]);
        return rows.length === total && rows;
      },
      { timeoutMs: 180_000, intervalMs: 500, description: `all ${total} events applied` },
    );
    expect(effects.map((row) => row.version)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(effects.every((row) => row.applied === 1)).toBe(true);
    const [{ unpublished }] = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS unpublished FROM outbox_message WHERE published_at IS NULL');
    expect(unpublished).toBe(0);
    // A broker killed and started again, beside the other suites on two cores: the waits above set the limit.
  }, 300_000);
});
