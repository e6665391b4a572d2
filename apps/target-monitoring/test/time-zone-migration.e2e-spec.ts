import type { DataSource } from 'typeorm';
import { TimeZoneDays1764401700000 } from '../src/database/migrations/1764401700000-time-zone-days';
import { type SteppedDatabase, steppedDatabase, timestampOf } from './support/migrated-database';

const UPGRADE = timestampOf(TimeZoneDays1764401700000);

const [LITHIUM, NEODYMIUM] = ['LI-CARBONATE', 'ND-OXIDE'];
const MURMANSK = { companyId: '00000000-0000-4000-8000-00000000000a', region: 'Murmansk Oblast' };
const KRASNOYARSK = { companyId: '00000000-0000-4000-8000-00000000000b', region: 'Krasnoyarsk Krai' };
const [REPORT_A, REPORT_B] = ['a0000000-0000-4000-8000-000000000000', 'b0000000-0000-4000-8000-000000000000'];
// Between 00:00 and 03:00 in Moscow, the day before in UTC: 00:30 on 5 March, 01:30 on 10 March, 01:00 on 20 March.
const [MARCH_5_0030, MARCH_10_0130, MARCH_20_0100] = [
  '2031-03-04T21:30:00Z',
  '2031-03-09T22:30:00Z',
  '2031-03-19T22:00:00Z',
];
// Noon: 9 March in either zone.
const MARCH_9_NOON = '2031-03-09T12:00:00Z';

/**
 * February's lines: report A (Murmansk) of 100 t of lithium amended to 80 t,
 * report B (Krasnoyarsk) of 40 t of neodymium. The catalogue made lithium
 * small (it was large) at 01:30 on 10 March Moscow time.
 */
const LINES: [
  report: string,
  version: number,
  product: string,
  tonnes: number,
  knownFrom: string,
  knownTo: string | null,
][] = [
  [REPORT_A, 1, LITHIUM, 100, MARCH_5_0030, MARCH_20_0100],
  [REPORT_A, 2, LITHIUM, 80, MARCH_20_0100, null],
  [REPORT_B, 1, NEODYMIUM, 40, MARCH_9_NOON, null],
];

