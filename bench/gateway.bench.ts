/**
 * npm run bench:gateway — the gateway's cost, measured in one run on this machine.
 *
 * deposit-registry and the gateway run as processes from dist/ (built first).
 * BENCH_CONCURRENCY clients read a page of companies for BENCH_SECONDS, in
 * alternating rounds straight from the registry and through the gateway
 * (`/api/registry/...`: proxy, correlation id, rate limit, helmet), with the
 * same token, which the registry verifies either way. Printed: requests/s,
 * p50/p99, the ratio gateway ÷ direct, the machine's load average (other
 * work on the same cores moves every figure), and the console's first-load size.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { World } from '../test/faults/support/load';
import { Platform } from '../test/system/support/platform';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = 4;
const ROOT = path.resolve(__dirname, '..');

interface Tally {
  latencies: number[];
  failures: number;
  milliseconds: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function hammer(url: string, bearer: string, seconds: number, tally: Tally): Promise<void> {
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const began = performance.now();
        const response = await fetch(url, { headers: { authorization: bearer } }).catch(() => null);
        await response?.arrayBuffer();
        if (response?.status === 200) tally.latencies.push(performance.now() - began);
        else tally.failures += 1;
      }
    }),
  );
  tally.milliseconds += Date.now() - started;
}

const summary = (tally: Tally) => ({
  requestsPerSecond: Number((tally.latencies.length / (tally.milliseconds / 1000)).toFixed(1)),
  p50Ms: Number(percentile(tally.latencies, 50).toFixed(1)),
  p99Ms: Number(percentile(tally.latencies, 99).toFixed(1)),
  failures: tally.failures,
});

async function main(): Promise<void> {
  const quiet = { LOG_LEVEL: 'warn' };
  const platform = new Platform(['deposit-registry', 'gateway'], {
    'deposit-registry': quiet,
    // The per-client limit would otherwise throttle the benchmark's single address.
    gateway: { ...quiet, API_RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  const loadBefore = loadavg()[0];
  await platform.start();
  const direct: Tally = { latencies: [], failures: 0, milliseconds: 0 };
  const proxied: Tally = { latencies: [], failures: 0, milliseconds: 0 };
  try {
    await new World(platform).create(20);
    const bearer = await platform.auth.bearer({ roles: ['registry_admin'], expiresIn: '1h' });
    const page = '/companies?pageSize=20';
    // Alternating rounds, so that whatever else the machine does falls on both alike.
    for (let round = 0; round < ROUNDS; round += 1) {
      await hammer(`${platform.url('deposit-registry')}${page}`, bearer, SECONDS / ROUNDS, direct);
      await hammer(`${platform.gatewayUrl}/api/registry${page}`, bearer, SECONDS / ROUNDS, proxied);
    }
  } finally {
    await platform.stop();
  }
  const loadAfter = loadavg()[0];
  const straight = summary(direct);
  const gateway = summary(proxied);
  const size = execFileSync(process.execPath, [path.join(ROOT, 'apps/console/first-load-size.mjs')], { cwd: ROOT })
    .toString()
    .trim()
    .split('\n')
    .pop();
  console.log(`\nGET ${'/companies?pageSize=20'}, ${CONCURRENCY} clients, ${SECONDS} s each way\n`);
  console.log('path              | requests/s | p50 ms | p99 ms | failures');
  console.log('------------------|------------|--------|--------|---------');
  for (const [name, figures] of [
    ['registry directly', straight],
    ['through gateway', gateway],
  ] as const) {
    console.log(
      `${name.padEnd(17)} | ${String(figures.requestsPerSecond).padStart(10)} | ${String(figures.p50Ms).padStart(6)} | ` +
        `${String(figures.p99Ms).padStart(6)} | ${figures.failures}`,
    );
  }
  console.log(
    `ratio gateway / direct (requests/s): ${(gateway.requestsPerSecond / straight.requestsPerSecond).toFixed(2)}`,
  );
  console.log(`machine load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  console.log(`console ${size}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
