/**
 * npm run bench — the whole platform on this machine, with its raw baselines measured in the same run.
 *
 * deposit-registry, production-reporting and target-monitoring run as separate
 * processes from dist/ (built first), each on a fresh database, exactly as
 * `npm start` runs them. Then:
 *
 * 1. load: BENCH_CONCURRENCY producers submit reports (one line, `submit: true`)
 *    over HTTP for BENCH_SECONDS; each is accepted by reporting, published
 *    through its outbox, consumed by monitoring into its projections;
 * 2. end to end, per report: from the start of the HTTP request to Kafka's
 *    acknowledgement of its event (the outbox row marked) and to the commit
 *    of monitoring's projection of it (the inbox row written in the same
 *    transaction); sustained rate: reports reflected in monitoring per second;
 * 3. peak memory (VmHWM) of every service process;
 * 4. baselines: the same number of messages of the same size produced with
 *    kafkajs (acks=all, idempotent, same concurrency) and consumed by one
 *    consumer, produce → consume latency; the same report rows inserted and
 *    committed in PostgreSQL by as many clients.
 *
 * Results: a table on stdout and bench/results/platform-<time>.json.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { createTestDatabase, testKafka, waitFor } from '@redmet/testing';
import { reportLine, send, World } from '../test/faults/support/load';
import { Platform, type ServiceName } from '../test/system/support/platform';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 100);
const SERVICES: ServiceName[] = ['deposit-registry', 'production-reporting', 'target-monitoring'];
const QUIET = { LOG_LEVEL: 'warn' };

interface Submitted {
  reportId: string;
  startedAt: number;
  answeredAt: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Peak resident memory of a process, from the kernel's own bookkeeping. */
function peakMemoryMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return round(kib / 1024);
}

async function drivePlatform(platform: Platform, world: World): Promise<{ submitted: Submitted[]; refused: number }> {
  const submitted: Submitted[] = [];
  let refused = 0;
  let sequence = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const url = `${platform.url('production-reporting')}/reports`;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        sequence += 1;
        const { site, period } = world.nextSlot(sequence);
        const startedAt = Date.now();
        const answer = await send(url, site.producer, 'POST', {
          facilityId: site.siteId,
          period,
          lines: [reportLine(world.productCode, `${sequence}.5`)],
          submit: true,
        });
        if (answer.status === 201 && answer.body.state === 'accepted') {
          submitted.push({ reportId: answer.body.reportId as string, startedAt, answeredAt: Date.now() });
        } else refused += 1;
      }
    }),
  );
  return { submitted, refused };
}

/** When monitoring committed each report's projection: its inbox row, written in the same transaction. */
async function reflectedAt(databaseUrl: string, submitted: Submitted[]): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = submitted.map((report) => report.reportId);
    return await waitFor(
      async () => {
        const { rows } = await client.query<{ report_id: string; at: Date }>(
          `SELECT rv.report_id, pe.processed_at AS at
             FROM report_version rv JOIN processed_event pe ON pe.event_id = rv.event_id
            WHERE rv.report_id = ANY($1::uuid[]) AND rv.version = 1`,
          [ids],
        );
        return rows.length === ids.length && new Map(rows.map((row) => [row.report_id, row.at.getTime()]));
      },
      { timeoutMs: 300_000, intervalMs: 500, description: `monitoring to project all ${ids.length} reports` },
    );
  } finally {
    await client.end();
  }
}

/** When Kafka acknowledged each report's ReportAccepted: the relay marks the outbox row then. */
async function publishedAt(databaseUrl: string, submitted: Submitted[]): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ report_id: string; at: Date }>(
      `SELECT message_key AS report_id, published_at AS at FROM outbox_message
        WHERE event_type = 'ReportAccepted' AND message_key = ANY($1::text[]) AND published_at IS NOT NULL`,
      [submitted.map((report) => report.reportId)],
    );
    return new Map(rows.map((row) => [row.report_id, row.at.getTime()]));
  } finally {
    await client.end();
  }
}

