/**
 * npm run bench:reporting — production reporting through its HTTP API, measured in one run on this machine.
 *
 * The real app starts in-process on a fresh database with its own consumer
 * group; the registry it checks against is seeded by publishing the registry's
 * events to Kafka, as in production.
 *
 * 1. throughput: reports of 5 lines created and submitted (`submit: true`) by
 *    CONCURRENCY clients at once, each one accepted; p50/p99 request latency.
 *    The clients run in a child process (support/http-load), so that the app
 *    does not share its event loop with them;
 * 2. submit → `ReportAccepted` on Kafka, per report: under that load from the
 *    outbox's `published_at` (set when Kafka acknowledged it), so that no extra
 *    consumer competes for the two cores; one report at a time as read back
 *    from Kafka by a consumer;
 * 3. baseline: the same rows (report, version, 5 lines, 2 outbox rows, month
 *    claim) inserted with plain SQL through the app's own pool, same concurrency;
 * 4. a 10,000-line CSV validated and stored (20 reports of 500 lines).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, ReportAccepted, TOPICS } from '@redmet/contracts';
import { startConsumers } from '@redmet/messaging';
import { createHttpApp } from '@redmet/platform';
import { createTestDatabase, groupJoined, skipHistory, TestAuth, testKafka, waitFor } from '@redmet/testing';
import { AppModule } from '../apps/production-reporting/src/app.module';
import { REPORTING_API } from '../apps/production-reporting/src/reporting.api';
import { httpRequest, loadFromChild } from './support/http-load';
import { RegistrySeed } from './support/registry-seed';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const WARM_UP = 300;
const SITES = 60;
const productCodes = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => `BENCH-${tag}-${randomUUID().slice(0, 6).toUpperCase()}-${i}`);
const PRODUCTS = productCodes(5, 'R');
/** The upload's 10,000 lines go to 20 sites: 500 lines each, and a report names a product once. */
const UPLOAD_SITES = 20;
const UPLOAD_PRODUCTS = productCodes(500, 'U');
const NEVER = '0 30 2 1 1 *';

interface Site {
  facilityId?: string;
  depositId?: string;
}

const companyId = randomUUID();
const facilities: Site[] = Array.from({ length: SITES }, () => ({ facilityId: randomUUID() }));
const deposits: Site[] = Array.from({ length: SITES }, () => ({ depositId: randomUUID() }));
/**
 * Every site and month 2000-01..2024-12 once, so that every report is accepted;
 * consecutive reports are of different sites, as when many producers file at once.
 */
const slots = Array.from(
  { length: 300 },
  (_, m) => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
).flatMap((period) => [...facilities, ...deposits].map((site) => ({ site, period })));
let nextSlot = 0;

function reportBody() {
  const { site, period } = slots[nextSlot++];
  const lines = PRODUCTS.map((productCode, i) => ({
    productCode,
    quantity: `${120 + i}.5`,
    unit: 't',
    metalContentTonnes: `${20 + i}.125`,
    domesticShipments: '100',
    exports: `${i}.5`,
  }));
  return { ...site, period, lines, submit: true };
}

async function seedRegistry(producer: Producer, app: INestApplication): Promise<void> {
  const seed = new RegistrySeed().company(companyId);
  for (const code of [...PRODUCTS, ...UPLOAD_PRODUCTS]) seed.product(code);
  for (const { facilityId } of facilities) seed.facility(facilityId as string, companyId, '1999-01-01');
  for (const { depositId } of deposits) seed.licensedDeposit(depositId as string, companyId, '1999-01-01');
  await seed.publish(producer);
  const dataSource = app.get(DataSource);
  const expected = SITES * 3 + PRODUCTS.length + UPLOAD_PRODUCTS.length;
  let seen = 0;
  await waitFor(
    async () => {
      const [row] = await dataSource.query(
        `SELECT (SELECT count(*) FROM registry_facility) + (SELECT count(*) FROM registry_licence_status)
              + (SELECT count(*) FROM registry_deposit) + (SELECT count(*) FROM registry_product) AS n`,
      );
      seen = Number(row.n);
      return seen === expected;
    },
    { timeoutMs: 300000, description: 'the registry read model' },
  ).catch((error: Error) => {
    throw new Error(`${error.message} (${seen} of ${expected} rows)`);
  });
}

