import type { DataSource } from 'typeorm';
import { ProductClass1764401500000 } from '../src/database/migrations/1764401500000-product-class';
import { type SteppedDatabase, steppedDatabase, timestampOf } from './support/migrated-database';

const UPGRADE = timestampOf(ProductClass1764401500000);

const [LITHIUM, NEODYMIUM, UNLISTED] = ['LI-CARBONATE', 'ND-OXIDE', 'ZZ-UNLISTED'];
const MURMANSK = { companyId: '00000000-0000-4000-8000-00000000000a', region: 'Murmansk Oblast' };
const KRASNOYARSK = { companyId: '00000000-0000-4000-8000-00000000000b', region: 'Krasnoyarsk Krai' };
const [REPORT_A, REPORT_B] = ['a0000000-0000-4000-8000-000000000000', 'b0000000-0000-4000-8000-000000000000'];
// Noon UTC: the same day whichever TIME_ZONE the later migration counts the days in again.
const [MARCH_5, MARCH_10, MARCH_20] = ['2031-03-05T12:00:00Z', '2031-03-10T12:00:00Z', '2031-03-20T12:00:00Z'];

/**
 * February's lines: report A (Murmansk) amended on 20 March from 100 t of
 * lithium to 80 t, its neodymium unchanged; report B (Krasnoyarsk) known on
 * 10 March, with lithium of no reported class and a product the catalogue
 * does not know. Every lithium line counted in a class the catalogue (small)
 * does not give it.
 */
const LINES: [
  report: string,
  version: number,
  lineNo: number,
  product: string,
  tonnageClass: string,
  tonnes: number,
  knownFrom: string,
  knownTo: string | null,
][] = [
  [REPORT_A, 1, 1, LITHIUM, 'large', 100, MARCH_5, MARCH_20],
  [REPORT_A, 1, 2, NEODYMIUM, 'large', 40, MARCH_5, MARCH_20],
  [REPORT_A, 2, 1, LITHIUM, 'large', 80, MARCH_20, null],
  [REPORT_A, 2, 2, NEODYMIUM, 'large', 40, MARCH_20, null],
  [REPORT_B, 1, 1, LITHIUM, 'unknown', 90, MARCH_10, null],
  [REPORT_B, 1, 2, UNLISTED, 'small', 30, MARCH_10, null],
];

/** The aggregates of those lines as the projection before the upgrade summed them: in the classes reported. */
const OLD_AGGREGATES = [
  `INSERT INTO output_month (month, product_code, tonnage_class, company_id, region, quantity_t, metal_t, domestic_t,
     exports_t, lines)
   SELECT '2031-02-01', p, c, company::uuid, r, q, q * 0.1, q * 0.5, q * 0.25, n FROM (VALUES
     ('${LITHIUM}', 'large', '${MURMANSK.companyId}', '${MURMANSK.region}', 80, 1),
     ('${LITHIUM}', 'unknown', '${KRASNOYARSK.companyId}', '${KRASNOYARSK.region}', 90, 1),
     ('${NEODYMIUM}', 'large', '${MURMANSK.companyId}', '${MURMANSK.region}', 40, 1),
     ('${UNLISTED}', 'small', '${KRASNOYARSK.companyId}', '${KRASNOYARSK.region}', 30, 1)) AS v(p, c, company, r, q, n)`,
  `INSERT INTO output_month_product (month, product_code, tonnage_class, quantity_t, metal_t, domestic_t, exports_t, lines)
   SELECT '2031-02-01', p, c, q, q * 0.1, q * 0.5, q * 0.25, n FROM (VALUES
     ('${LITHIUM}', 'large', 80, 1), ('${LITHIUM}', 'unknown', 90, 1),
     ('${NEODYMIUM}', 'large', 40, 1), ('${UNLISTED}', 'small', 30, 1)) AS v(p, c, q, n)`,
  `INSERT INTO output_month_known (month, product_code, tonnage_class, known_on, quantity_t, metal_t, domestic_t,
     exports_t, lines)
   SELECT '2031-02-01', p, c, d::date, q, q * 0.1, q * 0.5, q * 0.25, n FROM (VALUES
     ('${LITHIUM}', 'large', '2031-03-05', 100, 1), ('${LITHIUM}', 'large', '2031-03-20', -20, 0),
     ('${LITHIUM}', 'unknown', '2031-03-10', 90, 1),
     ('${NEODYMIUM}', 'large', '2031-03-05', 40, 1), ('${NEODYMIUM}', 'large', '2031-03-20', 0, 0),
     ('${UNLISTED}', 'small', '2031-03-10', 30, 1)) AS v(p, c, d, q, n)`,
  `INSERT INTO output_month_company_known (month, tonnage_class, company_id, region, known_on, quantity_t, metal_t,
     domestic_t, exports_t, lines)
   SELECT '2031-02-01', c, company::uuid, r, d::date, q, q * 0.1, q * 0.5, q * 0.25, n FROM (VALUES
     ('large', '${MURMANSK.companyId}', '${MURMANSK.region}', '2031-03-05', 140, 2),
     ('large', '${MURMANSK.companyId}', '${MURMANSK.region}', '2031-03-20', -20, 0),
     ('unknown', '${KRASNOYARSK.companyId}', '${KRASNOYARSK.region}', '2031-03-10', 90, 1),
     ('small', '${KRASNOYARSK.companyId}', '${KRASNOYARSK.region}', '2031-03-10', 30, 1)) AS v(c, company, r, d, q, n)`,
];

