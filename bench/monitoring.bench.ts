/**
 * npm run bench:monitoring — target-monitoring, measured in one run on this machine.
 *
 * a. replay: BENCH_REPLAY_REPORTS accepted reports (5 lines each; a year of
 *    months of BENCH_REPLAY_REPORTS / 12 sites of BENCH_REPLAY_COMPANIES
 *    companies) published to reporting.report.v1, then rebuilt into a fresh
 *    database by the rebuild command's replayer, beside a raw kafkajs consumer reading the same offsets
 *    and a raw PostgreSQL insert of the rows the replay writes for them;
 * b. end-to-end latency: production-reporting and target-monitoring running from
 *    dist/ as separate processes (built first), their registry views seeded
 *    through Kafka; reports submitted over HTTP at BENCH_RATE/s for
 *    BENCH_SECONDS; latency from the i-th submission to the targets API
 *    showing the figure grown by i + 1 reports (polled; how far the figure lags
 *    behind, as reports commit out of order), and to a sudden-drop alert on
 *    the SSE stream for every 10th report;
 * c. p99 of GET /targets with BENCH_LINES report lines bulk-loaded with SQL
 *    into the projection tables (the rows and aggregates the consumer writes).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type EventEnvelope, ReportAccepted, type ReportVersionSnapshot, TOPICS } from '@redmet/contracts';
import { sampleEvent, samplePayload } from '@redmet/contracts/testing';
import { startConsumers } from '@redmet/messaging';
import { createHttpApp } from '@redmet/platform';
import { createTestDatabase, provisionTopics, skipHistory, TestAuth, testKafka, waitFor } from '@redmet/testing';
import { AppModule } from '../apps/target-monitoring/src/app.module';
import { MONITORING_API } from '../apps/target-monitoring/src/monitoring.api';
import { unnestSpec } from '../apps/target-monitoring/src/common/unnest';
import { MONITORING_SCHEMA } from '../apps/target-monitoring/src/database/schema';
import { dropSecondaryIndexes } from '../apps/target-monitoring/src/rebuild/deferred-indexes';
import { BULK_TABLES, type Offsets } from '../apps/target-monitoring/src/rebuild/projection-replayer';
import { recomputeKnowledge } from '../apps/target-monitoring/src/reports/output-knowledge';
import { rebuildProjections } from '../apps/target-monitoring/src/rebuild/rebuild';
import { CONSUMED_TOPICS, NEVER_CRON } from '../apps/target-monitoring/test/support/monitoring-app';
import { listening, openStream } from '../apps/target-monitoring/test/support/sse-client';
import { Platform, type ServiceName } from '../test/system/support/platform';
import { httpRequest } from './support/http-load';
import { RegistrySeed } from './support/registry-seed';

const REPLAY_REPORTS = Number(process.env.BENCH_REPLAY_REPORTS ?? 20000);
const REPLAY_COMPANIES = Number(process.env.BENCH_REPLAY_COMPANIES ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const API_CALLS = Number(process.env.BENCH_API_CALLS ?? 500);
const HISTORY_CALLS = Number(process.env.BENCH_HISTORY_CALLS ?? 20);
/** Part b's reports are of this year's months: a past year, since reporting refuses periods still to come. */
const YEAR = 2025;
/** Part b: submissions waiting for an answer at most; beyond it the offered rate falls behind. */
const MAX_IN_FLIGHT = 256;
const COMPANY = randomUUID();
/** Which parts to run, e.g. `a,c`; all by default. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'a,b,c').split(','));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function report(code: string, period: string, quantity: string, siteId = randomUUID()): ReportVersionSnapshot {
  return {
    ...samplePayload(ReportAccepted),
    reportId: randomUUID(),
    companyId: randomUUID(),
    facilityId: siteId,
    depositId: null,
    period,
    state: 'accepted',
    lines: [
      {
        lineNo: 1,
        productCode: code,
        tonnageClass: 'small',
        quantity,
        unit: 't',
        metalContentTonnes: quantity,
        domesticShipments: quantity,
        exports: '0',
      },
    ],
  };
}

function message(payload: ReportVersionSnapshot) {
  const event = {
    ...sampleEvent(ReportAccepted),
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    aggregateId: payload.reportId,
    payload,
  };
  return { key: payload.reportId, value: JSON.stringify(event) };
}

async function offsetsNow(topics: string[], side: 'high' | 'group', groupId?: string): Promise<Offsets> {
  const admin = testKafka('bench-monitoring-admin').admin();
  await admin.connect();
  try {
    if (side === 'group' && groupId) {
      const fetched = await admin.fetchOffsets({ groupId, topics });
      return new Map(
        fetched.map(({ topic, partitions }) => [
          topic,
          new Map(partitions.map((p) => [p.partition, BigInt(p.offset)])),
        ]),
      );
    }
    const result: Offsets = new Map();
    for (const topic of topics) {
      result.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)])));
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** (a) The replay beside a raw kafkajs consumer of the same offsets. */
async function measureReplay(producer: Producer) {
  const topics = [TOPICS.reportingReport.name];
  const start = await offsetsNow(CONSUMED_TOPICS, 'high');
  const code = `BENCH-${randomUUID().slice(0, 8).toUpperCase()}`;
  // An industry's shape: a few hundred producers, each with a few sites, every site reporting once a month.
  const companies = Array.from({ length: REPLAY_COMPANIES }, () => randomUUID());
  const sites = Array.from({ length: Math.ceil(REPLAY_REPORTS / 12) }, (_, n) => ({
    siteId: randomUUID(),
    companyId: companies[n % companies.length],
  }));
  const reports: ReturnType<typeof message>[] = [];
  for (let sent = 0; sent < REPLAY_REPORTS; sent += 500) {
    const batch = Array.from({ length: Math.min(500, REPLAY_REPORTS - sent) }, (_, i) => {
      const site = sites[Math.floor((sent + i) / 12)];
      const payload = report(code, `2098-${String(((sent + i) % 12) + 1).padStart(2, '0')}`, '1.5', site.siteId);
      payload.companyId = site.companyId;
      payload.lines = Array.from({ length: 5 }, (_, n) => ({
        ...payload.lines[0],
        lineNo: n + 1,
        productCode: `${code}-${n}`,
      }));
      return message(payload);
    });
    reports.push(...batch);
    await producer.send({ topic: topics[0], messages: batch });
  }
  const until = await offsetsNow(topics, 'high');
  const raw = await rawConsume(start, until);
  const written = await rawWrite(reports);
  const admin = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const target = new URL(admin.toString());
  target.pathname = `/redmet_bench_monitoring_replay_${randomUUID().slice(0, 8)}`;
  const replay = await rebuildProjections({
    targetDatabaseUrl: target.toString(),
    consumerGroup: `bench-monitoring-replay-${randomUUID()}`,
    startOffsets: start,
    logger: ['error'],
  }).finally(async () => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${target.pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  });
  return { raw, written, replay };
}