/** Logs how long a phase took and how busy this process (the app and its relay; the load runs in a child) kept a core meanwhile. */
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const result = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.error(`[bench] ${name}: ${Math.round(ms)} ms, process CPU ${Math.round((cpu.user + cpu.system) / 10 / ms)}%`);
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  constructor(
    private readonly port: number,
    private readonly authorization: string,
  ) {}

  request(method: string, url: string, body: Buffer, contentType: string): Promise<{ status: number; body: string }> {
    return httpRequest(
      this.agent,
      { port: this.port, method, path: url },
      { authorization: this.authorization, 'content-type': contentType },
      body,
    );
  }

  /** Files one report; returns its id. */
  async submit(): Promise<string> {
    const response = await this.request(
      'POST',
      '/reports',
      Buffer.from(JSON.stringify(reportBody())),
      'application/json',
    );
    const answer = JSON.parse(response.body);
    if (response.status !== 201 || answer.state !== 'accepted') throw new Error(`not accepted: ${response.body}`);
    return answer.reportId;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Records when each report's ReportAccepted is read from Kafka. */
async function acceptedWatcher(): Promise<{ seen: Map<string, number>; stop: () => Promise<void> }> {
  const seen = new Map<string, number>();
  const groupId = `bench-reporting-watch-${randomUUID()}`;
  // Committed at the topic's end first: a new group without offsets looks for the end only at its first
  // fetch, and a report accepted in between would never be seen.
  await skipHistory(groupId, [TOPICS.reportingReport.name]);
  const consumer = testKafka('bench-reporting-watch').consumer({
    groupId,
    sessionTimeout: 6000,
    maxWaitTimeInMs: 20,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.reportingReport.name, fromBeginning: false });
  const joined = groupJoined(consumer);
  await consumer.run({
    partitionsConsumedConcurrently: TOPICS.reportingReport.partitions,
    eachMessage: async ({ message }) => {
      if (message.headers?.['x-event-type']?.toString() === ReportAccepted.type) {
        seen.set(message.key?.toString() ?? '', performance.now());
      }
    },
  });
  await joined;
  return { seen, stop: () => consumer.disconnect() };
}

/** `count` reports submitted by CONCURRENCY clients in a child process; each must be accepted. */
async function runConcurrently(port: number, authorization: string, count: number, started: Map<string, number>) {
  const { seconds, answers } = await loadFromChild({
    port,
    method: 'POST',
    path: '/reports',
    authorization,
    concurrency: CONCURRENCY,
    bodies: Array.from({ length: count }, () => JSON.stringify(reportBody())),
  });
  for (const answer of answers) {
    const report = JSON.parse(answer.body);
    if (answer.status !== 201 || report.state !== 'accepted') throw new Error(`not accepted: ${answer.body}`);
    started.set(report.reportId, answer.sentAt);
  }
  return { perSecond: count / seconds, latencies: answers.map((answer) => answer.ms).sort((a, b) => a - b) };
}

/** Milliseconds from each request's start (wall clock) to Kafka's acknowledgement of its ReportAccepted. */
async function publishedAfter(app: INestApplication, started: Map<string, number>): Promise<number[]> {
  const dataSource = app.get(DataSource);
  await waitFor(
    async () =>
      (await dataSource.query('SELECT 1 FROM outbox_message WHERE published_at IS NULL LIMIT 1')).length === 0,
    { timeoutMs: 120000, intervalMs: 50, description: 'the outbox to drain' },
  );
  const rows: { key: string; ms: number }[] = await dataSource.query(
    `SELECT message_key AS key, extract(epoch FROM published_at) * 1000 AS ms
       FROM outbox_message WHERE event_type = $1 AND message_key = ANY($2::text[])`,
    [ReportAccepted.type, [...started.keys()]],
  );
  if (rows.length !== started.size) throw new Error(`${rows.length} of ${started.size} ReportAccepted published`);
  return rows.map((row) => Number(row.ms) - (started.get(row.key) as number)).sort((a, b) => a - b);
}

function untilAccepted(started: Map<string, number>, seen: Map<string, number>): Promise<number[]> {
  return waitFor(
    async () => {
      const times = [...started].map(([id, t0]) => (seen.has(id) ? (seen.get(id) as number) - t0 : undefined));
      return times.every((time) => time !== undefined) && (times as number[]).sort((a, b) => a - b);
    },
    { timeoutMs: 120000, intervalMs: 50, description: 'every ReportAccepted on Kafka' },
  );
}

/** The rows one accepted report writes, inserted with plain SQL through the app's pool, one transaction each. */
async function rawInsertRate(app: INestApplication): Promise<number> {
  const dataSource = app.get(DataSource);
  let done = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (done < REPORTS) {
        done += 1;
        const body = reportBody();
        const id = randomUUID();
        const payload = JSON.stringify({ reportId: id, ...body });
        await dataSource.transaction(async (manager) => {
          await manager.query(
            `INSERT INTO report (id, company_id, facility_id, deposit_id, period, state, latest_version, accepted_version, created_by)
             VALUES ($1, $2, $3, $4, $5, 'accepted', 1, 1, 'bench')`,
            [id, companyId, body.facilityId ?? null, body.depositId ?? null, body.period],
          );
          await manager.query(
            `INSERT INTO report_version (report_id, version, state, nil_return, region, signed_by_user_id, submitted_at, content_sha256, decided_at)
             VALUES ($1, 1, 'accepted', false, 'Murmansk Oblast', 'bench', now(), $2, now())`,
            [id, 'f'.repeat(64)],
          );
          await manager.query(
            `INSERT INTO report_line (report_id, version, line_no, product_code, tonnage_class, quantity, unit, metal_content_tonnes, domestic_shipments, exports)
             VALUES ${body.lines.map((_, i) => `($1, 1, ${i + 1}, $${i * 3 + 2}, 'large', $${i * 3 + 3}, 't', $${i * 3 + 4}, '100', '0')`).join(', ')}`,
            [id, ...body.lines.flatMap((l) => [l.productCode, l.quantity, l.metalContentTonnes])],
          );
          for (const type of ['ReportSubmitted', 'ReportAccepted']) {
            await manager.query(
              // Born published: the relay must not send these to Kafka.
              `INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers, published_at)
               VALUES ($1, 'bench.none', $2, $3, $4, '{}', now())`,
              [randomUUID(), id, type, payload],
            );
          }
          await manager.query(`INSERT INTO accepted_site_month (site_id, month, report_id) VALUES ($1, $2, $3)`, [
            body.facilityId ?? body.depositId,
            `${body.period}-01`,
            id,
          ]);
        });
      }
    }),
  );
  return REPORTS / ((performance.now() - begin) / 1000);
}

