import { ProductAdded, ReportAccepted } from '@redmet/contracts';
import { Clock } from '@redmet/platform';
import { perspectiveOn } from '../src/common/perspective';
import { ProgrammeRules } from '../src/rules/programme-rules';
import { acceptedReport, hsCode, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

/**
 * Figures not known are not zero: imports of products without customs figures of their own, output before any
 * report, customs exports no producer can report. Years 2095-2098, which no other test reports.
 */
jest.setTimeout(180_000);

const HEADER = 'flow,hsCode,productCode,period,quantity,unit,valueKopecks';

describe('figures not known', () => {
  let monitoring: MonitoringTestApp;
  const shared = hsCode();
  const neodymium = product({ tonnageClass: 'small', hsCode: shared, name: 'Test Nd oxide' });
  // Added to the catalogue after the shared code's figures were loaded for Nd, the only product under it then.
  const dysprosium = product({ tonnageClass: 'small', hsCode: shared, name: 'Test Dy oxide' });
  const lithium = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test lithium carbonate' });
  const gallium = product({ tonnageClass: 'small', hsCode: hsCode(), name: 'Test gallium' });
  const noProduct = hsCode();

  const findings = async (asOf: string) =>
    monitoring.app.get(ProgrammeRules).evaluate(perspectiveOn(asOf, 'now', monitoring.app.get(Clock)));

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const reports = [
      acceptedReport({
        period: '2097-Q1',
        lines: lines(
          { productCode: lithium.code, quantity: '400', metal: '80', exports: '10', tonnageClass: 'large' },
          { productCode: neodymium.code, quantity: '100', metal: '85.7', tonnageClass: 'small' },
          { productCode: gallium.code, quantity: '10', metal: '10', tonnageClass: 'small' },
        ),
      }),
      acceptedReport({
        period: '2098-Q1',
        lines: lines({ productCode: neodymium.code, quantity: '100', metal: '85.7', tonnageClass: 'small' }),
      }),
    ];
    await monitoring.processed(
      await monitoring.publish(ProductAdded, neodymium.code, neodymium),
      await monitoring.publish(ProductAdded, lithium.code, lithium),
      await monitoring.publish(ProductAdded, gallium.code, gallium),
      ...(await Promise.all(reports.map((report) => monitoring.publish(ReportAccepted, report.reportId, report)))),
    );
    await (
      await monitoring.http()
    )
      .post('/trade-statistics')
      .send({
        rows: [
          { flow: 'import', hsCode: shared, period: '2097', quantity: '900', unit: 't' },
          { flow: 'import', hsCode: shared, period: '2098', quantity: '900', unit: 't' },
          { flow: 'import', hsCode: lithium.hsCode, period: '2097', quantity: '100', unit: 't' },
          { flow: 'export', hsCode: lithium.hsCode, period: '2097-Q1', quantity: '10', unit: 't' },
          { flow: 'export', hsCode: noProduct, period: '2097-05', quantity: '40', unit: 't' },
        ],
      })
      .expect(201);
    await monitoring.processed(await monitoring.publish(ProductAdded, dysprosium.code, dysprosium));
  });

  afterAll(async () => {
    await monitoring.close();
  });

  it('withholds the share of a product whose imports are not known, and leaves it out of the overall figure', async () => {
    for (const knowledge of ['now', 'then']) {
      const response = await (
        await monitoring.http()
      )
        .get('/import-dependence')
        .query({ year: 2097, knowledge })
        .expect(200);
      const row = (code: string) => response.body.products.find((p: { productCode: string }) => p.productCode === code);
      // The 900 t under the shared code are Nd's and Dy's together: neither's share is known, nor 0%.
      for (const code of [neodymium.code, dysprosium.code]) {
        expect(row(code)).toMatchObject({
          importsTonnes: '0',
          importDependencePercent: null,
          importDependenceWithheld: { reason: 'customs_figures_unattributed', params: { hsCodes: [shared] } },
          unattributedHsCodes: [shared],
        });
      }
      // Gallium's code has no customs figure in 2097 although lithium's has: unknown, not none.
      expect(row(gallium.code)).toMatchObject({
        outputTonnes: '10',
        importDependencePercent: null,
        importDependenceWithheld: { reason: 'no_customs_figures' },
        customsCoverage: { months: 0, of: 12 },
      });
      // Lithium: 100 ÷ (400 + 100 − 10) = 20.41%, its customs figures covering every month.
      expect(row(lithium.code)).toMatchObject({
        importDependencePercent: '20.41',
        customsCoverage: { months: 12, of: 12, missing: [] },
      });
      expect(response.body.importsUnknown).toEqual([neodymium.code, dysprosium.code, gallium.code].sort());
      // Lithium alone (factor 80/400 = 0.2): 20 ÷ (80 + 20 − 2) = 20.41%. Counting the others as importing none
      // would give 20 ÷ (80 + 85.7 + 10 + 20 − 2) = 10.33%.
      expect(response.body.overall).toMatchObject({
        outputMetalTonnes: '80',
        importsMetalTonnes: '20',
        importDependencePercent: '20.41',
      });
    }
  });

  it('gives the import-dependence target no value when no product’s imports are known, saying why', async () => {
    const response = await (await monitoring.http()).get('/import-dependence').query({ year: 2098 }).expect(200);
    // The year's only figure is the shared code's, naming no product: loaded, but no product's share of it known.
    expect(response.body.overall).toMatchObject({
      importDependencePercent: null,
      importDependenceWithheld: { reason: 'customs_figures_unattributed', params: { hsCodes: [shared] } },
    });
    // Read as 0% imported, the share would be on track for the 48% of 2030.
    const target = await (
      await monitoring.http()
    )
      .get('/targets/import-dependence')
      .query({ asOf: '2098-12-31' })
      .expect(200);
    expect(target.body).toMatchObject({ current: null, gap: null, status: 'no_data' });
    expect(target.body.notes).toContainEqual(
      expect.objectContaining({
        code: 'target.share_withheld',
        params: { withheld: expect.objectContaining({ code: 'share_withheld.customs_figures_unattributed' }) },
      }),
    );
  });

  it('refuses a customs figure naming no product under a code several catalogue products share, as JSON or CSV', async () => {
    const http = await monitoring.http();
    const message = `HS code ${shared} covers 2 catalogue products (${[neodymium.code, dysprosium.code].sort().join(', ')}): name the one the figure is for`;
    const json = await http
      .post('/trade-statistics')
      .send({ rows: [{ flow: 'import', hsCode: shared, period: '2096', quantity: '5', unit: 't' }] })
      .expect(400);
    expect(json.body.errors).toEqual([{ field: 'rows.0.productCode', messages: [message] }]);
    const csv = await http
      .post('/trade-statistics/upload')
      .attach('file', Buffer.from([HEADER, `import,${shared},,2096,5,t,`].join('\n')), 'customs.csv')
      .expect(400);
    expect(csv.body.errors).toEqual([{ field: 'lines.2.productCode', messages: [message] }]);
    await http
      .post('/trade-statistics')
      .send({
        rows: [
          { flow: 'import', hsCode: shared, productCode: dysprosium.code, period: '2096', quantity: '5', unit: 't' },
        ],
      })
      .expect(201);
  });

  it('has no output figure and no status before any report, and raises no alert for it', async () => {
    const http = await monitoring.http();
    const targets = (await http.get('/targets').query({ asOf: '2095-12-31' }).expect(200)).body;
    // Nothing reported in 2095: 0 would be far behind 80,000 t, 65 products and 100 bn RUB, off track.
    for (const key of ['output-small-tonnage', 'critical-products', 'output-value']) {
      expect(targets.find((target: { key: string }) => target.key === key)).toMatchObject({
        current: null,
        gap: null,
        status: 'no_data',
        forecast: { value: null },
      });
    }
    const history = await http
      .get('/targets/output-small-tonnage/history')
      .query({ from: '2095-10', to: '2095-12' })
      .expect(200);
    expect(
      history.body.map((point: { current: string | null; status: string }) => [point.current, point.status]),
    ).toEqual([
      [null, 'no_data'],
      [null, 'no_data'],
      [null, 'no_data'],
    ]);
    const offTrack = [...((await findings('2095-12-31')).get('target.off_track')?.keys() ?? [])];
    // Plants are counted from the registry, always known: none commissioned is 0, off track.
    expect(offTrack).toContain('target:new-plants');
    for (const key of ['output-small-tonnage', 'critical-products', 'output-value']) {
      expect(offTrack).not.toContain(`target:${key}`);
    }
  });

  it('forecasts the value itself in the first year of reports, not its growth from nothing', async () => {
    await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/output-large-tonnage')
      .send({
        baselineYear: 2095,
        baselineValue: '0',
        targetYear: 2100,
        effectiveFrom: '2095-01-01',
        reason: 'test programme',
      })
      .expect(200);
    const report = acceptedReport({
      period: '2096-Q1',
      lines: lines({ productCode: lithium.code, quantity: '150000', metal: '30000', tonnageClass: 'large' }),
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
    const figure = (
      await (await monitoring.http()).get('/targets/output-large-tonnage').query({ asOf: '2096-12-31' }).expect(200)
    ).body;
    // 30,000 t against nothing in 2095: read as 0, the change carried over the 4 years left would give 150,000 t.
    expect(figure).toMatchObject({ current: '30000', forecast: { year: 2100, value: '30000' } });
  });

  it('does not compare customs exports under a code no catalogue product has, and lists them apart', async () => {
    const check = await (
      await monitoring.http()
    )
      .get('/trade-statistics/export-check')
      .query({ from: '2097-01', to: '2097-12' })
      .expect(200);
    // Lithium: 10 t reported, 10 t at customs.
    expect(check.body).toMatchObject({ total: 1 });
    expect(check.body.items).toEqual([
      expect.objectContaining({ hsCode: lithium.hsCode, reportedExportsTonnes: '10', withinTolerance: true }),
    ]);
    // Compared, the 40 t would differ by all of themselves from the nothing reported, for ever.
    expect(check.body.notCompared).toEqual([
      {
        hsCode: noProduct,
        periods: ['2097-05'],
        customsExportsTonnes: '40',
        reason: 'no_catalogue_product',
        note: expect.stringContaining(`no catalogue product has HS code ${noProduct}`),
      },
    ]);
    const discrepancies = (await findings('2097-12-31')).get('trade.export_discrepancy');
    expect([...(discrepancies?.keys() ?? [])]).not.toContain(`exports:${noProduct}:*:2097-05`);
  });
});