/**
 * The upgrade that counts a product's output in its catalogue class, on a database whose facts and
 * aggregates hold the classes the reports gave: no service, only the database.
 */
describe('product classes after the upgrade', () => {
  let database: SteppedDatabase;

  beforeAll(async () => {
    database = await steppedDatabase('product_class');
  });

  afterAll(async () => {
    await database.close();
  });

  const counted = async (dataSource: DataSource) => ({
    facts: await dataSource.query(
      `SELECT report_id, version, product_code, tonnage_class, reported_class FROM report_line_fact
        ORDER BY report_id, version, line_no`,
    ),
    productClasses: await dataSource.query(
      `SELECT product_code, version, tonnage_class, known_from::text FROM product_class ORDER BY product_code`,
    ),
    month: await dataSource.query(
      `SELECT product_code, tonnage_class, region, quantity_t::text, lines FROM output_month
        ORDER BY product_code, tonnage_class, region`,
    ),
    monthProduct: await dataSource.query(
      `SELECT product_code, tonnage_class, quantity_t::text, lines FROM output_month_product
        ORDER BY product_code, tonnage_class`,
    ),
    known: await dataSource.query(
      `SELECT product_code, tonnage_class, known_on::text, quantity_t::text, lines FROM output_month_known
        ORDER BY product_code, tonnage_class, known_on`,
    ),
    companyKnown: await dataSource.query(
      `SELECT region, tonnage_class, known_on::text, quantity_t::text, lines FROM output_month_company_known
        ORDER BY region, tonnage_class, known_on`,
    ),
    // Each line's metal content, domestic shipments and exports are a tenth, a half and a quarter of its
    // quantity: a sum put in another's column shows here.
    outOfProportion: await dataSource.query(
      ['output_month', 'output_month_product', 'output_month_known', 'output_month_company_known']
        .map(
          (table) => `SELECT DISTINCT '${table}' AS aggregate FROM ${table}
                       WHERE (metal_t, domestic_t, exports_t)
                             IS DISTINCT FROM (quantity_t * 0.1, quantity_t * 0.5, quantity_t * 0.25)`,
        )
        .join(' UNION ALL '),
    ),
  });

  it('moves the facts into their catalogue class and sums every aggregate again in it', async () => {
    const before = await database.upTo(UPGRADE - 1);
    await before.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       VALUES ($1, 'Lithium carbonate', '{Li}', 'small', '2836.91', 't', 'reported', 2),
              ($2, 'Neodymium oxide', '{Nd}', 'large', '2846.90', 't', 'reported', 1)`,
      [LITHIUM, NEODYMIUM],
    );
    for (const [report, version, lineNo, product, tonnageClass, tonnes, knownFrom, knownTo] of LINES) {
      const { companyId, region } = report === REPORT_A ? MURMANSK : KRASNOYARSK;
      await before.query(
        `INSERT INTO report_line_fact (report_id, version, line_no, company_id, region, period, period_start,
           period_end, months, product_code, tonnage_class, quantity_t, metal_t, domestic_t, exports_t, known_from,
           known_to)
         VALUES ($1, $2, $3, $4, $5, '2031-02', '2031-02-01', '2031-02-28', 1, $6, $7, $8::numeric, $8::numeric * 0.1,
                 $8::numeric * 0.5, $8::numeric * 0.25, $9, $10)`,
        [report, version, lineNo, companyId, region, product, tonnageClass, tonnes, knownFrom, knownTo],
      );
    }
    await before.query(
      `INSERT INTO report_version (report_id, version, company_id, region, period, period_start, period_end,
         nil_return, accepted_at, event_id)
       SELECT report_id, version, company_id, region, period, period_start, period_end, false, known_from,
              gen_random_uuid()
         FROM report_line_fact WHERE line_no = 1`,
    );
    for (const statement of OLD_AGGREGATES) await before.query(statement);

    const expected = {
      facts: [
        { report_id: REPORT_A, version: 1, product_code: LITHIUM, tonnage_class: 'small', reported_class: 'large' },
        { report_id: REPORT_A, version: 1, product_code: NEODYMIUM, tonnage_class: 'large', reported_class: 'large' },
        { report_id: REPORT_A, version: 2, product_code: LITHIUM, tonnage_class: 'small', reported_class: 'large' },
        { report_id: REPORT_A, version: 2, product_code: NEODYMIUM, tonnage_class: 'large', reported_class: 'large' },
        { report_id: REPORT_B, version: 1, product_code: LITHIUM, tonnage_class: 'small', reported_class: null },
        { report_id: REPORT_B, version: 1, product_code: UNLISTED, tonnage_class: 'small', reported_class: 'small' },
      ],
      productClasses: [
        { product_code: LITHIUM, version: 2, tonnage_class: 'small', known_from: '-infinity' },
        { product_code: NEODYMIUM, version: 1, tonnage_class: 'large', known_from: '-infinity' },
      ],
      // Report A's amended 80 t and report B's 90 t of lithium, both small now.
      month: [
        { product_code: LITHIUM, tonnage_class: 'small', region: KRASNOYARSK.region, quantity_t: '90', lines: 1 },
        { product_code: LITHIUM, tonnage_class: 'small', region: MURMANSK.region, quantity_t: '80', lines: 1 },
        { product_code: NEODYMIUM, tonnage_class: 'large', region: MURMANSK.region, quantity_t: '40', lines: 1 },
        { product_code: UNLISTED, tonnage_class: 'small', region: KRASNOYARSK.region, quantity_t: '30', lines: 1 },
      ],
      monthProduct: [
        { product_code: LITHIUM, tonnage_class: 'small', quantity_t: '170', lines: 2 },
        { product_code: NEODYMIUM, tonnage_class: 'large', quantity_t: '40', lines: 1 },
        { product_code: UNLISTED, tonnage_class: 'small', quantity_t: '30', lines: 1 },
      ],
      // The amendment takes 100 t out and puts 80 t in on 20 March; neodymium's 40 t out and in cancel out.
      known: [
        { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-05', quantity_t: '100', lines: 1 },
        { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-10', quantity_t: '90', lines: 1 },
        { product_code: LITHIUM, tonnage_class: 'small', known_on: '2031-03-20', quantity_t: '-20', lines: 0 },
        { product_code: NEODYMIUM, tonnage_class: 'large', known_on: '2031-03-05', quantity_t: '40', lines: 1 },
        { product_code: UNLISTED, tonnage_class: 'small', known_on: '2031-03-10', quantity_t: '30', lines: 1 },
      ],
      outOfProportion: [],
      companyKnown: [
        { region: KRASNOYARSK.region, tonnage_class: 'small', known_on: '2031-03-10', quantity_t: '120', lines: 2 },
        { region: MURMANSK.region, tonnage_class: 'large', known_on: '2031-03-05', quantity_t: '40', lines: 1 },
        { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-05', quantity_t: '100', lines: 1 },
        { region: MURMANSK.region, tonnage_class: 'small', known_on: '2031-03-20', quantity_t: '-20', lines: 0 },
      ],
    };
    // Right after the upgrade as well as at the end: the time-zone migration after it counts what was known day
    // by day again, which would hide an upgrade that left it in the reported classes.
    expect(await counted(await database.upTo(UPGRADE))).toEqual(expected);
    expect(await counted(await database.upTo())).toEqual(expected);
  });
});
