/**
 * npm run bench:subsidy — claims decided per second under concurrent officers.
 *
 * The service runs in-process on a fresh database with real HTTP (the same
 * module, middleware and auth as production; the outbox relay publishes to
 * the local Kafka meanwhile). Claims are prepared beforehand, under review
 * and assigned round-robin to N officers; each officer approves its claims
 * one after the other, all officers at once. The budget fits 95% of them, so
 * the last approvals are refused with CLAIM.BUDGET_EXCEEDED. At the end the
 * budget invariant is checked: committed = Σ approved ≤ total, one
 * BudgetReserved per approval.
 *
 * Baseline, same run: the same conditional budget UPDATE through the same
 * connection pool, N workers at once, without HTTP, auth, the service and its
 * other writes (claim row, relied reports, audit entry, two outbox events).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { BudgetReserved, ReportAccepted } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { configureHttp } from '@redmet/platform';
import { createTestDatabase, TestAuth } from '@redmet/testing';
import { AppModule } from '../apps/subsidy-processing/src/app.module';
import { SUBSIDY_API } from '../apps/subsidy-processing/src/subsidy.api';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 2000);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 8);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 40);
const EACH = 175000000n;
const FITS = Math.floor(CLAIMS * 0.95);
const YEAR = 2026;
const BASELINE_YEAR = 2099;

const RESERVE = `UPDATE programme SET committed_kopecks = committed_kopecks + $2
  WHERE year = $1 AND committed_kopecks + $2 <= total_kopecks RETURNING total_kopecks, committed_kopecks`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function createApp(): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureHttp(app, SUBSIDY_API);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** Claims under review, assigned round-robin to the officers, relying on one accepted report; returns ids per officer. */
async function prepareClaims(dataSource: DataSource, count: number, label: string): Promise<string[][]> {
  const report = { ...samplePayload(ReportAccepted), state: 'accepted' };
  await dataSource.query(
    `INSERT INTO report_version (report_id, version, company_id, period, state, state_at, nil_return, lines,
       metal_content_tonnes, quantity_tonnes)
     VALUES ($1, 1, $2, '2026-Q1', 'accepted', now(), false, $3, 645.15, 2150.5) ON CONFLICT DO NOTHING`,
    [report.reportId, report.companyId, JSON.stringify(report.lines)],
  );
  const rows: { id: string; officer: number }[] = await dataSource.query(
    `INSERT INTO claim (id, company_id, programme_year, period, state, report_ids, no_tax_arrears, not_in_liquidation,
       annual_revenue_kopecks, computed_kopecks, requested_kopecks, programme_version, assigned_to, missing_items,
       created_by, last_edited_by, submitted_at, version)
     SELECT gen_random_uuid(), gen_random_uuid(), $1, '2026-Q1', 'under_review', ARRAY[$2::uuid], true, true,
       100000000000, $3, $3, 1, jsonb_build_object('userId', 'bench-officer-' || (i % $4), 'name', 'Bench officer'),
       '{}', 'bench-producer', 'bench-producer', now() - make_interval(secs => $5 - i), 2
     FROM generate_series(1, $5) AS i
     RETURNING id, (assigned_to ->> 'userId') AS officer`,
    [YEAR, report.reportId, EACH.toString(), OFFICERS, count],
  );
  const queues: string[][] = Array.from({ length: OFFICERS }, () => []);
  for (const row of rows) queues[Number(String(row.officer).split('-').pop())].push(row.id);
  console.log(`prepared ${rows.length} ${label} claims`);
  return queues;
}

interface RunResult {
  seconds: number;
  latencies: number[];
  approved: number;
  refused: number;
  other: Record<string, number>;
}

