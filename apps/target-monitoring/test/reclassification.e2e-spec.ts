import { randomUUID } from 'node:crypto';
import { ProductAdded, ProductUpdated, ReportAccepted } from '@redmet/contracts';
import { Clock } from '@redmet/platform';
import { acceptedReport, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/**
 * A catalogue class counts, as known then, from when the registry made the
 * change (its event's time). Every test's service reads the same topics, so
 * the output is of years no other test reports. In 2003, accepted on 10 May:
 * A (March) P 40 t of metal reported large; B (April) P 30 t reported large
 * and U 5 t reported small; C (April) P 2 t reported small. For the output
 * targets, configured for 2084: D (June 2084) P 8 t reported large. P enters
 * the catalogue as large on 1 June 2003; on 1 July it is reclassified small
 * and U, unknown so far, added as large.
 */
describe('a product reclassified in the catalogue', () => {
  let monitoring: MonitoringTestApp;
  let day: string;
  const catalogued = '2003-06-01T09:00:00.000Z';
  const reclassifiedAt = '2003-07-01T09:00:00.000Z';
  const [first, second] = ['2003-03', '2003-04'];
  const acceptedOn = '2003-05-10T09:00:00.000Z';
  const p = product({ tonnageClass: 'large' });
  const u = product({ tonnageClass: 'large' });
  const companies = { A: randomUUID(), B: randomUUID(), C: randomUUID() };
  const a = acceptedReport({
    companyId: companies.A,
    period: first,
    lines: lines({ productCode: p.code, quantity: '100', metal: '40', tonnageClass: 'large' }),
  });
  const b = acceptedReport({
    companyId: companies.B,
    period: second,
    lines: lines(
      { productCode: p.code, quantity: '90', metal: '30', tonnageClass: 'large' },
      { productCode: u.code, quantity: '20', metal: '5', tonnageClass: 'small' },
    ),
  });
  const c = acceptedReport({
    companyId: companies.C,
    period: second,
    lines: lines({ productCode: p.code, quantity: '10', metal: '2', tonnageClass: 'small' }),
  });
  const d = acceptedReport({
    companyId: companies.A,
    period: '2084-06',
    lines: lines({ productCode: p.code, quantity: '20', metal: '8', tonnageClass: 'large' }),
  });

  /** Metal content per tonnage class of the test's months, summed from a drill-down's rows. */
  const byClass = async (groupBy: string, asOf: string, knowledge: string) => {
    const { body } = await (
      await monitoring.http()
    )
      .get('/output')
      .query({ from: first, to: second, groupBy, asOf, knowledge })
      .expect(200);
    const sums: Record<string, number> = {};
    for (const row of body.rows as { tonnageClass: string; metalContentTonnes: string }[]) {
      sums[row.tonnageClass] = (sums[row.tonnageClass] ?? 0) + Number(row.metalContentTonnes);
    }
    return sums;
  };
  /** Output by class read every way: per product, per company and region, and from the facts. */
  const look = (asOf: string, knowledge: string) =>
    Promise.all(
      ['tonnageClass', 'tonnageClass,company', 'tonnageClass,product,company'].map((groupBy) =>
        byClass(groupBy, asOf, knowledge),
      ),
    );
  const shown = (large: number, small: number) => [
    { large, small },
    { large, small },
    { large, small },
  ];
  /** The output targets' current values at the end of 2084, as known now and then. */
  const targets = async () => {
    const current = async (key: string, knowledge: string) =>
      (await (await monitoring.http()).get(`/targets/${key}`).query({ asOf: '2084-12-31', knowledge }).expect(200)).body
        .current;
    const both = async (knowledge: string) => ({
      large: await current('output-large-tonnage', knowledge),
      small: await current('output-small-tonnage', knowledge),
    });
    return { now: await both('now'), then: await both('then') };
  };
  /** The same as known now and as known then (all of 2084 is known today, in today's classes). */
  const targetsOf = (large: string, small: string) => ({ now: { large, small }, then: { large, small } });
  /** What the projections hold for the test's products, to tell that an event changed nothing. */
  const projections = () => {
    const codes = [p.code, u.code];
    return Promise.all([
      monitoring.query(
        `SELECT report_id, version, line_no, tonnage_class FROM report_line_fact WHERE product_code = ANY($1)
          ORDER BY 1, 2, 3`,
        [codes],
      ),
      monitoring.query(`SELECT * FROM output_month WHERE product_code = ANY($1) ORDER BY 1, 2, 3, 4, 5`, [codes]),
      monitoring.query(`SELECT * FROM output_month_product WHERE product_code = ANY($1) ORDER BY 1, 2, 3`, [codes]),
      monitoring.query(`SELECT * FROM output_month_known WHERE product_code = ANY($1) ORDER BY 1, 2, 3, 4`, [codes]),
      monitoring.query(`SELECT * FROM output_month_company_known WHERE company_id = ANY($1) ORDER BY 1, 2, 3, 4, 5`, [
        Object.values(companies),
      ]),
    ]);
  };

  /** What the service showed at each step of the history, read as it went on; the cases below judge it. */
  const seen: Record<string, Awaited<ReturnType<typeof look>>> = {};
  const held: Record<string, unknown> = {};

  beforeAll(async () => {
    monitoring = await startMonitoring();
    day = monitoring.app.get(Clock).today();
    const admin = await monitoring.http('admin');
    for (const key of ['output-large-tonnage', 'output-small-tonnage']) {
      await admin
        .patch(`/configuration/targets/${key}`)
        .send({ baselineYear: 2083, targetYear: 2090, effectiveFrom: '2083-01-01', reason: 'test programme' })
        .expect(200);
    }
    await monitoring.processed(await monitoring.publish(ProductAdded, p.code, p, { occurredAt: catalogued }));
    await monitoring.processed(
      ...(await Promise.all(
        [a, b, c].map((report) =>
          monitoring.publish(ReportAccepted, report.reportId, report, { occurredAt: acceptedOn }),
        ),
      )),
      await monitoring.publish(ReportAccepted, d.reportId, d),
    );
    seen.catalogued = await look(day, 'now');
    held.catalogued = await targets();

    // P reclassified small; U, unknown so far, added as large.
    const reclassification = await monitoring.publish(
      ProductUpdated,
      p.code,
      { ...p, tonnageClass: 'small', version: 2 },
      { occurredAt: reclassifiedAt },
    );
    await monitoring.processed(
      reclassification,
      await monitoring.publish(ProductAdded, u.code, u, { occurredAt: reclassifiedAt }),
    );
    seen.reclassified = await look(day, 'now');
    held.reclassified = await targets();
    seen.beforeCatalogue = await look('2003-05-31', 'then');
    seen.beforeReclassification = await look('2003-06-30', 'then');
    seen.reclassifiedThen = await look('2003-07-01', 'then');
    seen.today = await look(day, 'then');
    held.classes = await monitoring.query(
      `SELECT DISTINCT tonnage_class FROM report_line_fact WHERE product_code = $1`,
      [p.code],
    );
    held.leftInOldClass = await monitoring.query(
      `SELECT month FROM output_month WHERE product_code = $1 AND tonnage_class = 'large' AND (lines, metal_t) <> (0, 0)
       UNION ALL
       SELECT month FROM output_month_product WHERE product_code = $1 AND tonnage_class = 'large'
          AND (lines, metal_t) <> (0, 0)`,
      [p.code],
    );

    // B amends its month after the reclassification: P 20 t (was 30), still reported large.
    const amended = {
      ...b,
      version: 2,
      lines: lines(
        { productCode: p.code, quantity: '60', metal: '20', tonnageClass: 'large' },
        { productCode: u.code, quantity: '20', metal: '5', tonnageClass: 'small' },
      ),
    };
    await monitoring.processed(await monitoring.publish(ReportAccepted, b.reportId, amended));
    seen.amended = await look(day, 'now');
    held.amended = await targets();
    seen.amendedToday = await look(day, 'then');
    seen.amendedBefore = await look('2003-07-01', 'then');
    held.negative = await monitoring.query(
      `SELECT month FROM output_month WHERE product_code = ANY($1) AND (metal_t < 0 OR lines < 0)`,
      [[p.code, u.code]],
    );

    // Redelivered: the same event again, and the same version under a new event id; then a version keeping the class.
    held.beforeRedelivery = await projections();
    await monitoring.processed(
      await monitoring.publish(ProductUpdated, p.code, reclassification.payload, {
        eventId: reclassification.eventId,
        occurredAt: reclassifiedAt,
      }),
      await monitoring.publish(ProductUpdated, p.code, reclassification.payload),
      await monitoring.publish(ProductUpdated, p.code, { ...p, tonnageClass: 'small', name: 'Renamed', version: 3 }),
    );
    held.afterRedelivery = await projections();
    seen.redelivered = await look(day, 'now');
    held.redelivered = await targets();
    seen.redeliveredToday = await look(day, 'then');
  });

  afterAll(async () => {
    await monitoring.close();
  });

  it('counts output in the catalogue class whatever the report lines carried, and moves it when the class changes', () => {
    // C's 2 t reported small count as large: P is large in the catalogue. U is unknown: its line's class stands.
    expect(seen.catalogued).toEqual(shown(72, 5));
    expect(held.catalogued).toEqual(targetsOf('8', '0'));
    // P's 72 t small, U's 5 t large.
    expect(seen.reclassified).toEqual(shown(5, 72));
    expect(held.reclassified).toEqual(targetsOf('0', '8'));
    expect(held.classes).toEqual([{ tonnage_class: 'small' }]);
    expect(held.leftInOldClass).toEqual([]);
  });

  it('shows, as known then, the classes the catalogue had on the day, the reported ones before it had any', () => {
    // Before 1 June neither product was catalogued: A 40 and B 30 large, B's U 5 and C 2 small.
    expect(seen.beforeCatalogue).toEqual(shown(70, 7));
    // From 1 June P is large, C's 2 t included; U stays as reported.
    expect(seen.beforeReclassification).toEqual(shown(72, 5));
    expect(seen.reclassifiedThen).toEqual(shown(5, 72));
    expect(seen.today).toEqual(shown(5, 72));
  });

  it('replaces, by an amendment after the reclassification, the figures where they now are', () => {
    // P: A 40 + B 20 (was 30) + C 2, small; U 5, large.
    expect(seen.amended).toEqual(shown(5, 62));
    expect(held.amended).toEqual(targetsOf('0', '8'));
    expect(seen.amendedToday).toEqual(shown(5, 62));
    // The amendment is known today, not on 1 July 2003.
    expect(seen.amendedBefore).toEqual(shown(5, 72));
    expect(held.negative).toEqual([]);
  });

  it('has one effect however often the reclassification comes, and none from a version that keeps the class', () => {
    expect(held.afterRedelivery).toEqual(held.beforeRedelivery);
    expect(seen.redelivered).toEqual(shown(5, 62));
    expect(held.redelivered).toEqual(targetsOf('0', '8'));
    expect(seen.redeliveredToday).toEqual(shown(5, 62));
  });
});
