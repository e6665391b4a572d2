import { ProductAdded } from '@redmet/contracts';
import { hsCode, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const HEADER = ['flow', 'hsCode', 'productCode', 'period', 'quantity', 'unit', 'valueKopecks'];

/** As Excel in a Russian locale saves "CSV UTF-8": a BOM, `;`, CRLF, decimal commas, no-break spaces between thousands. */
const excelRu = (...rows: string[][]) =>
  Buffer.from(`\uFEFF${[HEADER, ...rows].map((fields) => fields.join(';')).join('\r\n')}\r\n`);

describe('trade statistics CSV saved by Excel in a Russian locale', () => {
  let monitoring: MonitoringTestApp;
  const carbonate = product({ hsCode: hsCode() });

  beforeAll(async () => {
    monitoring = await startMonitoring();
    await monitoring.processed(await monitoring.publish(ProductAdded, carbonate.code, carbonate));
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const upload = async (file: Buffer) =>
    (await monitoring.http()).post('/trade-statistics/upload').attach('file', file, 'customs.csv');

  const loaded = () =>
    monitoring.query<{ flow: string; quantity_t: string; value_kopecks: string | null }>(
      `SELECT flow, quantity_t::text, value_kopecks::text FROM trade_statistic WHERE hs_code = $1 ORDER BY flow`,
      [carbonate.hsCode],
    );

  it('loads the figures of a file separated by semicolons with decimal commas, as they are written', async () => {
    const response = await upload(
      excelRu(
        ['import', carbonate.hsCode, '', '2090-Q1', '1\u00A0250,5', 't', '125\u00A0000\u00A0000\u00A0000'],
        ['export', carbonate.hsCode, carbonate.code, '2090-Q1', '"12,75"', 'kg', ''],
      ),
    );

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ rows: 2, replaced: 0 });
    expect(await loaded()).toEqual([
      { flow: 'export', quantity_t: '0.01275', value_kopecks: null },
      { flow: 'import', quantity_t: '1250.5', value_kopecks: '125000000000' },
    ]);
  });

  it('refuses such a file with bad lines, naming each line and column, and loads nothing of it', async () => {
    const before = await loaded();

    const response = await upload(
      excelRu(
        ['import', carbonate.hsCode, '', '2090-Q2', '10,5', 't', ''],
        ['import', carbonate.hsCode, '', '2090-Q3', '1.250,5', 't', ''],
        ['export', carbonate.hsCode, '', '2090-Q2', '7', 't', '12,5'],
        ['export', carbonate.hsCode, '', '2090-Q3', '7', 't'],
      ),
    );

    expect([response.status, response.body.code]).toEqual([400, 'TRADE.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      { field: 'lines.3.quantity', messages: [expect.any(String)] },
      { field: 'lines.4.valueKopecks', messages: ['valueKopecks must be a non-negative integer number of kopecks'] },
      { field: 'lines.5', messages: ['has 6 values where the header names 7 columns'] },
    ]);
    expect(await loaded()).toEqual(before);
  });

  it('refuses a file that is not UTF-8, such as Excel’s plain CSV in a Russian locale, saying how to save it', async () => {
    const before = await loaded();
    const windows1251 = Buffer.concat([
      Buffer.from(`${HEADER.join(';')}\r\nimport;${carbonate.hsCode};;2090-Q4;1`),
      Buffer.from([0xa0]),
      Buffer.from('250,5;t;\r\n'),
    ]);

    const response = await upload(windows1251);

    expect([response.status, response.body.code]).toEqual([400, 'TRADE.INVALID_ROWS']);
    expect(response.body.errors).toEqual([
      { field: 'file', messages: [expect.stringMatching(/^the file is not UTF-8 text: line 2 .*CSV UTF-8/)] },
    ]);
    expect(await loaded()).toEqual(before);
  });
});
