import { randomBytes } from 'node:crypto';
import { ReportAccepted, TOPICS } from '@redmet/contracts';
import { waitFor } from '@redmet/testing';
import { deadLettersFor, type Injected, partitionsOf, produceRaw, realEvents } from './support/inject';
import { companyProblems, type Problems, subsidyProblems } from './support/downstream';
import { Ledger, sameAmount, type Verdict } from './support/ledger';
import { Load, type LoadOptions, World } from './support/load';
import {
  consumerLag,
  databaseOf,
  figuresByCompany,
  figuresBySiteMonth,
  groupMembers,
  outboxBacklog,
  query,
  storedVersions,
} from './support/observe';
import { ThrowawayPostgres } from './support/throwaway-postgres';
import { Platform, type RunningService, type ServiceName } from '../system/support/platform';

const SERVICES: ServiceName[] = ['deposit-registry', 'production-reporting', 'subsidy-processing', 'target-monitoring'];
const REPORTS = TOPICS.reportingReport.name;
const REGISTRY_TOPICS = [TOPICS.registryCompany.name, TOPICS.registryFacility.name, TOPICS.registryProduct.name];
/** Acknowledged requests before a fault is injected, and again after the service is back. */
const ACKNOWLEDGED_AROUND_FAULT = 15;
const SETTLE_MS = 120_000;
const SCENARIO_MS = 240_000;

interface Row {
  scenario: string;
  sent: number;
  acknowledged: number;
  refused: number;
  unanswered: number;
  answers: string;
  lost: number;
  duplicated: number;
  settleMs: number;
}

/** `201×40 400×5 ECONNREFUSED×3`: what the requests got back. */
function histogram(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, count]) => `${value}×${count}`)
    .join(' ');
}

