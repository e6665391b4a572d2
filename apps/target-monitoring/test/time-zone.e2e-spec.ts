import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ReportAccepted } from '@redmet/contracts';
import { Clock, type PlatformEnvironment, postgresOptions } from '@redmet/platform';
import { createTestDatabase, type TestDatabase, waitFor } from '@redmet/testing';
import { ProgrammeEvaluator } from '../src/alerts/programme-evaluator';
import { ConfigurationStore } from '../src/configuration/configuration.store';
import { TimeZoneDays1764401700000 } from '../src/database/migrations/1764401700000-time-zone-days';
import { MONITORING_SCHEMA } from '../src/database/schema';
import { rebuildProjections } from '../src/rebuild/rebuild';
import { KnownDays, keepDaysIn } from '../src/reports/known-days';
import { recomputeKnowledge } from '../src/reports/output-knowledge';
import { ProgrammeRules } from '../src/rules/programme-rules';
import { acceptedReport, lines, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(300_000);

/**
 * Moments either side of midnight in Moscow, of a year no other test reports:
 * 00:30 on 1 May is 21:30 UTC on 30 April.
 */
const MAY_FIRST_0030 = '2093-04-30T21:30:00.000Z';
const APRIL_30_2330 = '2093-04-30T20:30:00.000Z';
const MAY_SECOND_0030 = '2093-05-01T21:30:00.000Z';

/**
 * An April report accepted at 00:30 on 1 May Moscow time (100 t) and amended
 * at 00:30 on 2 May (60 t): in UTC both would be a day earlier.
 */
describe("target-monitoring's days are TIME_ZONE's", () => {
  let monitoring: MonitoringTestApp;
  const code = productCode();
  const companyId = randomUUID();
  const report = acceptedReport({
    companyId,
    period: '2093-04',
    lines: lines({ productCode: code, quantity: '100', metal: '40' }),
  });

  beforeAll(async () => {
    monitoring = await startMonitoring({ TIME_ZONE: 'Europe/Moscow' });
    const amended = { ...report, version: 2, lines: lines({ productCode: code, quantity: '60', metal: '24' }) };
    await monitoring.processed(
      await monitoring.publish(ReportAccepted, report.reportId, report, { occurredAt: MAY_FIRST_0030 }),
      await monitoring.publish(ReportAccepted, report.reportId, amended, { occurredAt: MAY_SECOND_0030 }),
    );
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const knownDays = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const read = async (table: string, key: string, value: string) =>
        (
          await client.query<{ day: string; q: string }>(
            `SELECT to_char(known_on, 'YYYY-MM-DD') AS day, trim_scale(sum(quantity_t))::text AS q
               FROM ${table} WHERE ${key} = $1 GROUP BY known_on ORDER BY known_on`,
            [value],
          )
        ).rows;
      return {
        perProduct: await read('output_month_known', 'product_code', code),
        perCompany: await read('output_month_company_known', 'company_id', companyId),
      };
    } finally {
      await client.end();
    }
  };

  /** April's output as known at the end of `asOf`, read per product, per company and from the facts. */
  const knownThen = (asOf?: string) =>
    Promise.all(
      [
        { productCode: code, groupBy: 'product' },
        { companyId, groupBy: 'company' },
        { productCode: code, groupBy: 'product,company' },
      ].map(async (query) => {
        const { body } = await (
          await monitoring.http()
        )
          .get('/output')
          .query({ ...query, from: '2093-04', to: '2093-04', knowledge: 'then', ...(asOf ? { asOf } : {}) })
          .expect(200);
        return {
          asOf: body.asOf as string,
          tonnes: body.rows.map((row: { quantityTonnes: string }) => row.quantityTonnes),
        };
      }),
    );

  it('counts what became known at 00:30 Moscow time on the day that began at midnight there', async () => {
    const boundary = await monitoring.query<{ day: string }>(
      `SELECT known_day(t)::text AS day FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
      [['2093-04-30T20:59:59.999Z', '2093-04-30T21:00:00.000Z']],
    );
    expect(boundary.map((row) => row.day)).toEqual(['2093-04-30', '2093-05-01']);
    expect(await monitoring.query(`SELECT time_zone FROM calendar_zone`)).toEqual([{ time_zone: 'Europe/Moscow' }]);
    const expected = [
      { day: '2093-05-01', q: '100' },
      { day: '2093-05-02', q: '-40' },
    ];
    expect(await knownDays(monitoring.database.url)).toEqual({ perProduct: expected, perCompany: expected });
  });

  it('as of 30 April, as known then, leaves out what became known at 00:30 on 1 May', async () => {
    const tonnes = async (asOf: string) => (await knownThen(asOf)).map((answer) => answer.tonnes);
    expect(await tonnes('2093-04-30')).toEqual([[], [], []]);
    expect(await tonnes('2093-05-01')).toEqual([['100'], ['100'], ['100']]);
    expect(await tonnes('2093-05-02')).toEqual([['60'], ['60'], ['60']]);
  });

  it('takes today at 00:30 Moscow time on 1 May to be 1 May everywhere', async () => {
    const clock = jest.spyOn(monitoring.app.get(Clock), 'now').mockReturnValue(new Date(MAY_FIRST_0030));
    const rules = jest.spyOn(monitoring.app.get(ProgrammeRules), 'evaluate');
    try {
      expect(await knownThen()).toEqual([
        { asOf: '2093-05-01', tonnes: ['100'] },
        { asOf: '2093-05-01', tonnes: ['100'] },
        { asOf: '2093-05-01', tonnes: ['100'] },
      ]);
      const http = await monitoring.http();
      const targets = (await http.get('/targets').expect(200)).body as { asOf: string }[];
      expect(new Set(targets.map((figure) => figure.asOf))).toEqual(new Set(['2093-05-01']));
      expect((await http.get('/import-dependence').expect(200)).body.asOf).toBe('2093-05-01');
      await monitoring.app.get(ProgrammeEvaluator).evaluate();
      expect(rules).toHaveBeenCalledWith(expect.objectContaining({ asOf: '2093-05-01', knowledge: 'now' }));

      // A rule's settings are those in effect today: a change from 1 May applies from midnight in Moscow.
      await (
        await monitoring.http('admin')
      )
        .patch('/configuration/rules/subsidy.budget_utilisation')
        .send({ severity: 'critical', effectiveFrom: '2093-05-01', reason: 'test: critical from 1 May' })
        .expect(200);
      const store = monitoring.app.get(ConfigurationStore);
      const severity = (expected: string) =>
        waitFor(async () => (await store.rule('subsidy.budget_utilisation')).severity === expected, {
          description: `the budget rule ${expected}`,
        });
      clock.mockReturnValue(new Date(APRIL_30_2330));
      await severity('warning');
      clock.mockReturnValue(new Date(MAY_FIRST_0030));
      await severity('critical');
    } finally {
      rules.mockRestore();
      clock.mockRestore();
    }
  });

  it('rebuilds from Kafka the same days as the service counted live', async () => {
    const target = new URL(monitoring.database.url);
    target.pathname = `/${monitoring.database.name}_rebuilt`;
    try {
      await rebuildProjections({
        liveDatabaseUrl: monitoring.database.url,
        targetDatabaseUrl: target.toString(),
        consumerGroup: `${monitoring.consumerGroup}-rebuild`,
        startOffsets: monitoring.startOffsets,
        logger: false,
      });
      const live = await knownDays(monitoring.database.url);
      expect(live.perProduct.map((row) => row.day)).toEqual(['2093-05-01', '2093-05-02']);
      expect(await knownDays(target.toString())).toEqual(live);
    } finally {
      const admin = new Client({ connectionString: monitoring.database.url.replace(/\/[^/]+$/, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${target.pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  });
});

/**
 * A database whose days were counted in UTC, before the migration: the same
 * report's lines, known from 21:30 UTC on 30 April and amended a day later.
 */
describe('the migration to TIME_ZONE days', () => {
  let database: TestDatabase;
  let dataSource: DataSource | undefined;
  const code = productCode();
  const reportId = randomUUID();

  const open = async (migrations: typeof MONITORING_SCHEMA.migrations) => {
    dataSource = new DataSource(
      postgresOptions(
        {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: 2,
          DATABASE_MIGRATIONS_RUN: false,
          DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60000,
        },
        { ...MONITORING_SCHEMA, migrations },
      ),
    );
    await dataSource.initialize();
    return dataSource;
  };

  const days = async (source: DataSource) =>
    (
      await source.query<{ day: string }[]>(
        `SELECT to_char(known_on, 'YYYY-MM-DD') AS day FROM output_month_known WHERE product_code = $1
          UNION SELECT to_char(known_on, 'YYYY-MM-DD') FROM output_month_company_known ORDER BY 1`,
        [code],
      )
    ).map((row) => row.day);

  beforeAll(async () => {
    database = await createTestDatabase('time_zone_days');
    process.env.TIME_ZONE = 'Europe/Moscow';
    const before = await open(
      (MONITORING_SCHEMA.migrations as unknown[]).filter(
        (migration) => migration !== TimeZoneDays1764401700000,
      ) as typeof MONITORING_SCHEMA.migrations,
    );
    await before.runMigrations({ transaction: 'each' });
    for (const [version, quantity, from, to] of [
      [1, 100, MAY_FIRST_0030, MAY_SECOND_0030],
      [2, 60, MAY_SECOND_0030, null],
    ] as const) {
      await before.query(
        `INSERT INTO report_line_fact (report_id, version, line_no, company_id, region, period, period_start, period_end,
                                       months, product_code, tonnage_class, reported_class, quantity_t, metal_t,
                                       domestic_t, exports_t, known_from, known_to)
         VALUES ($1, $2, 1, $3, 'Murmansk Oblast', '2093-04', '2093-04-01', '2093-04-30', 1, $4, 'large', 'large',
                 $5, $5, $5, 0, $6, $7)`,
        [reportId, version, randomUUID(), code, quantity, from, to],
      );
    }
    await recomputeKnowledge(before.manager);
    await before.destroy();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('counts the days stored in UTC again in TIME_ZONE, back again when undone, and follows a new TIME_ZONE at start', async () => {
    const source = await open(MONITORING_SCHEMA.migrations);
    expect(await days(source)).toEqual(['2093-04-30', '2093-05-01']);

    await source.runMigrations({ transaction: 'each' });
    expect(await days(source)).toEqual(['2093-05-01', '2093-05-02']);
    expect(await source.query(`SELECT time_zone FROM calendar_zone`)).toEqual([{ time_zone: 'Europe/Moscow' }]);

    await source.undoLastMigration({ transaction: 'each' });
    expect(await days(source)).toEqual(['2093-04-30', '2093-05-01']);
    await source.runMigrations({ transaction: 'each' });

    // TIME_ZONE changed since: the start moves the days (New York is four hours behind UTC in May).
    const environment = { TIME_ZONE: 'America/New_York' } as PlatformEnvironment;
    await new KnownDays(source, environment).onModuleInit();
    expect(await source.query(`SELECT known_day($1)::text AS day`, [MAY_SECOND_0030])).toEqual([{ day: '2093-05-01' }]);
    expect(await days(source)).toEqual(['2093-04-30', '2093-05-01']);
    expect(await source.transaction((manager) => keepDaysIn(manager, 'America/New_York'))).toBe(false);
    await expect(source.transaction((manager) => keepDaysIn(manager, 'Mars/Olympus_Mons'))).rejects.toThrow(
      /does not know the time zone Mars\/Olympus_Mons/,
    );
  });
});