/** The size of what reporting published for a report: the raw baseline sends messages as large. */
async function eventBytes(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: number }>(
      `SELECT avg(octet_length(envelope::text))::int AS bytes FROM outbox_message WHERE event_type = 'ReportAccepted'`,
    );
    return rows[0].bytes;
  } finally {
    await client.end();
  }
}

/** kafkajs alone: `count` messages of `bytes` produced by CONCURRENCY senders, consumed by one consumer. */
async function rawKafka(count: number, bytes: number) {
  const topic = `bench.raw.${randomUUID()}`;
  const kafka = testKafka('bench-raw');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 12 }], waitForLeaders: true });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 10 });
  await Promise.all([producer.connect(), consumer.connect()]);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastAt = 0;
  const done = new Promise<void>((resolve) => {
    void consumer.subscribe({ topic, fromBeginning: true }).then(() =>
      consumer.run({
        eachMessage: async ({ message }) => {
          const key = message.key?.toString() ?? '';
          const started = sentAt.get(key);
          if (started === undefined) return;
          lastAt = Date.now();
          latencies.push(lastAt - started);
          if (latencies.length === count) resolve();
        },
      }),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the consumer joins before the clock starts
  const filler = 'x'.repeat(Math.max(0, bytes - 60));
  const startedAt = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const key = randomUUID();
        sentAt.set(key, Date.now());
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key, value: JSON.stringify({ key, filler }) }],
        });
      }
    }),
  );
  await done;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return {
    perSecond: round(count / ((lastAt - startedAt) / 1000)),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** PostgreSQL alone: the report rows (report, its version with the body, one line) inserted and committed. */
async function rawPostgres(count: number, body: object) {
  const database = await createTestDatabase('bench_raw');
  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      return client;
    }),
  );
  try {
    await clients[0].query(`
      CREATE TABLE report (id uuid PRIMARY KEY, company_id uuid NOT NULL, facility_id uuid, period text NOT NULL,
                           state text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE report_version (report_id uuid REFERENCES report, version int, content jsonb NOT NULL,
                                   sha256 text NOT NULL, PRIMARY KEY (report_id, version));
      CREATE TABLE report_line (report_id uuid, version int, line_no int, product_code text,
                                quantity numeric, metal_t numeric, PRIMARY KEY (report_id, version, line_no))`);
    const text = JSON.stringify(body);
    let next = 0;
    const latencies: number[] = [];
    const startedAt = Date.now();
    await Promise.all(
      clients.map(async (client) => {
        while (next < count) {
          next += 1;
          const id = randomUUID();
          const began = Date.now();
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO report (id, company_id, facility_id, period, state) VALUES ($1, $2, $3, '2020-01', 'accepted')`,
            [id, randomUUID(), randomUUID()],
          );
          await client.query(`INSERT INTO report_version VALUES ($1, 1, $2::jsonb, md5($2::text))`, [id, text]);
          await client.query(`INSERT INTO report_line VALUES ($1, 1, 1, 'LI-CARBONATE', 90000, 12.5)`, [id]);
          await client.query('COMMIT');
          latencies.push(Date.now() - began);
        }
      }),
    );
    return {
      perSecond: round(count / ((Date.now() - startedAt) / 1000)),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await database.drop();
  }
}

async function measurePlatform() {
  const platform = new Platform(SERVICES, Object.fromEntries(SERVICES.map((name) => [name, QUIET])));
  await platform.start();
  try {
    const world = await new World(platform).create(COMPANIES);
    // Let monitoring learn the registry (sites, product) before reports refer to it.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    const loadStart = Date.now();
    const { submitted, refused } = await drivePlatform(platform, world);
    const loadEnd = Date.now();
    const databaseOf = (name: ServiceName) => platform.services.get(name)?.environment.DATABASE_URL ?? '';
    const reflected = await reflectedAt(databaseOf('target-monitoring'), submitted);
    const lastReflected = Math.max(...reflected.values());
    const endToEnd = submitted.map((report) => (reflected.get(report.reportId) ?? NaN) - report.startedAt);
    const http = submitted.map((report) => report.answeredAt - report.startedAt);
    const published = await publishedAt(databaseOf('production-reporting'), submitted);
    const toKafka = submitted.map((report) => (published.get(report.reportId) ?? NaN) - report.startedAt);
    return {
      reportsAccepted: submitted.length,
      refused,
      acceptedPerSecond: round(submitted.length / ((loadEnd - loadStart) / 1000)),
      reflectedPerSecond: round(submitted.length / ((lastReflected - loadStart) / 1000)),
      httpP50Ms: percentile(http, 50),
      httpP99Ms: percentile(http, 99),
      toKafkaP50Ms: percentile(toKafka, 50),
      toKafkaP99Ms: percentile(toKafka, 99),
      endToEndP50Ms: percentile(endToEnd, 50),
      endToEndP99Ms: percentile(endToEnd, 99),
      peakMemoryMiB: Object.fromEntries(
        SERVICES.map((name) => [name, peakMemoryMiB(platform.services.get(name)?.process.pid)]),
      ),
      eventBytes: await eventBytes(databaseOf('production-reporting')),
    };
  } finally {
    await platform.stop();
  }
}

function printTable(rows: [string, string, string, string][]): void {
  const headings = ['measure', 'platform', 'raw baseline', 'ratio'];
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  console.log(line(headings));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const measured = await measurePlatform();
  const kafka = await rawKafka(measured.reportsAccepted, measured.eventBytes);
  const postgres = await rawPostgres(measured.reportsAccepted, {
    facilityId: randomUUID(),
    period: '2020-01',
    lines: [reportLine('LI-CARBONATE', '12.5')],
    submit: true,
  });
  const ratios = {
    reflectedPerSecondVsRawKafka: round(measured.reflectedPerSecond / kafka.perSecond, 3),
    acceptedPerSecondVsRawPostgres: round(measured.acceptedPerSecond / postgres.perSecond, 3),
    endToEndP50VsRawKafkaP50: round(measured.endToEndP50Ms / kafka.p50Ms, 1),
    endToEndP99VsRawKafkaP99: round(measured.endToEndP99Ms / kafka.p99Ms, 1),
  };
  const results = {
    at: new Date().toISOString(),
    settings: { seconds: SECONDS, concurrency: CONCURRENCY, companies: COMPANIES },
    platform: measured,
    baselines: { kafka, postgres },
    ratios,
  };

  console.log(
    `\n${measured.reportsAccepted} reports accepted in ${SECONDS} s by ${CONCURRENCY} producers at once ` +
      `(events of ${measured.eventBytes} bytes); ${measured.refused} not accepted\n`,
  );
  printTable([
    [
      'reports/s',
      `${measured.acceptedPerSecond} accepted, ${measured.reflectedPerSecond} in monitoring`,
      `kafka ${kafka.perSecond} msg/s, pg ${postgres.perSecond} reports/s`,
      `${ratios.reflectedPerSecondVsRawKafka} of kafka, ${ratios.acceptedPerSecondVsRawPostgres} of pg`,
    ],
    [
      'latency p50',
      `${measured.endToEndP50Ms} ms end to end (HTTP ${measured.httpP50Ms}, Kafka ${measured.toKafkaP50Ms})`,
      `kafka ${kafka.p50Ms} ms, pg ${postgres.p50Ms} ms`,
      `${ratios.endToEndP50VsRawKafkaP50}x kafka`,
    ],
    [
      'latency p99',
      `${measured.endToEndP99Ms} ms end to end (HTTP ${measured.httpP99Ms}, Kafka ${measured.toKafkaP99Ms})`,
      `kafka ${kafka.p99Ms} ms, pg ${postgres.p99Ms} ms`,
      `${ratios.endToEndP99VsRawKafkaP99}x kafka`,
    ],
    ...SERVICES.map((name): [string, string, string, string] => [
      `peak RSS ${name}`,
      `${measured.peakMemoryMiB[name]} MiB`,
      '',
      '',
    ]),
  ]);
  const directory = path.resolve(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `platform-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
