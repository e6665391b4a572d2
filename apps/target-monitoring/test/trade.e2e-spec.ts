import { randomUUID } from 'node:crypto';
import { ProductAdded, ReportAccepted } from '@redmet/contracts';
import { acceptedReport, hsCode, lines, product } from './support/builders';
import { waitFor } from '@redmet/testing';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const HEADER = 'flow,hsCode,productCode,period,quantity,unit,valueKopecks';

describe('trade statistics upload and the cross-source export check', () => {
  let monitoring: MonitoringTestApp;
  const li = product({ hsCode: hsCode(), tonnageClass: 'large' });
  const companies = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const events: { eventId: string }[] = [await monitoring.publish(ProductAdded, li.code, li)];
    for (const [index, companyId] of companies.entries()) {
      const report = acceptedReport({
        companyId,
        period: '2074-Q1',
        lines: lines({ productCode: li.code, quantity: '500', exports: index === 0 ? '120' : '60' }),
      });
      events.push(await monitoring.publish(ReportAccepted, report.reportId, report));
    }
    await monitoring.processed(...events);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const count = async () =>
    (await monitoring.query<{ n: number }>('SELECT count(*)::int AS n FROM trade_statistic'))[0].n;

  const upload = async (csv: string) =>
    (await monitoring.http()).post('/trade-statistics/upload').attach('file', Buffer.from(csv), 'customs.csv');

  it('loads nothing when any line is bad, and names every bad line with its reason', async () => {
    const response = await upload(
      [
        HEADER,
        `export,${li.hsCode},,2074-Q1,180,t,`,
        `export,${li.hsCode},,2074-Q5,180,t,`,
        `import,${li.hsCode},NOT-IN-CATALOGUE,2074-Q1,-3,t,`,
        `import,${li.hsCode},,2074-02,10,t,`,
        `import,${li.hsCode},,2074-Q1,10,t,`,
      ].join('\n'),
    );

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('TRADE.INVALID_ROWS');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'lines.3.period',
      'lines.4.quantity',
      'lines.6.period',
    ]);
    expect(await count()).toBe(0);

    const second = await upload(
      [
        HEADER,
        `import,${li.hsCode},NOT-IN-CATALOGUE,2074-Q1,3,t,`,
        `import,${li.hsCode},,2074-02,10,t,`,
        `import,${li.hsCode},,2074-Q1,10,t,`,
      ].join('\n'),
    );
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([
      { field: 'lines.2.productCode', messages: ['NOT-IN-CATALOGUE is not in the catalogue'] },
      { field: 'lines.4.period', messages: [`overlaps 2074-02 at lines.3, both imports of ${li.code}`] },
    ]);
    expect(await count()).toBe(0);
  });

  it('loads a valid file, replaces a figure loaded again for the same period and keeps the old one in history', async () => {
    const first = await upload(
      [HEADER, `export,${li.hsCode},,2074-Q1,200,t,5000000000`, `import,${li.hsCode},,2074-Q1,2500,kg,`].join('\n'),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rows: 2, replaced: 0 });

    const again = await upload([HEADER, `export,${li.hsCode},,2074-Q1,180,t,`].join('\n'));
    expect(again.body).toMatchObject({ rows: 1, replaced: 1 });
    const listed = await (await monitoring.http()).get('/trade-statistics').query({ hsCode: li.hsCode }).expect(200);
    expect(
      listed.body.items
        .map((row: { flow: string; quantityTonnes: string }) => [row.flow, Number(row.quantityTonnes)])
        .sort(),
    ).toEqual([
      ['export', 180],
      ['import', 2.5],
    ]);
    const history = await monitoring.query<{ quantity_t: string; current: boolean }>(
      `SELECT quantity_t::text, known_to IS NULL AS current FROM trade_statistic WHERE flow = 'export' ORDER BY id`,
    );
    expect(history).toEqual([
      { quantity_t: '200', current: false },
      { quantity_t: '180', current: true },
    ]);

    const overlapping = await upload([HEADER, `export,${li.hsCode},,2074-03,1,t,`].join('\n'));
    expect(overlapping.body.errors[0].messages[0]).toContain('overlaps 2074-Q1 already loaded');
  });

  it('refuses a figure that would count a product’s imports twice: with and without the product, or under its code subdivided by 00', async () => {
    // A 6-digit code, so that `.00` can be appended; chapter 95 keeps it apart from every code hsCode() makes.
    const carbonate = product({ hsCode: `95${hsCode().slice(2, 7)}` });
    await monitoring.processed(await monitoring.publish(ProductAdded, carbonate.code, carbonate));
    const code = carbonate.hsCode;
    const importsOf = async () => {
      const response = await (await monitoring.http()).get('/import-dependence').query({ year: 2075 }).expect(200);
      return response.body.products.find((p: { productCode: string }) => p.productCode === carbonate.code)
        ?.importsTonnes;
    };

    expect((await upload([HEADER, `import,${code},,2075-Q1,600,t,`].join('\n'))).status).toBe(201);
    for (const again of [`import,${code},${carbonate.code},2075-Q1,600,t,`, `import,${code}.00,,2075-Q1,600,t,`]) {
      const refused = await upload([HEADER, again].join('\n'));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        {
          field: 'lines.2.period',
          messages: [
            `overlaps 2075-Q1 already loaded under HS code ${code}, both imports of ${carbonate.code}: ` +
              'a figure is replaced only by one for the same code, product and period',
          ],
        },
      ]);
    }
    const inOneFile = await upload(
      [HEADER, `import,${code},,2075-Q2,600,t,`, `import,${code}.00,${carbonate.code},2075-05,200,t,`].join('\n'),
    );
    expect(inOneFile.body.errors).toEqual([
      { field: 'lines.3.period', messages: [`overlaps 2075-Q2 at lines.2, both imports of ${carbonate.code}`] },
    ]);
    expect(await importsOf()).toBe('600');

    const replacing = await upload([HEADER, `import,${code},,2075-Q1,500,t,`].join('\n'));
    expect(replacing.body).toMatchObject({ rows: 1, replaced: 1 });
    expect(await importsOf()).toBe('500');
  });

  it('puts each producer’s reported exports beside customs exports and flags a difference beyond the tolerance', async () => {
    const check = await (
      await monitoring.http()
    )
      .get('/trade-statistics/export-check')
      .query({ from: '2074-01', to: '2074-12' })
      .expect(200);
    // Reported 120 + 60 = 180 t against 180 t at customs: within tolerance.
    expect(check.body.items).toEqual([
      expect.objectContaining({
        hsCode: li.hsCode,
        period: '2074-Q1',
        customsExportsTonnes: '180',
        reportedExportsTonnes: '180',
        withinTolerance: true,
      }),
    ]);
    expect(
      check.body.items[0].producers.map((p: { reportedExportsTonnes: string }) => p.reportedExportsTonnes).sort(),
    ).toEqual(['120', '60']);

    await upload([HEADER, `export,${li.hsCode},,2074-Q1,300,t,`].join('\n'));
    const subject = `exports:${li.hsCode}:*:2074-Q1`;
    const raised = await waitFor(async () => {
      const found = (await (await monitoring.http()).get('/alerts').query({ subject }).expect(200)).body.items;
      return found.length > 0 && found;
    }, PATIENTLY);
    // |180 − 300| / 300 = 40% > 10%
    expect(raised[0]).toMatchObject({
      ruleId: 'trade.export_discrepancy',
      state: 'open',
      message: expect.stringContaining('40.0%'),
    });
  });

  it('leaves out of the export check a producer whose amended report no longer has the product', async () => {
    const niobium = product({ hsCode: hsCode(), tonnageClass: 'large' });
    const other = product({ hsCode: hsCode(), tonnageClass: 'large' });
    const [stays, leaves] = [randomUUID(), randomUUID()];
    const kept = acceptedReport({
      companyId: stays,
      period: '2086-03',
      lines: lines({ productCode: niobium.code, quantity: '100', exports: '40' }),
    });
    const v1 = acceptedReport({
      companyId: leaves,
      period: '2086-03',
      lines: lines({ productCode: niobium.code, quantity: '50', exports: '10' }),
    });
    const v2 = { ...v1, version: 2, lines: lines({ productCode: other.code, quantity: '50', exports: '10' }) };
    await monitoring.processed(
      await monitoring.publish(ProductAdded, niobium.code, niobium),
      await monitoring.publish(ProductAdded, other.code, other),
      await monitoring.publish(ReportAccepted, kept.reportId, kept),
      await monitoring.publish(ReportAccepted, v1.reportId, v1),
      await monitoring.publish(ReportAccepted, v1.reportId, v2),
    );
    expect((await upload([HEADER, `export,${niobium.hsCode},,2086-03,40,t,`].join('\n'))).status).toBe(201);

    const check = await (
      await monitoring.http()
    )
      .get('/trade-statistics/export-check')
      .query({ from: '2086-03', to: '2086-03' })
      .expect(200);
    const figure = check.body.items.find((row: { hsCode: string }) => row.hsCode === niobium.hsCode);
    expect(figure).toMatchObject({ reportedExportsTonnes: '40', withinTolerance: true });
    expect(
      figure.producers.map((p: { companyId: string; reportedExportsTonnes: string }) => [
        p.companyId,
        p.reportedExportsTonnes,
      ]),
    ).toEqual([[stays, '40']]);
  });

  it('pages the export check by customs figure, however many producers each has, as the other lists page', async () => {
    const tantalum = product({ hsCode: hsCode(), tonnageClass: 'large' });
    const events: { eventId: string }[] = [await monitoring.publish(ProductAdded, tantalum.code, tantalum)];
    for (const companyId of [randomUUID(), randomUUID()]) {
      const report = acceptedReport({
        companyId,
        period: '2087-Q1',
        lines: lines({ productCode: tantalum.code, quantity: '90', exports: '30' }),
      });
      events.push(await monitoring.publish(ReportAccepted, report.reportId, report));
    }
    await monitoring.processed(...events);
    const months = ['2087-01', '2087-02', '2087-03'];
    const rows = months.map((month) => `export,${tantalum.hsCode},,${month},20,t,`);
    expect((await upload([HEADER, ...rows].join('\n'))).status).toBe(201);

    const http = await monitoring.http();
    const page = async (query: Record<string, string>) =>
      (
        await http
          .get('/trade-statistics/export-check')
          .query({ from: '2087-01', to: '2087-12', ...query })
          .expect(200)
      ).body;
    const first = await page({ pageSize: '2' });
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    // A quarter's reports spread 10 t of each producer's exports over each month: two producers per figure.
    expect(
      first.items.map((item: { period: string; producers: unknown[] }) => [item.period, item.producers.length]),
    ).toEqual([
      ['2087-01', 2],
      ['2087-02', 2],
    ]);
    const second = await page({ pageSize: '2', page: '2' });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((item: { period: string }) => item.period)).toEqual(['2087-03']);
    expect((await page({})).items).toHaveLength(3);

    const refused = await http.get('/trade-statistics/export-check').query({ pageSize: '201' }).expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['pageSize']);
  });

  it('refuses an export check from a month after its to, naming to, rather than answering that nothing differs', async () => {
    const refused = await (
      await monitoring.http()
    )
      .get('/trade-statistics/export-check')
      .query({ from: '2074-12', to: '2074-01' })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['to']);
  });

  it('names bad fields, rows that are not objects and overlapping rows of a JSON upload in one answer, and loads nothing', async () => {
    const before = await count();
    const response = await (await monitoring.http()).post('/trade-statistics').send({
      rows: [
        { flow: 'import', hsCode: li.hsCode, period: '2076-03', quantity: '10', unit: 't' },
        { flow: 'import', hsCode: li.hsCode, period: '2076-Q1', quantity: '10', unit: 't' },
        { flow: 'import', hsCode: li.hsCode, period: '2076-Q9', quantity: 'many', unit: 't', colour: 'red' },
        'import,2836.91',
      ],
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('TRADE.INVALID_ROWS');
    expect(response.body.errors).toEqual([
      { field: 'rows.1.period', messages: [`overlaps 2076-03 at rows.0, both imports of ${li.code}`] },
      { field: 'rows.2.colour', messages: ['property colour should not exist'] },
      { field: 'rows.2.period', messages: [expect.stringContaining('period must be YYYY-MM, YYYY-Qn or YYYY')] },
      { field: 'rows.2.quantity', messages: [expect.any(String)] },
      { field: 'rows.3', messages: ['a row must be an object of the row fields'] },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses uploads from roles that may not load statistics, and a request without a file', async () => {
    await (await monitoring.http('subsidy_officer')).post('/trade-statistics').send({ rows: [] }).expect(403);
    const empty = await (await monitoring.http()).post('/trade-statistics/upload').expect(400);
    expect(empty.body.errors).toEqual([{ field: 'file', messages: ['send the CSV as the multipart field "file"'] }]);
    expect(empty.body.detail).toBe('the upload is invalid; nothing was loaded');
    const json = await (
      await monitoring.http()
    )
      .post('/trade-statistics')
      .send({ rows: [{ flow: 'import', hsCode: li.hsCode, period: '2074', quantity: 'many', unit: 't' }] });
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([expect.objectContaining({ field: 'rows.0.quantity' })]);
  });

  it('takes as JSON an upload of as many rows as a CSV may hold, beyond the body limit of other requests', async () => {
    const before = await count();
    // 20,000 figures, each code with its twelve months of 2090: about 1.7 MB of JSON.
    const rows = Array.from({ length: 20_000 }, (_, index) => {
      const code = Math.floor(index / 12);
      return {
        flow: 'import',
        // Headings 01 to 99 of chapter 97: the tariff has no heading 00.
        hsCode: `97${String((code % 99) + 1).padStart(2, '0')}.${String(Math.floor(code / 99)).padStart(2, '0')}`,
        period: `2090-${String((index % 12) + 1).padStart(2, '0')}`,
        quantity: '12.5',
        unit: 't',
      };
    });
    const response = await (await monitoring.http()).post('/trade-statistics').send({ rows });
    expect(response.status).toBe(201);
    expect(response.body.rows).toBe(20_000);
    expect(await count()).toBe(before + 20_000);
  });
});