async function csvUpload(client: Client): Promise<{ ms: number; reports: number }> {
  const header =
    'facility_id,deposit_id,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports';
  const rows: string[] = [];
  for (let i = 0; i < 10000; i += 1) {
    const site = facilities[i % UPLOAD_SITES].facilityId;
    const product = UPLOAD_PRODUCTS[Math.floor(i / UPLOAD_SITES)];
    rows.push(`${site},,2025-Q1,${product},${(i % 97) + 1}.25,t,0.5,1,0`);
  }
  const boundary = `bench-${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lines.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from([header, ...rows].join('\n')),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const t0 = performance.now();
  const response = await client.request('POST', '/reports/uploads', body, `multipart/form-data; boundary=${boundary}`);
  const ms = performance.now() - t0;
  const answer = JSON.parse(response.body);
  if (response.status !== 201 || answer.rows !== 10000)
    throw new Error(`CSV upload failed: ${response.body.slice(0, 500)}`);
  return { ms, reports: answer.reports.length };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
  const database = await createTestDatabase('bench_reporting');
  const auth = new TestAuth().install();
  const group = `bench-reporting-${randomUUID()}`;
  Object.assign(process.env, {
    PORT: '0',
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'warn',
    REPORTING_DEADLINE_CHECK_CRON: NEVER,
    REPORTING_PENDING_CHECK_CRON: NEVER,
  });
  await skipHistory(
    group,
    ALL_TOPICS.filter((topic) => topic.owner === 'deposit-registry').map((topic) => topic.name),
  );
  const app = await createHttpApp(AppModule, REPORTING_API);
  await startConsumers(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const producer = testKafka('bench-reporting-registry').producer();
  await producer.connect();
  const authorization = await auth.bearer({ roles: ['producer'], companyId, name: 'Bench signer', expiresIn: '2h' });
  const client = new Client(port, authorization);
  try {
    await phase('registry seeded through Kafka', () => seedRegistry(producer, app));
    await phase('warm-up', () => runConcurrently(port, authorization, WARM_UP, new Map()));
    const loaded = new Map<string, number>();
    const throughput = await phase('throughput', () => runConcurrently(port, authorization, REPORTS, loaded));
    const toKafkaLoaded = await phase('ReportAccepted on Kafka', () => publishedAfter(app, loaded));
    const watcher = await acceptedWatcher();
    const single = new Map<string, number>();
    await phase('one at a time', async () => {
      for (let i = 0; i < SEQUENTIAL; i += 1) {
        const t0 = performance.now();
        const id = await client.submit();
        single.set(id, t0);
        await waitFor(async () => watcher.seen.has(id), { intervalMs: 1 });
      }
    });
    const sequential = await untilAccepted(single, watcher.seen);
    await watcher.stop();
    const raw = await phase('raw inserts', () => rawInsertRate(app));
    const csv = await phase('CSV', () => csvUpload(client));
    const result = {
      reports: REPORTS,
      concurrency: CONCURRENCY,
      acceptedPerSecond: throughput.perSecond,
      latencyMs: { p50: percentile(throughput.latencies, 50), p99: percentile(throughput.latencies, 99) },
      toKafkaUnderLoadMs: { p50: percentile(toKafkaLoaded, 50), p99: percentile(toKafkaLoaded, 99) },
      oneAtATimeToKafkaMs: { p50: percentile(sequential, 50), p99: percentile(sequential, 99) },
      rawInsertPerSecond: raw,
      ratio: throughput.perSecond / raw,
      csv10000LinesMs: csv.ms,
      csvReports: csv.reports,
    };
    const fixed = (value: number) => Number(value.toFixed(1));
    console.log(
      `\nproduction reporting benchmark (${REPORTS} reports of 5 lines, ${CONCURRENCY} concurrent clients, 1 broker)`,
    );
    console.table({
      'reports accepted/s through HTTP': Math.round(result.acceptedPerSecond),
      'request latency p50 (ms)': fixed(result.latencyMs.p50),
      'request latency p99 (ms)': fixed(result.latencyMs.p99),
      'submit → ReportAccepted on Kafka, under load, p50 (ms)': fixed(result.toKafkaUnderLoadMs.p50),
      'submit → ReportAccepted on Kafka, under load, p99 (ms)': fixed(result.toKafkaUnderLoadMs.p99),
      'submit → ReportAccepted read from Kafka, one at a time, p50 (ms)': fixed(result.oneAtATimeToKafkaMs.p50),
      'submit → ReportAccepted read from Kafka, one at a time, p99 (ms)': fixed(result.oneAtATimeToKafkaMs.p99),
      'raw PostgreSQL inserts of the same rows (reports/s)': Math.round(result.rawInsertPerSecond),
      'ratio HTTP/raw': Number(result.ratio.toFixed(2)),
      [`10,000-line CSV validated and stored (${csv.reports} reports) (ms)`]: Math.round(result.csv10000LinesMs),
    });
    console.log(JSON.stringify(result));
  } finally {
    client.close();
    await producer.disconnect();
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