/**
 * The floor PostgreSQL sets: the rows the replay writes for each event (its
 * inbox row, report version and lines as facts) inserted straight from the
 * events in memory, 500 a statement and two statements at a time, into a
 * migrated database whose bulk tables' secondary indexes are dropped as the
 * replay drops them. No Kafka, no parsing or validation, no aggregates or
 * index builds at the end.
 */
async function rawWrite(messages: { value: string }[]): Promise<{ messages: number; seconds: number }> {
  const database = await createTestDatabase('bench_monitoring_raw_write');
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    entities: MONITORING_SCHEMA.entities,
    migrations: MONITORING_SCHEMA.migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await dropSecondaryIndexes(dataSource, BULK_TABLES);
    const events = messages.map((m) => JSON.parse(m.value) as EventEnvelope<ReportVersionSnapshot>);
    const chunks = Array.from({ length: Math.ceil(events.length / 500) }, (_, i) =>
      events.slice(i * 500, i * 500 + 500),
    );
    const started = process.hrtime.bigint();
    const lanes = Array.from({ length: 2 }, async (_, lane) => {
      for (let i = lane; i < chunks.length; i += 2) {
        await dataSource.transaction((manager) => manager.query(RAW_WRITE, rawWriteParameters(chunks[i])));
      }
    });
    await Promise.all(lanes);
    return { messages: events.length, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

type Accepted = EventEnvelope<ReportVersionSnapshot>;
type AcceptedLine = { event: Accepted; line: ReportVersionSnapshot['lines'][number] };
const RAW_VERSIONS = unnestSpec<Accepted>([
  ['event_id', 'uuid', (e) => e.eventId],
  ['report_id', 'uuid', (e) => e.payload.reportId],
  ['version', 'int', (e) => e.payload.version],
  ['company_id', 'uuid', (e) => e.payload.companyId],
  ['facility_id', 'uuid', (e) => e.payload.facilityId ?? null],
  ['period', 'text', (e) => e.payload.period],
  ['period_start', 'date', (e) => `${e.payload.period}-01`],
  ['accepted_at', 'timestamptz', (e) => e.occurredAt],
]);
const RAW_LINES = unnestSpec<AcceptedLine>([
  ['report_id', 'uuid', ({ event }) => event.payload.reportId],
  ['version', 'int', ({ event }) => event.payload.version],
  ['line_no', 'int', ({ line }) => line.lineNo],
  ['company_id', 'uuid', ({ event }) => event.payload.companyId],
  ['facility_id', 'uuid', ({ event }) => event.payload.facilityId ?? null],
  ['period', 'text', ({ event }) => event.payload.period],
  ['period_start', 'date', ({ event }) => `${event.payload.period}-01`],
  ['product_code', 'text', ({ line }) => line.productCode],
  ['tonnage_class', 'text', ({ line }) => line.tonnageClass ?? 'unknown'],
  ['quantity_t', 'numeric', ({ line }) => line.quantity],
  ['metal_t', 'numeric', ({ line }) => line.metalContentTonnes],
  ['domestic_t', 'numeric', ({ line }) => line.domesticShipments],
  ['exports_t', 'numeric', ({ line }) => line.exports],
  ['known_from', 'timestamptz', ({ event }) => event.occurredAt],
]);
const RAW_LINE_PARAMETERS = RAW_LINES.casts.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + RAW_VERSIONS.size}`);
const RAW_WRITE = `
  WITH v AS (SELECT * FROM unnest(${RAW_VERSIONS.casts}) AS t(${RAW_VERSIONS.names})),
  inbox AS (
    INSERT INTO processed_event (consumer, event_id, topic, partition, "offset")
    SELECT 'bench-raw-write', event_id, 'reporting.report.v1', 0, 0 FROM v),
  versions AS (
    INSERT INTO report_version (report_id, version, company_id, facility_id, site_id, region, period, period_start,
                                period_end, nil_return, accepted_at, event_id)
    SELECT report_id, version, company_id, facility_id, facility_id, 'unknown', period, period_start, period_start,
           false, accepted_at, event_id FROM v)
  INSERT INTO report_line_fact (report_id, version, line_no, company_id, facility_id, site_id, region, period,
                                period_start, period_end, months, product_code, tonnage_class, quantity_t, metal_t,
                                domestic_t, exports_t, known_from)
  SELECT report_id, version, line_no, company_id, facility_id, facility_id, 'unknown', period, period_start,
         period_start, 1, product_code, tonnage_class, quantity_t, metal_t, domestic_t, exports_t, known_from
    FROM unnest(${RAW_LINE_PARAMETERS}) AS l(${RAW_LINES.names})`;

function rawWriteParameters(events: Accepted[]): string[] {
  return [
    ...RAW_VERSIONS.arrays(events),
    ...RAW_LINES.arrays(events.flatMap((event) => event.payload.lines.map((line) => ({ event, line })))),
  ];
}

async function rawConsume(start: Offsets, until: Offsets): Promise<{ messages: number; seconds: number }> {
  const groupId = `bench-monitoring-raw-${randomUUID()}`;
  const kafka = testKafka('bench-monitoring-raw');
  const admin = kafka.admin();
  await admin.connect();
  for (const [topic, partitions] of start) {
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [...partitions].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
  }
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30000, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...start.keys()] });
  const position = new Map<string, bigint>();
  const remaining = [...until].flatMap(([topic, ends]) =>
    [...ends]
      .filter(([partition, end]) => (start.get(topic)?.get(partition) ?? 0n) < end)
      .map(([partition, end]) => ({ key: `${topic}:${partition}`, end })),
  );
  let read = 0;
  let first: bigint | undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      first ??= process.hrtime.bigint();
      read += batch.messages.length;
      position.set(`${batch.topic}:${batch.partition}`, BigInt(batch.lastOffset()) + 1n);
      if (remaining.every(({ key, end }) => (position.get(key) ?? 0n) >= end)) finish();
    },
  });
  await done;
  const seconds = Number(process.hrtime.bigint() - (first ?? 0n)) / 1e9;
  await consumer.disconnect();
  return { messages: read, seconds };
}

async function startService(
  auth: TestAuth,
): Promise<{ app: NestExpressApplication; base: string; close: () => Promise<void> }> {
  const database = await createTestDatabase('bench_monitoring');
  const group = `bench-monitoring-${randomUUID()}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: group,
    PORT: '0',

    DELIVERY_POLL_INTERVAL_MS: '200',
    ALERTS_ENABLED: 'true',
    OUTBOX_RELAY_ENABLED: 'true',
  });
  auth.install();
  await skipHistory(group, CONSUMED_TOPICS);
  const app = await createHttpApp(AppModule, MONITORING_API);
  await startConsumers(app);
  await app.listen(0, '127.0.0.1');
  const base = await listening(app.getHttpServer());
  return {
    app,
    base,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A report of one line of `metal` tonnes, as a producer submits it. */
function reportBody(productCode: string, facilityId: string, period: string, metal: string) {
  const line = {
    productCode,
    quantity: metal,
    unit: 't',
    metalContentTonnes: metal,
    domesticShipments: metal,
    exports: '0',
  };
  return Buffer.from(JSON.stringify({ facilityId, period, lines: [line], submit: true }));
}

/** Submits reports to production-reporting over kept-alive connections; each must be accepted. */
class Producers {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  readonly refused: string[] = [];

  constructor(
    private readonly url: URL,
    private readonly authorization: string,
  ) {}

  async submit(body: Buffer): Promise<boolean> {
    const answer = await httpRequest(
      this.agent,
      { host: this.url.hostname, port: this.url.port, method: 'POST', path: '/reports' },
      { authorization: this.authorization, 'content-type': 'application/json' },
      body,
    );
    const accepted = answer.status === 201 && (JSON.parse(answer.body) as { state?: string }).state === 'accepted';
    if (!accepted) this.refused.push(`${answer.status}: ${answer.body.slice(0, 300)}`);
    return accepted;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * (b) Reports submitted over HTTP to production-reporting at RATE/s (open
 * loop: a slow answer does not slow the offered rate), reporting and
 * monitoring running as the separate processes `npm start` runs: latency from
 * the start of each request to the new figure in monitoring's targets API,
 * and from each tenth (a sudden drop at a plant) to its alert on the SSE stream.
 */
async function measureLatency(producer: Producer) {
  const platform = new Platform(['production-reporting', 'target-monitoring'], {
    'production-reporting': {
      LOG_LEVEL: 'warn',
      REPORTING_DEADLINE_CHECK_CRON: NEVER_CRON,
      REPORTING_PENDING_CHECK_CRON: NEVER_CRON,
    },
    'target-monitoring': { LOG_LEVEL: 'warn', ALERTS_ENABLED: 'true', DELIVERY_POLL_INTERVAL_MS: '200' },
  });
  await platform.start();
  const submissions = new Producers(
    new URL(platform.url('production-reporting')),
    await platform.auth.bearer({ roles: ['producer'], companyId: COMPANY, name: 'Bench signer', expiresIn: '2h' }),
  );
  try {
    const reports = RATE * SECONDS;
    // Every tenth report drops a plant's output to a tenth of its first quarter; the rest are steady, a plant a year each.
    const dropSites = Array.from({ length: Math.ceil(reports / 10) }, () => randomUUID());
    const steadySites = Array.from({ length: Math.ceil(reports / 12) }, () => randomUUID());
    const code = `BENCH-${randomUUID().slice(0, 8).toUpperCase()}`;
    const seed = new RegistrySeed().company(COMPANY).product(code, 'large');
    for (const site of [...dropSites, ...steadySites]) seed.facility(site, COMPANY, `${YEAR - 1}-01-01`, [code]);
    await seed.publish(producer);
    const sites = dropSites.length + steadySites.length;
    for (const service of ['production-reporting', 'target-monitoring'] as const) {
      await waitFor(
        async () =>
          (await queryService(platform, service, 'SELECT count(*)::int AS n FROM registry_facility'))[0].n === sites,
        { timeoutMs: 300_000, intervalMs: 500, description: `${service}'s registry view of ${sites} plants` },
      );
    }
    const history = dropSites.flatMap((site) =>
      ['01', '02', '03'].map((month) => reportBody(code, site, `${YEAR}-${month}`, '10')),
    );
    for (let i = 0; i < history.length; i += 16) {
      const accepted = await Promise.all(history.slice(i, i + 16).map((body) => submissions.submit(body)));
      if (accepted.includes(false)) throw new Error(`a first-quarter report was refused: ${submissions.refused[0]}`);
    }
    const token = await platform.auth.token({ roles: ['ministry_analyst'], expiresIn: '2h' });
    const monitoring = platform.url('target-monitoring');
    const read = async () => {
      const response = await fetch(`${monitoring}/targets/output-large-tonnage?asOf=${YEAR}-12-31`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return Number(((await response.json()) as { current: string }).current);
    };
    await waitFor(async () => (await read()) === history.length * 10, {
      timeoutMs: 300_000,
      intervalMs: 500,
      description: 'the first quarter in the large-tonnage figure',
    });
    const base = await read();
    const stream = await openStream(`${monitoring}/alerts/stream?access_token=${token}`);
    const polls: { at: number; value: number }[] = [];
    let polling = true;
    // Every 50 ms, not flat out: the poller shares the two cores with the services.
    const poller = (async () => {
      while (polling) {
        polls.push({ value: await read(), at: Date.now() });
        await sleep(50);
      }
    })();
    const startedAt: number[] = [];
    const answeredAfter: number[] = [];
    const dropStartedAt = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const started = Date.now();
    for (let i = 0; i < reports;) {
      const due = Math.min(reports, Math.floor(((Date.now() - started) / 1000) * RATE) + 1);
      for (; i < due && inFlight.size < MAX_IN_FLIGHT; i += 1) {
        const drop = i % 10 === 0;
        const body = drop
          ? reportBody(code, dropSites[i / 10], `${YEAR}-04`, '1')
          : reportBody(code, steadySites[i % steadySites.length], steadyPeriod(i, steadySites.length), '1');
        const at = Date.now();
        startedAt.push(at);
        if (drop) dropStartedAt.set(`facility:${dropSites[i / 10]}`, at);
        const submitted = submissions.submit(body).then(() => void answeredAfter.push(Date.now() - at));
        inFlight.add(submitted);
        void submitted.finally(() => inFlight.delete(submitted));
      }
      await sleep(5);
    }
    const offered = reports / ((Date.now() - started) / 1000);
    await Promise.all(inFlight);
    const answered = reports / ((Date.now() - started) / 1000);
    if (submissions.refused.length > 0) {
      throw new Error(`${submissions.refused.length} reports refused, e.g. ${submissions.refused[0]}`);
    }
    await waitFor(async () => polls.length > 0 && polls[polls.length - 1].value >= base + reports, {
      timeoutMs: 600_000,
      intervalMs: 200,
      description: 'every report in the large-tonnage figure',
    });
    await waitFor(
      async () => stream.events.filter((e) => dropStartedAt.has(String(e.data.subject))).length >= dropStartedAt.size,
      { timeoutMs: 120_000, intervalMs: 200 },
    ).catch(() => undefined);
    polling = false;
    await poller;
    stream.close();
    // Every report adds one tonne: the figure shows the i-th submission once it has grown by i + 1.
    const figure = startedAt.map(
      (at, index) => (polls.find((poll) => poll.at >= at && poll.value >= base + index + 1)?.at ?? NaN) - at,
    );
    const raisedAt = new Map<string, number>();
    for (const event of stream.events) {
      const subject = String(event.data.subject);
      if (event.event === 'AlertRaised' && !raisedAt.has(subject)) raisedAt.set(subject, event.receivedAt);
    }
    const alert = [...dropStartedAt]
      .filter(([subject]) => raisedAt.has(subject))
      .map(([subject, at]) => (raisedAt.get(subject) as number) - at);
    return {
      offered,
      answered,
      http: summary(answeredAfter),
      figure: summary(figure.filter(Number.isFinite)),
      alert: summary(alert),
      alertsExpected: dropStartedAt.size,
      polls: polls.length,
    };
  } finally {
    submissions.close();
    await platform.stop();
  }
}

/** The i-th steady report's month: each plant files Jan..Dec of YEAR, one plant after another. */
function steadyPeriod(index: number, sites: number): string {
  return `${YEAR}-${String((Math.floor(index / sites) % 12) + 1).padStart(2, '0')}`;
}

async function queryService(platform: Platform, service: ServiceName, sql: string): Promise<{ n: number }[]> {
  const client = new Client({ connectionString: platform.services.get(service)?.environment.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * (c) LINES report lines written straight into the projection tables, each report (a company's month) known
 * within a month after its month as producers report, all its lines at once as the consumer records them;
 * then GET /targets API_CALLS times, a target's history and the output drill-downs.
 */
async function measureTargetsApi(service: { app: NestExpressApplication; base: string }, token: string) {
  const dataSource = service.app.get(DataSource);
  const products = 65;
  const months = 84;
  const companies = Math.ceil(LINES / (products * months));
  const started = Date.now();
  await dataSource.query(
    `
    INSERT INTO report_line_fact (report_id, version, line_no, company_id, facility_id, deposit_id, site_id, region, period,
      period_start, period_end, months, product_code, tonnage_class, quantity_t, metal_t, domestic_t, exports_t, known_from)
    SELECT md5(c || '-' || m)::uuid, 1, p, md5('c' || c)::uuid, md5('s' || c)::uuid, NULL, md5('s' || c)::uuid, 'Region ' || (c % 40),
           to_char(d, 'YYYY-MM'), d, (d + interval '1 month - 1 day')::date, 1, 'BULK-' || p, CASE WHEN p % 2 = 0 THEN 'large' ELSE 'small' END,
           (random() * 100)::numeric(12, 3), (random() * 20)::numeric(12, 3), (random() * 80)::numeric(12, 3), (random() * 10)::numeric(12, 3),
           least(now(), d + interval '1 month' + abs(hashtext(c || '-' || m)::bigint) % (30 * 86400) * interval '1 second')
      FROM generate_series(1, $1) c, generate_series(0, $2 - 1) m, generate_series(1, $3) p,
           LATERAL (SELECT (date '2020-01-01' + make_interval(months => m))::date AS d) period`,
    [companies, months, products],
  );
  await dataSource.query(`
    INSERT INTO output_month SELECT month, product_code, tonnage_class, company_id, region, sum(quantity_t), sum(metal_t), sum(domestic_t), sum(exports_t), count(*)
      FROM report_line_month WHERE product_code LIKE 'BULK-%' GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO NOTHING`);
  await dataSource.query(`
    INSERT INTO output_month_product SELECT month, product_code, tonnage_class, sum(quantity_t), sum(metal_t), sum(domestic_t), sum(exports_t), sum(lines)
      FROM output_month WHERE product_code LIKE 'BULK-%' GROUP BY 1, 2, 3
    ON CONFLICT DO NOTHING`);
  await dataSource.transaction((manager) => recomputeKnowledge(manager));
  await dataSource.query('ANALYZE');
  const [{ lines }] = await dataSource.query('SELECT count(*)::int AS lines FROM report_line_fact');
  const loadSeconds = (Date.now() - started) / 1000;
  const api = request(service.base);
  const times: number[] = [];
  for (let i = 0; i < API_CALLS; i += 1) {
    const begin = process.hrtime.bigint();
    const response = await api.get('/targets').query({ asOf: '2026-11-30' }).set('authorization', `Bearer ${token}`);
    if (response.status !== 200) throw new Error(`GET /targets answered ${response.status}`);
    times.push(Number(process.hrtime.bigint() - begin) / 1e6);
  }
  // The chart of a target over the loaded years (from its baseline on): as known now, and each month end as known then.
  const history: Record<string, ReturnType<typeof summary> & { points: number }> = {};
  for (const knowledge of ['now', 'then']) {
    const spent: number[] = [];
    let points = 0;
    for (let i = 0; i < HISTORY_CALLS; i += 1) {
      const begin = process.hrtime.bigint();
      const response = await api
        .get('/targets/output-large-tonnage/history')
        .query({ from: '2020-01', to: '2026-12', knowledge })
        .set('authorization', `Bearer ${token}`);
      if (response.status !== 200 || response.body.length === 0) {
        throw new Error(`GET /targets/…/history answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      points = response.body.length;
      spent.push(Number(process.hrtime.bigint() - begin) / 1e6);
    }
    history[knowledge] = { ...summary(spent), points };
  }
  // The output drill-downs by product, company and region, each by year over the loaded years, at a past date
  // as known now and as known then.
  const drillDown: { dimension: string; knowledge: string; spent: ReturnType<typeof summary> }[] = [];
  for (const dimension of ['product', 'company', 'region']) {
    for (const knowledge of ['now', 'then']) {
      const spent: number[] = [];
      for (let i = 0; i < HISTORY_CALLS; i += 1) {
        const begin = process.hrtime.bigint();
        const response = await api
          .get('/output')
          .query({ from: '2020-01', to: '2026-12', groupBy: [dimension, 'period'], periodKind: 'year' })
          .query({ asOf: '2025-06-30', knowledge })
          .set('authorization', `Bearer ${token}`);
        if (response.status !== 200 || response.body.rows.length === 0) {
          throw new Error(`GET /output answered ${response.status}: ${JSON.stringify(response.body)}`);
        }
        spent.push(Number(process.hrtime.bigint() - begin) / 1e6);
      }
      drillDown.push({ dimension, knowledge, spent: summary(spent) });
    }
  }
  return { lines, loadSeconds, ...summary(times), history, drillDown };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'error';
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
  const admin = testKafka('bench-monitoring-topics').admin();
  await admin.connect();
  await provisionTopics(admin).finally(() => admin.disconnect());
  const producer = testKafka('bench-monitoring').producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const auth = new TestAuth();
  try {
    const replay = PARTS.has('a') ? await measureReplay(producer) : null;
    const latency = PARTS.has('b') ? await measureLatency(producer) : null;
    let api = null;
    if (PARTS.has('c')) {
      const service = await startService(auth);
      try {
        api = await measureTargetsApi(service, await auth.token({ roles: ['ministry_analyst'], expiresIn: '2h' }));
      } finally {
        await service.close();
      }
    }
    printResults({ replay, latency, api });
  } finally {
    await producer.disconnect();
  }
}

type Results = {
  replay: Awaited<ReturnType<typeof measureReplay>> | null;
  latency: Awaited<ReturnType<typeof measureLatency>> | null;
  api: Awaited<ReturnType<typeof measureTargetsApi>> | null;
};

function printResults({ replay, latency, api }: Results): void {
  const rawRate = replay ? replay.raw.messages / replay.raw.seconds : 0;
  const ratio = replay ? replay.replay.messagesPerSecond / rawRate : null;
  const rate = latency ? Math.round(latency.offered) : RATE;
  const rows: Record<string, number | string> = {};
  if (replay) {
    rows[`replay: ${replay.replay.messages} events rebuilt from Kafka (events/s)`] = Math.round(
      replay.replay.messagesPerSecond,
    );
    rows['replay: of its time, aggregates and indexes after the last event (s)'] = Number(
      replay.replay.finishingSeconds.toFixed(2),
    );
    rows['replay: raw kafkajs consume of the same offsets (events/s)'] = Math.round(rawRate);
    const writeRate = replay.written.messages / replay.written.seconds;
    rows['replay: raw PostgreSQL insert of the rows it writes per event (events/s)'] = Math.round(writeRate);
    rows['replay: ratio replay/raw PostgreSQL insert'] = Number(
      (replay.replay.messagesPerSecond / writeRate).toFixed(2),
    );
    rows['replay: ratio replay/raw'] = Number((ratio ?? 0).toFixed(2));
  }
  if (latency) {
    rows[`reports submitted over HTTP (offered/s; answered/s)`] = `${rate}; ${Math.round(latency.answered)}`;
    rows['submission answered p50 / p99 (ms)'] = `${latency.http.p50} / ${latency.http.p99}`;
    rows[`submission → figure in targets API p50 at ${rate}/s (ms)`] = latency.figure.p50;
    rows[`submission → figure in targets API p99 at ${rate}/s (ms)`] = latency.figure.p99;
    rows['submission → alert on the SSE stream p50 (ms)'] = latency.alert.p50;
    rows['submission → alert on the SSE stream p99 (ms)'] = latency.alert.p99;
  }
  if (api) {
    rows[`GET /targets p50 with ${api.lines} report lines (ms)`] = Number(api.p50.toFixed(1));
    rows[`GET /targets p99 with ${api.lines} report lines (ms)`] = Number(api.p99.toFixed(1));
    for (const [knowledge, spent] of Object.entries(api.history)) {
      rows[`GET /targets/…/history, ${spent.points} month ends as known ${knowledge}, p50 / p99 (ms)`] =
        `${spent.p50.toFixed(0)} / ${spent.p99.toFixed(0)}`;
    }
    for (const { dimension, knowledge, spent } of api.drillDown) {
      rows[`GET /output by ${dimension} and year, as known ${knowledge}, p50 / p99 (ms)`] =
        `${spent.p50.toFixed(0)} / ${spent.p99.toFixed(0)}`;
    }
  }
  console.log(
    '\ntarget-monitoring benchmark (one local broker and PostgreSQL; 2 cores shared with whatever else runs)',
  );
  console.table(rows);
  if (latency) {
    console.log(
      `Latency input: reports of one line submitted to production-reporting over HTTP at ${rate}/s (open loop, at most ` +
        `${MAX_IN_FLIGHT} waiting), reporting and monitoring as separate processes; ${latency.alert.count} of ` +
        `${latency.alertsExpected} sudden-drop alerts seen on SSE.`,
    );
  }
  if (api)
    console.log(
      `Targets API: ${api.lines} report lines bulk-loaded with SQL into the projection tables in ${api.loadSeconds.toFixed(0)} s.`,
    );
  console.log(JSON.stringify({ replay, replayRatio: ratio, latency, targetsApi: api }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