async function approveAll(baseUrl: string, queues: string[][], tokens: string[]): Promise<RunResult> {
  const latencies: number[] = [];
  const counts = { approved: 0, refused: 0 };
  const other: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    queues.map(async (queue, officer) => {
      for (const id of queue) {
        const sent = performance.now();
        const response = await fetch(`${baseUrl}/claims/${id}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[officer]}`, 'content-type': 'application/json' },
          body: '{}',
        });
        const body = (await response.json()) as { code?: string };
        latencies.push(performance.now() - sent);
        if (response.status === 200) counts.approved += 1;
        else if (body.code === 'CLAIM.BUDGET_EXCEEDED') counts.refused += 1;
        else other[`${response.status} ${body.code}`] = (other[`${response.status} ${body.code}`] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, ...counts, other };
}

/** The reservation statement alone, N workers through the service's own pool, against a budget row of its own. */
async function baseline(dataSource: DataSource, operations: number): Promise<number> {
  await dataSource.query(`INSERT INTO programme (year, total_kopecks) VALUES ($1, $2)`, [
    BASELINE_YEAR,
    (EACH * BigInt(operations)).toString(),
  ]);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: OFFICERS }, async () => {
      while (next < operations) {
        next += 1;
        await dataSource.query(RESERVE, [BASELINE_YEAR, EACH.toString()]);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [row] = await dataSource.query(`SELECT committed_kopecks FROM programme WHERE year = $1`, [BASELINE_YEAR]);
  if (BigInt(row.committed_kopecks) !== EACH * BigInt(operations))
    throw new Error('baseline reservations went missing');
  return operations / seconds;
}

async function checkInvariant(dataSource: DataSource, approved: number): Promise<Record<string, string | boolean>> {
  const [budget] = await dataSource.query(`SELECT total_kopecks, committed_kopecks FROM programme WHERE year = $1`, [
    YEAR,
  ]);
  const [claims] = await dataSource.query(
    `SELECT count(*)::int AS n, coalesce(sum(approved_kopecks), 0)::text AS sum FROM claim WHERE state = 'approved'`,
  );
  const [events] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1`, [
    BudgetReserved.type,
  ]);
  const holds =
    BigInt(budget.committed_kopecks) <= BigInt(budget.total_kopecks) &&
    budget.committed_kopecks === claims.sum &&
    claims.n === approved + WARM_UP &&
    events.n === claims.n;
  if (!holds) throw new Error(`budget invariant broken: ${JSON.stringify({ budget, claims, events, approved })}`);
  return { holds, total: budget.total_kopecks, committed: budget.committed_kopecks, approvedClaims: String(claims.n) };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
  const database = await createTestDatabase('bench_subsidy');
  const auth = new TestAuth().install();
  Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: 'warn', KAFKA_CONSUMER_GROUP: 'bench-subsidy' });
  const app = await createApp();
  try {
    const dataSource = app.get(DataSource);
    const total = EACH * BigInt(FITS + WARM_UP);
    await dataSource.query(`UPDATE programme SET total_kopecks = $2 WHERE year = $1`, [YEAR, total.toString()]);
    const tokens = await Promise.all(
      Array.from({ length: OFFICERS }, (_, i) =>
        auth.token({ roles: ['subsidy_officer'], userId: `bench-officer-${i}`, expiresIn: '1h' }),
      ),
    );
    const address = app.getHttpServer().address() as { port: number };
    const baseUrl = `http://127.0.0.1:${address.port}`;
    await approveAll(baseUrl, await prepareClaims(dataSource, WARM_UP, 'warm-up'), tokens);
    const run = await approveAll(baseUrl, await prepareClaims(dataSource, CLAIMS, 'measured'), tokens);
    const invariant = await checkInvariant(dataSource, run.approved);
    const raw = await baseline(dataSource, run.approved + run.refused);

    const sorted = [...run.latencies].sort((a, b) => a - b);
    const decidedPerSecond = run.approved / run.seconds;
    const callsPerSecond = run.latencies.length / run.seconds;
    console.log(
      `\nsubsidy approval benchmark (${CLAIMS} claims prepared, ${OFFICERS} concurrent officers, budget fits ${FITS}, real HTTP in-process, relay publishing)`,
    );
    console.table({
      'claims approved': run.approved,
      'approvals refused (CLAIM.BUDGET_EXCEEDED)': run.refused,
      'other answers': Object.keys(run.other).length ? JSON.stringify(run.other) : 0,
      'claims decided per second (approved)': Math.round(decidedPerSecond),
      'approve calls per second (all answers)': Math.round(callsPerSecond),
      'approve p50 (ms)': Number(percentile(sorted, 50).toFixed(1)),
      'approve p99 (ms)': Number(percentile(sorted, 99).toFixed(1)),
      'approve max (ms)': Number(sorted[sorted.length - 1].toFixed(1)),
      'baseline: raw reservation statement per second': Math.round(raw),
      'ratio service calls / raw statement': Number((callsPerSecond / raw).toFixed(3)),
      'budget invariant (committed = Σ approved ≤ total)': invariant.holds ? 'holds' : 'BROKEN',
    });
    console.log(
      JSON.stringify({
        claims: CLAIMS,
        officers: OFFICERS,
        approved: run.approved,
        refused: run.refused,
        other: run.other,
        seconds: run.seconds,
        decidedPerSecond,
        callsPerSecond,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        rawReservationsPerSecond: raw,
        ratio: callsPerSecond / raw,
        invariant,
      }),
    );
  } finally {
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