/** What became known day by day of those lines as the projection before the upgrade counted it: on UTC days. */
const UTC_DAYS = {
  known: [
    { product_code: LITHIUM, tonnage_class: 'large', known_on: '2031-03-04', quantity_t: '100', lines: 1 },
    { product_code: LITHIUM, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '-100', lines: -1 },
    { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-09', quantity_t: '100', lines: 1 },
    { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-19', quantity_t: '-20', lines: 0 },
    { product_code: NEODYMIUM, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '40', lines: 1 },
  ],
  companyKnown: [
    { region: KRASNOYARSK.region, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '40', lines: 1 },
    { region: MURMANSK.region, tonnage_class: 'large', known_on: '2031-03-04', quantity_t: '100', lines: 1 },
    { region: MURMANSK.region, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '-100', lines: -1 },
    { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-09', quantity_t: '100', lines: 1 },
    { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-19', quantity_t: '-20', lines: 0 },
  ],
};

/**
 * The upgrade that counts the days on which things became known in TIME_ZONE, on a database whose days were
 * counted in UTC: no service, only the database.
 */
describe('the days things became known after the upgrade to TIME_ZONE days', () => {
  let database: SteppedDatabase;
  const timeZone = process.env.TIME_ZONE;
  const upTo = (last: number) => database.upTo(last);

  beforeEach(async () => {
    database = await steppedDatabase('time_zone_migration');
    const before = await upTo(UPGRADE - 1);
    await before.query(
      `INSERT INTO product_class (product_code, version, tonnage_class, known_from)
       VALUES ($1, 1, 'large', '-infinity'), ($1, 2, 'small', $2)`,
      [LITHIUM, MARCH_10_0130],
    );
    for (const [report, version, product, tonnes, knownFrom, knownTo] of LINES) {
      const { companyId, region } = report === REPORT_A ? MURMANSK : KRASNOYARSK;
      await before.query(
        `INSERT INTO report_line_fact (report_id, version, line_no, company_id, region, period, period_start,
           period_end, months, product_code, tonnage_class, reported_class, quantity_t, metal_t, domestic_t,
           exports_t, known_from, known_to)
         VALUES ($1, $2, 1, $3, $4, '2031-02', '2031-02-01', '2031-02-28', 1, $5, 'large', 'large', $6, $6, $6, 0,
                 $7, $8)`,
        [report, version, companyId, region, product, tonnes, knownFrom, knownTo],
      );
    }
    for (const row of UTC_DAYS.known) {
      await before.query(
        `INSERT INTO output_month_known (month, product_code, tonnage_class, known_on, quantity_t, metal_t, domestic_t,
           exports_t, lines)
         VALUES ('2031-02-01', $1, $2, $3, $4, $4, $4, 0, $5)`,
        [row.product_code, row.tonnage_class, row.known_on, row.quantity_t, row.lines],
      );
    }
    for (const row of UTC_DAYS.companyKnown) {
      const { companyId } = row.region === MURMANSK.region ? MURMANSK : KRASNOYARSK;
      await before.query(
        `INSERT INTO output_month_company_known (month, tonnage_class, company_id, region, known_on, quantity_t,
           metal_t, domestic_t, exports_t, lines)
         VALUES ('2031-02-01', $1, $2, $3, $4, $5, $5, $5, 0, $6)`,
        [row.tonnage_class, companyId, row.region, row.known_on, row.quantity_t, row.lines],
      );
    }
  });

  afterEach(async () => {
    process.env.TIME_ZONE = timeZone;
    if (timeZone === undefined) delete process.env.TIME_ZONE;
    await database.close();
  });

  const counted = async (dataSource: DataSource) => ({
    known: await dataSource.query(
      `SELECT product_code, tonnage_class, known_on::text, quantity_t::text, lines FROM output_month_known
        ORDER BY product_code, tonnage_class, known_on`,
    ),
    companyKnown: await dataSource.query(
      `SELECT region, tonnage_class, known_on::text, quantity_t::text, lines FROM output_month_company_known
        ORDER BY region, tonnage_class, known_on`,
    ),
  });
  const calendarZone = async (dataSource: DataSource) =>
    (await dataSource.query(`SELECT to_regclass('calendar_zone') IS NOT NULL AS kept`))[0].kept
      ? await dataSource.query(`SELECT time_zone FROM calendar_zone`)
      : 'none';
  const knownDay = async (dataSource: DataSource, instant: string) =>
    (await dataSource.query(`SELECT known_day($1)::text AS day`, [instant]))[0].day;

  it('counts the days again in TIME_ZONE, the reports and the class change alike, and back in UTC when undone', async () => {
    process.env.TIME_ZONE = 'Europe/Moscow';
    const upgraded = await upTo(UPGRADE);

    expect(await calendarZone(upgraded)).toEqual([{ time_zone: 'Europe/Moscow' }]);
    expect(await knownDay(upgraded, MARCH_5_0030)).toBe('2031-03-05');
    // Each a day later but for the neodymium known at noon; lithium small from 10 March, when it became known.
    expect(await counted(upgraded)).toEqual({
      known: [
        { product_code: LITHIUM, tonnage_class: 'large', known_on: '2031-03-05', quantity_t: '100', lines: 1 },
        { product_code: LITHIUM, tonnage_class: 'large', known_on: '2031-03-10', quantity_t: '-100', lines: -1 },
        { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-10', quantity_t: '100', lines: 1 },
        { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-20', quantity_t: '-20', lines: 0 },
        { product_code: NEODYMIUM, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '40', lines: 1 },
      ],
      companyKnown: [
        { region: KRASNOYARSK.region, tonnage_class: 'large', known_on: '2031-03-09', quantity_t: '40', lines: 1 },
        { region: MURMANSK.region, tonnage_class: 'large', known_on: '2031-03-05', quantity_t: '100', lines: 1 },
        { region: MURMANSK.region, tonnage_class: 'large', known_on: '2031-03-10', quantity_t: '-100', lines: -1 },
        { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-10', quantity_t: '100', lines: 1 },
        { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-20', quantity_t: '-20', lines: 0 },
      ],
    });

    await upgraded.undoLastMigration({ transaction: 'each' });
    expect(await calendarZone(upgraded)).toBe('none');
    expect(await knownDay(upgraded, MARCH_5_0030)).toBe('2031-03-04');
    expect(await counted(upgraded)).toEqual(UTC_DAYS);
  });

  it("counts in the service's default zone, Moscow's, when TIME_ZONE is unset or empty", async () => {
    delete process.env.TIME_ZONE;
    const unset = await upTo(UPGRADE);
    expect(await calendarZone(unset)).toEqual([{ time_zone: 'Europe/Moscow' }]);
    expect(await knownDay(unset, MARCH_5_0030)).toBe('2031-03-05');

    await unset.undoLastMigration({ transaction: 'each' });
    process.env.TIME_ZONE = '';
    const empty = await upTo(UPGRADE);
    expect(await calendarZone(empty)).toEqual([{ time_zone: 'Europe/Moscow' }]);
    expect(await knownDay(empty, MARCH_5_0030)).toBe('2031-03-05');
  });

  it.each([
    // Refused by the service's own check of its settings.
    ['Mars/Olympus_Mons', 'TIME_ZONE is "Mars/Olympus_Mons", not an IANA time zone'],
    // Taken by that check (it ignores case), not by PostgreSQL's names, which known_day() is written with.
    ['europe/moscow', 'TIME_ZONE is "europe/moscow", a time zone PostgreSQL does not know'],
  ])('fails on TIME_ZONE %s, naming it, and leaves the database as it was', async (zone, message) => {
    process.env.TIME_ZONE = zone;
    await expect(upTo(UPGRADE)).rejects.toThrow(message);

    const after = await upTo(UPGRADE - 1);
    expect(await after.query(`SELECT name FROM migrations WHERE name = $1`, [TimeZoneDays1764401700000.name])).toEqual(
      [],
    );
    expect(await calendarZone(after)).toBe('none');
    expect(await knownDay(after, MARCH_5_0030)).toBe('2031-03-04');
    expect(await counted(after)).toEqual(UTC_DAYS);
  });
});