function printTable(rows: Row[]): void {
  const header = [
    'scenario',
    'requests sent',
    'acknowledged',
    'refused',
    'no answer',
    'answers',
    'lost (must be 0)',
    'duplicated effects (must be 0)',
  ];
  const lines = rows.map((row) => [
    row.scenario,
    String(row.sent),
    String(row.acknowledged),
    String(row.refused),
    String(row.unanswered),
    row.answers,
    String(row.lost),
    String(row.duplicated),
    `${(row.settleMs / 1000).toFixed(1)} s`,
  ]);
  const all = [[...header, 'time to settle'], ...lines];
  const widths = all[0].map((_, column) => Math.max(...all.map((line) => line[column].length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  process.stdout.write(
    `\n${[format(all[0]), widths.map((width) => '-'.repeat(width)).join('-|-'), ...lines.map(format)].join('\n')}\n`,
  );
}

/**
 * Issue 7: realistic load through the HTTP APIs while services are killed,
 * production-reporting's database server restarts (a throw-away cluster, never
 * the machine's main one), the reports topic receives duplicates and garbage,
 * and one of two target-monitoring instances is paused past its session or
 * killed. After each fault, once the system settles, every acknowledged report
 * is in target-monitoring's figures exactly once (and in subsidy-processing's
 * copy), every refused request left no trace, and no outbox row or message is
 * left behind. (Broker failure: broker-failure.e2e-spec.ts.)
 */
describe('faults: services, their database and their topics fail under load', () => {
  const ledger = new Ledger();
  const rows: Row[] = [];
  let database: ThrowawayPostgres;
  let platform: Platform;
  let world: World;
  let analyst: string;
  /** Where monitoring is read: its first instance, or the survivor once that one is killed. */
  let monitoringUrl: string;

  beforeAll(async () => {
    database = await ThrowawayPostgres.start();
    const reportingDatabase = await database.createDatabase(`faults_reporting_${randomBytes(4).toString('hex')}`);
    const quick = { KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' };
    platform = new Platform(SERVICES, {
      // It consumes nothing: no consumer settings.
      'deposit-registry': { LOG_LEVEL: quick.LOG_LEVEL },
      'production-reporting': { ...quick, DATABASE_URL: reportingDatabase },
      'subsidy-processing': quick,
      // The frozen instance of the slow-consumer scenario holds locks in an open transaction: PostgreSQL ends it.
      'target-monitoring': { ...quick, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000' },
    });
    await platform.start();
    monitoringUrl = platform.url('target-monitoring');
    world = await new World(platform).create(24);
    analyst = await platform.auth.bearer({ roles: ['ministry_analyst'], expiresIn: '1h' });
    const sites = world.sites.map((site) => site.siteId);
    for (const name of ['production-reporting', 'subsidy-processing', 'target-monitoring'] as ServiceName[]) {
      await waitFor(
        async () => {
          const [{ facilities, products }] = await query<{ facilities: number; products: number }>(
            databaseOf(platform, name),
            `SELECT (SELECT count(*)::int FROM registry_facility WHERE facility_id = ANY($1::uuid[])) AS facilities,
                    (SELECT count(*)::int FROM registry_product WHERE code = $2) AS products`,
            [sites, world.productCode],
          );
          return facilities === sites.length && products === 1;
        },
        { timeoutMs: 60_000, intervalMs: 250, description: `${name} to know the registry's plants and product` },
      );
    }
  }, 300_000);

  afterAll(async () => {
    if (rows.length > 0) printTable(rows);
    await platform?.stop();
    database?.destroy();
  }, 60_000);

  const groupOf = (name: ServiceName) => platform.services.get(name)?.environment.KAFKA_CONSUMER_GROUP ?? '';

  interface Observation {
    verdict: Verdict;
    subsidy: Problems;
    companies: { lost: Problems; traces: Problems };
    totals: string[];
    backlog: number;
    lag: number;
  }

  async function observe(): Promise<Observation> {
    const ours = new Set(world.sites.map((site) => site.siteId));
    const figures = new Map(
      [...(await figuresBySiteMonth(monitoringUrl, analyst))].filter(([key]) => ours.has(key.split(':')[0])),
    );
    const stored = await storedVersions(platform);
    const verdict = ledger.judge(stored, figures);
    const byCompany = await figuresByCompany(monitoringUrl, analyst);
    const totals = world.sites.flatMap((site) => {
      const expected = [...verdict.expected]
        .filter(([key]) => key.startsWith(`${site.siteId}:`))
        .reduce((sum, [, { metal }]) => sum + Number(metal), 0);
      const shown = byCompany.get(site.companyId);
      return expected === 0 && shown === undefined
        ? []
        : sameAmount(shown, String(expected))
          ? []
          : [`company ${site.companyId}: total ${shown} instead of ${expected}`];
    });
    const backlogs = await Promise.all(SERVICES.map((name) => outboxBacklog(platform, name)));
    const lag =
      (await consumerLag(groupOf('target-monitoring'), [REPORTS, ...REGISTRY_TOPICS])) +
      (await consumerLag(groupOf('subsidy-processing'), [REPORTS, ...REGISTRY_TOPICS])) +
      (await consumerLag(groupOf('production-reporting'), REGISTRY_TOPICS));
    return {
      verdict,
      subsidy: await subsidyProblems(platform, ledger, stored),
      companies: await companyProblems(platform, ledger),
      totals,
      backlog: backlogs.reduce((sum, backlog) => sum + backlog, 0),
      lag,
    };
  }

  const problems = (observation: Observation) => [
    ...[...observation.verdict.lost.values()].flat().map((problem) => `lost: ${problem}`),
    ...[...observation.verdict.duplicated.values()].flat().map((problem) => `duplicated: ${problem}`),
    ...[...observation.verdict.traces.values()].flat().map((problem) => `trace: ${problem}`),
    ...[...observation.subsidy.values()].flat().map((problem) => `subsidy: ${problem}`),
    ...[...observation.companies.lost.values()].flat().map((problem) => `lost: ${problem}`),
    ...[...observation.companies.traces.values()].flat().map((problem) => `trace: ${problem}`),
    ...observation.totals.map((problem) => `totals: ${problem}`),
  ];

  /** Waits (bounded) until nothing is in flight and the figures agree with the ledger; the last look if never. */
  async function settle(): Promise<Observation> {
    let last: Observation | undefined;
    try {
      await waitFor(
        async () => {
          last = await observe();
          return problems(last).length === 0 && last.backlog === 0 && last.lag === 0;
        },
        { timeoutMs: SETTLE_MS, intervalMs: 500, description: 'the system to settle' },
      );
    } catch {
      // The assertions below say what did not settle.
    }
    return last ?? observe();
  }

  /** Instances a scenario stopped on purpose and has not brought back yet. */
  const downOnPurpose = new Set<string>();

  async function underLoad(options: LoadOptions, fault: (load: Load) => Promise<void>): Promise<void> {
    // A service that crashed in an earlier scenario (that scenario failed for it) is brought back first.
    for (const instance of platform.notRunning()) {
      if (!downOnPurpose.has(instance) && platform.services.has(instance as ServiceName)) {
        await platform.restart(instance as ServiceName);
      }
    }
    const load = new Load(platform, world, ledger, options).start();
    try {
      await waitFor(async () => load.acknowledged('report') >= ACKNOWLEDGED_AROUND_FAULT, {
        timeoutMs: 60_000,
        description: 'reports acknowledged before the fault',
      });
      await fault(load);
      const before = load.acknowledged('report');
      await waitFor(async () => load.acknowledged('report') >= before + ACKNOWLEDGED_AROUND_FAULT, {
        timeoutMs: 90_000,
        description: 'reports acknowledged after the fault',
      });
    } finally {
      await load.stop();
    }
    const stoppedAt = Date.now();
    const observation = await settle();
    const settleMs = Date.now() - stoppedAt;
    const entries = ledger.of(options.scenario);
    const count = (map: Problems) => map.get(options.scenario)?.length ?? 0;
    rows.push({
      scenario: options.scenario,
      sent: entries.length,
      acknowledged: entries.filter((entry) => entry.outcome === 'acknowledged').length,
      refused: entries.filter((entry) => entry.outcome === 'refused').length,
      unanswered: entries.filter((entry) => entry.outcome === 'unknown').length,
      answers: histogram(entries.map((entry) => String(entry.status ?? entry.error))),
      lost: count(observation.verdict.lost) + count(observation.companies.lost) + count(observation.subsidy),
      duplicated: count(observation.verdict.duplicated),
      settleMs,
    });

    // No service died on its own along the way (a crash is not a fault this scenario injected).
    expect(platform.notRunning().filter((instance) => !downOnPurpose.has(instance))).toEqual([]);
    expect(problems(observation)).toEqual([]);
    expect(observation.backlog).toBe(0);
    expect(observation.lag).toBe(0);
    // Every acknowledged submission of this scenario was accepted (the plants and product are known and valid).
    const acknowledged = entries.filter((entry) => entry.outcome === 'acknowledged' && entry.kind !== 'company');
    expect(acknowledged.filter((entry) => entry.state !== 'accepted')).toEqual([]);
    // Bad input is refused by validation whatever else is failing.
    const invalid = entries.filter((entry) => entry.kind === 'invalid-report' && entry.status !== null);
    expect(invalid.filter((entry) => entry.status !== 400)).toEqual([]);
  }

  it(
    'deposit-registry killed (SIGKILL) mid-load and restarted',
    () =>
      underLoad({ scenario: 'registry killed', registryWrites: true }, async () => {
        await platform.restart('deposit-registry');
      }),
    SCENARIO_MS,
  );

  it(
    'production-reporting killed (SIGKILL) mid-load and restarted',
    () =>
      underLoad({ scenario: 'reporting killed' }, async () => {
        await platform.restart('production-reporting');
      }),
    SCENARIO_MS,
  );

  it(
    'target-monitoring killed (SIGKILL) mid-load and restarted',
    () =>
      underLoad({ scenario: 'monitoring killed' }, async () => {
        await platform.restart('target-monitoring');
      }),
    SCENARIO_MS,
  );

  it(
    'subsidy-processing killed (SIGKILL) mid-load and restarted',
    () =>
      underLoad({ scenario: 'subsidy killed' }, async () => {
        await platform.restart('subsidy-processing');
      }),
    SCENARIO_MS,
  );

  it(
    "production-reporting's PostgreSQL server restarted (fast shutdown) mid-load",
    () =>
      underLoad({ scenario: 'database restarted' }, async (load) => {
        const failed = () =>
          ledger
            .of('database restarted')
            .filter((entry) => entry.kind !== 'invalid-report' && entry.outcome !== 'acknowledged').length;
        const failedBefore = failed();
        database.stopFast();
        // Down until valid filings have met the outage a few times (refused or unanswered), then back.
        await waitFor(async () => failed() >= failedBefore + 3, {
          timeoutMs: 30_000,
          description: 'requests to meet the stopped database',
        }).finally(() => database.startAgain());
        expect(load.acknowledged()).toBeGreaterThan(0);
      }),
    SCENARIO_MS,
  );

  it(
    'duplicates of real events and malformed bytes injected into the reports topic mid-load',
    async () => {
      let malformed: Injected[] = [];
      const expectedKind = new Map<string, string>();
      await underLoad({ scenario: 'duplicates and garbage' }, async () => {
        const acknowledged = new Set(
          ledger.entries
            .filter((entry) => entry.outcome === 'acknowledged' && entry.reportId)
            .map((entry) => entry.reportId),
        );
        // Superseded versions among them: a stale copy must not bring old figures back either.
        const copies = await realEvents(
          REPORTS,
          (message) => acknowledged.has(message.key ?? '') && message.headers['x-event-type'] === ReportAccepted.type,
          40,
        );
        expect(copies.length).toBeGreaterThanOrEqual(40);
        await produceRaw(
          REPORTS,
          copies.map((message) => ({ key: message.key, value: message.value ?? '', headers: message.headers })),
        );
        const garbage = (await partitionsOf(REPORTS)).flatMap((partition) => [
          { partition, key: null, value: Buffer.from([0xff, 0x00, 0xfe, 0x7b, 0x22]) },
          {
            partition,
            key: null,
            value: JSON.stringify({ type: ReportAccepted.type, payload: { reportId: 'not-a-uuid' } }),
            headers: { 'x-event-type': ReportAccepted.type },
          },
        ]);
        malformed = await produceRaw(REPORTS, garbage);
        malformed.forEach(({ partition, offset }, index) =>
          expectedKind.set(`${partition}:${offset}`, index % 2 === 0 ? 'malformed-json' : 'invalid-envelope'),
        );
      });
      // Settled means both consumers committed past the garbage on every partition; here is where it went.
      for (const name of ['target-monitoring', 'subsidy-processing'] as ServiceName[]) {
        const letters = await deadLettersFor(REPORTS, groupOf(name), malformed);
        const kinds = new Map(
          letters.map((letter) => [
            `${letter.headers['x-dlq-original-partition']}:${letter.headers['x-dlq-original-offset']}`,
            letter.headers['x-dlq-error-kind'],
          ]),
        );
        expect(kinds).toEqual(expectedKind);
      }
    },
    SCENARIO_MS,
  );

  /** A second target-monitoring in the same group on the same database, once both hold partitions. */
  async function secondMonitoring(): Promise<RunningService> {
    const running = platform.instances.get('target-monitoring#2');
    const second = running ?? (await platform.addInstance('target-monitoring'));
    await waitFor(async () => (await groupMembers(groupOf('target-monitoring'))) === 2, {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'two members in the monitoring consumer group',
    });
    return second;
  }

  // A frozen instance paused inside a consumer transaction keeps its locks (alert-engine.ts takes an advisory
  // lock per rule and subject); without DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ending that session, the other
  // instance's handler would wait on the lock forever, miss the rebalance, and leave the group Empty.
  it(
    'two target-monitoring instances in one consumer group, one paused (SIGSTOP) past its session timeout mid-load',
    async () => {
      await secondMonitoring();
      const slow = platform.services.get('target-monitoring')?.process;
      await underLoad({ scenario: 'slow instance rebalanced' }, async () => {
        slow?.kill('SIGSTOP');
        try {
          // The group drops the silent member and gives its partitions to the other.
          await waitFor(async () => (await groupMembers(groupOf('target-monitoring'))) === 1, {
            timeoutMs: 60_000,
            intervalMs: 500,
            description: 'the paused instance to leave the group',
          });
        } finally {
          slow?.kill('SIGCONT');
        }
        await waitFor(async () => (await groupMembers(groupOf('target-monitoring'))) === 2, {
          timeoutMs: 60_000,
          intervalMs: 500,
          description: 'the resumed instance to rejoin the group',
        });
      });
    },
    SCENARIO_MS,
  );

  it(
    'two target-monitoring instances in one consumer group, one killed (SIGKILL) mid-load',
    async () => {
      const second = await secondMonitoring();
      await underLoad({ scenario: 'one of two instances killed' }, async () => {
        monitoringUrl = second.url;
        downOnPurpose.add('target-monitoring');
        await platform.kill('target-monitoring');
      });
      await platform.restart('target-monitoring');
      downOnPurpose.delete('target-monitoring');
      monitoringUrl = platform.url('target-monitoring');
    },
    SCENARIO_MS,
  );
});
