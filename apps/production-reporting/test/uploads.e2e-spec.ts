import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ReportAccepted } from '@redmet/contracts';
import { line, CSV_HEADER, csvRow, useReportingWorld } from './support/producer-world';
import { productCode } from './support/registry-events';
import { FILING_TABLES } from './support/reporting-app';

describe('CSV upload of report lines', () => {
  const suite = useReportingWorld();

  const upload = (csv: string | Buffer, http = suite.world.http) =>
    http.post('/reports/uploads').attach('file', Buffer.from(csv), { filename: 'lines.csv', contentType: 'text/csv' });

  /** Products straight into the registry view, made at the producer's plant, for files of more lines than a site has products. */
  const catalogue = async (count: number): Promise<string[]> => {
    const stem = productCode('BULK');
    const dataSource = suite.reporting.app.get(DataSource);
    await dataSource.query(
      `INSERT INTO registry_product (code, name, elements, tonnage_class, hs_code, unit, metal_content_basis, version)
       SELECT $1 || '-' || n, 'Lithium carbonate ' || n, '{Li}', 'large', '2836.91', 't', 't Li contained', 1
         FROM generate_series(1, $2::int) AS n`,
      [stem, count],
    );
    const codes = Array.from({ length: count }, (_, index) => `${stem}-${index + 1}`);
    await dataSource.query(
      'UPDATE registry_facility SET product_codes = product_codes || $2::text[] WHERE facility_id = $1',
      [suite.world.facility.facilityId, codes],
    );
    return codes;
  };

  const row = (
    site: { facility?: string; deposit?: string },
    period: string,
    fields: Partial<ReturnType<typeof line>> = {},
  ) =>
    csvRow({ facilityId: site.facility, depositId: site.deposit }, period, {
      ...line(suite.world.carbonate),
      ...fields,
    });

  it('refuses a file with bad rows, naming every one of them with its reasons, and writes nothing', async () => {
    const stranger = await suite.registry.company();
    const theirs = await suite.registry.facility(stranger.companyId);
    await suite.registry.seen('facility', theirs.facilityId);
    const deposit = { deposit: suite.world.deposit.depositId };
    const csv = [
      CSV_HEADER,
      row(deposit, '2024-Q1'),
      row({ deposit: 'not-a-uuid' }, '2024-Q1'),
      row({}, '2024-Q1'),
      row(deposit, '2024-Q5', { quantity: '-5' }),
      '',
      row(deposit, '2024-Q1', { productCode: 'NO-SUCH-PRODUCT' }),
      row(deposit, '2024-Q1', { unit: 'kg', quantity: '1250000' }),
      row(deposit, '2024-Q1', { quantity: '10', metalContentTonnes: '11' }),
      row({ facility: theirs.facilityId }, '2024-Q1'),
      row(deposit, '2099-Q1'),
      `${row(deposit, '2024-Q1')},extra`,
      row(deposit, '2024-Q1', { quantity: '1.5e3' }),
      row(deposit, '2024-Q1', { productCode: suite.world.hydroxide.code }),
    ].join('\n');
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await upload(csv);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('UPLOAD.INVALID_ROWS');
    const byLine = Object.fromEntries(
      response.body.errors.map((error: { field: string; messages: string[] }) => [
        error.field,
        error.messages.join(' | '),
      ]),
    );
    expect(Object.keys(byLine)).toEqual([
      'line 3',
      'line 4',
      'line 5',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
      'line 11',
      'line 12',
      'line 13',
    ]);
    expect(byLine['line 3']).toContain('deposit_id must be a UUID');
    expect(byLine['line 4']).toContain('facility_id or deposit_id is required');
    expect(byLine['line 5']).toMatch(/period must be.*\|.*quantity must be a non-negative decimal/);
    expect(byLine['line 7']).toContain('NO-SUCH-PRODUCT is not in the catalogue');
    expect(byLine['line 8']).toContain('is reported in t, not kg');
    expect(byLine['line 9']).toContain('metal content (11 t) is more than the quantity');
    expect(byLine['line 10']).toContain('operated by another company');
    expect(byLine['line 11']).toContain('the period 2099-Q1 is not over');
    expect(byLine['line 12']).toContain('has 10 values where the header names 9 columns');
    expect(byLine['line 13']).toContain('quantity must be a non-negative decimal');
    expect(response.body.detail).toContain('10 rows');
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses rows that repeat a product of the same report (site and period), naming both rows', async () => {
    const plant = { facility: suite.world.facility.facilityId };
    const csv = [
      CSV_HEADER,
      row(plant, '2023-Q3'),
      row(plant, '2023-Q3', { productCode: suite.world.hydroxide.code }),
      row({ deposit: suite.world.deposit.depositId }, '2023-Q3'),
      row(plant, '2023-Q2'),
      row({ facility: suite.world.facility.facilityId.toUpperCase() }, '2023-Q3', {
        quantity: '7',
        metalContentTonnes: '1',
        exports: '0',
      }),
      row(plant, '2023-Q3', { productCode: suite.world.hydroxide.code }),
    ].join('\n');
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await upload(csv);

    expect([response.status, response.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      {
        field: 'line 6',
        messages: [expect.stringContaining(`repeats line 2 (the same product ${suite.world.carbonate.code}`)],
      },
      {
        field: 'line 7',
        messages: [expect.stringContaining(`repeats line 3 (the same product ${suite.world.hydroxide.code}`)],
      },
    ]);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses rows that would make a second report of one site and month, naming the row they clash with', async () => {
    const facility = suite.world.facility.facilityId;
    const csv = [
      CSV_HEADER,
      row({ facility, deposit: suite.world.deposit.depositId }, '2022-Q3'),
      row({ facility }, '2022-Q3', { productCode: suite.world.hydroxide.code }),
      row({ facility }, '2022-08'),
      row({ deposit: suite.world.deposit.depositId }, '2022-08'),
    ].join('\n');
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await upload(csv);

    expect([response.status, response.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      {
        field: 'line 3',
        messages: [
          `the site ${facility} for 2022-Q3 is named with deposit_id (empty), line 2 with ${suite.world.deposit.depositId}: give its rows one deposit_id, as they make one report`,
        ],
      },
      {
        field: 'line 4',
        messages: [`the site ${facility} for 2022-08 overlaps 2022-Q3 of line 2: a site has one report for each month`],
      },
    ]);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses a file whose header is not the documented one', async () => {
    const response = await upload(
      `facility_id,deposit,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports,colour\n${row({ deposit: suite.world.deposit.depositId }, '2024-Q1')}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'line 1', messages: ['unknown columns: deposit, colour', 'missing columns: deposit_id'] },
    ]);
  });

  it('files one report per site and period, lines in file order, each signed and judged', async () => {
    const other = suite.world.hydroxide.code;
    const csv = [
      CSV_HEADER,
      row({ facility: suite.world.facility.facilityId }, '2023-Q4', { quantity: '10', metalContentTonnes: '1' }),
      row({ deposit: suite.world.deposit.depositId }, '2023-Q4', { quantity: '20', metalContentTonnes: '2' }),
      row({ facility: suite.world.facility.facilityId }, '2023-Q4', {
        productCode: other,
        quantity: '30',
        metalContentTonnes: '3',
      }),
    ].join('\r\n');

    const response = await upload(csv);

    expect(response.status).toBe(201);
    expect(response.body.rows).toBe(3);
    expect(response.body.reports).toHaveLength(2);
    for (const filed of response.body.reports) {
      expect(filed).toMatchObject({ version: 1, state: 'accepted', receipt: { contentSha256: expect.any(String) } });
      expect(await suite.reporting.eventsOf(filed.reportId)).toContain(ReportAccepted.type);
    }
    const reports = await Promise.all(
      response.body.reports.map(
        async (filed: { reportId: string }) => (await suite.world.http.get(`/reports/${filed.reportId}`)).body,
      ),
    );
    const plant = reports.find((report) => report.facilityId === suite.world.facility.facilityId);
    expect(plant.latest.lines.map((l: { lineNo: number; quantity: string }) => [l.lineNo, l.quantity])).toEqual([
      [1, '10'],
      [2, '30'],
    ]);
  });

  it('stores a good file of 10,000 lines', async () => {
    const sites = [{ facility: suite.world.facility.facilityId }, { deposit: suite.world.deposit.depositId }];
    const periods = Array.from({ length: 10 }, (_, index) => `2022-${String(index + 1).padStart(2, '0')}`);
    const products = await catalogue(500);
    const rows = [];
    for (let i = 0; i < 10000; i += 1) {
      rows.push(
        row(sites[i % 2], periods[Math.floor(i / 1000)], {
          productCode: products[Math.floor(i / 2) % 500],
          quantity: `${(i % 97) + 1}.25`,
          metalContentTonnes: '0.5',
        }),
      );
    }
    const before = await suite.reporting.count('report', 'report_line');

    const response = await upload([CSV_HEADER, ...rows].join('\n'));

    expect(response.status).toBe(201);
    expect(response.body.rows).toBe(10000);
    expect(response.body.reports).toHaveLength(20);
    expect(response.body.reports.every((filed: { state: string }) => filed.state === 'accepted')).toBe(true);
    expect(await suite.reporting.count('report', 'report_line')).toEqual({
      report: before.report + 20,
      report_line: before.report_line + 10000,
    });
  });

  /** As Excel in a Russian locale saves "CSV UTF-8": a BOM, `;`, CRLF, decimal commas, no-break spaces between thousands. */
  const excelRu = (...rows: string[][]) =>
    Buffer.from(`\uFEFF${[CSV_HEADER.split(','), ...rows].map((fields) => fields.join(';')).join('\r\n')}\r\n`);

  it('files the lines of a file saved by Excel in a Russian locale, reading its decimal commas', async () => {
    const facility = suite.world.facility.facilityId;
    const csv = excelRu(
      [facility, '', '2021-Q3', suite.world.carbonate.code, '1\u00A0250,5', 't', '235,1', '1\u00A0000', '250,5'],
      [facility, '', '2021-Q3', suite.world.hydroxide.code, '30', 't', '3,25', '"12,5"', '17.5'],
    );

    const response = await upload(csv);

    expect(response.status).toBe(201);
    expect(response.body.rows).toBe(2);
    const [filed] = response.body.reports;
    const report = (await suite.world.http.get(`/reports/${filed.reportId}`)).body;
    expect(
      report.latest.lines.map((l: Record<string, string>) => [
        l.productCode,
        l.quantity,
        l.metalContentTonnes,
        l.domesticShipments,
        l.exports,
      ]),
    ).toEqual([
      [suite.world.carbonate.code, '1250.5', '235.1', '1000', '250.5'],
      [suite.world.hydroxide.code, '30', '3.25', '12.5', '17.5'],
    ]);
  });

  it('refuses a file saved by Excel in a Russian locale with a bad row, naming the row and writing nothing', async () => {
    const deposit = suite.world.deposit.depositId;
    const csv = excelRu(
      ['', deposit, '2021-Q4', suite.world.carbonate.code, '1250,5', 't', '235,1', '1000', '250,5'],
      ['', deposit, '2021-Q4', suite.world.hydroxide.code, '1.250,5', 't', '235,1', '1000', '250,5'],
      ['', deposit, '2021-Q4', suite.world.hydroxide.code, '1250,5', 't', '235,1', '1000'],
      // A month Excel took for a date: `2021-11` typed, `ноя.21` saved.
      ['', deposit, 'ноя.21', suite.world.carbonate.code, '1250,5', 't', '235,1', '1000', '250,5'],
    );
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await upload(csv);

    expect([response.status, response.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      {
        field: 'line 3',
        messages: [
          'quantity must be a non-negative decimal with at most 6 decimals, e.g. 1250.5 (1250,5 in a file separated by semicolons)',
        ],
      },
      { field: 'line 4', messages: ['has 8 values where the header names 9 columns'] },
      {
        field: 'line 5',
        messages: [
          'period "ноя.21" looks like the date Excel made of it: format the column as Text before saving the file',
          'period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years 1900–2199',
        ],
      },
    ]);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses a file that is not UTF-8, such as Excel’s plain CSV in a Russian locale, saying how to save it', async () => {
    const windows1251 = Buffer.concat([
      Buffer.from(
        `${CSV_HEADER.replaceAll(',', ';')}\r\n;${suite.world.deposit.depositId};2021-Q4;${suite.world.carbonate.code};1`,
      ),
      Buffer.from([0xa0]),
      Buffer.from('250,5;t;235,1;1000;250,5\r\n'),
    ]);
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await upload(windows1251);

    expect([response.status, response.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      { field: 'line 1', messages: [expect.stringMatching(/^the file is not UTF-8 text: line 2 .*CSV UTF-8/)] },
    ]);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('takes the example file of the README as valid CSV', async () => {
    const example = readFileSync(join(__dirname, '..', 'examples', 'report-lines.csv'));

    const response = await upload(example);

    // The example names the sample registry's sites, unknown here: every row fails on the catalogue, none on format.
    expect(response.status).toBe(400);
    for (const error of response.body.errors) {
      expect(error.messages.join()).toMatch(/is not in the catalogue/);
    }
  });

  it('refuses a report of more lines than REPORTING_MAX_LINES_PER_REPORT, a file over the size limit, and staff', async () => {
    const products = await catalogue(1001);
    const rows = products.map((productCode) =>
      row({ deposit: suite.world.deposit.depositId }, '2021-Q1', {
        productCode,
        quantity: '1',
        metalContentTonnes: '0',
      }),
    );
    const tooLong = await upload([CSV_HEADER, ...rows].join('\n'));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      { field: 'line 1002', messages: ['a report (one site and period) has at most 1000 lines'] },
    ]);

    const tooBig = await upload(Buffer.alloc(8 * 1024 * 1024 + 1, 'a'));
    expect(tooBig.status).toBe(413);

    const noFile = await suite.world.http.post('/reports/uploads').field('note', 'nothing attached');
    expect(noFile.status).toBe(400);

    const staff = await upload(
      `${CSV_HEADER}\n${row({ deposit: suite.world.deposit.depositId }, '2021-Q1')}`,
      await suite.reporting.staff('admin'),
    );
    expect(staff.status).toBe(403);
  });
});
