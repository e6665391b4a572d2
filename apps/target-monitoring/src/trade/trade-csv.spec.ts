import { parseTradeCsv } from './trade-csv';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('trade statistics CSV', () => {
  it('reads rows with optional columns left empty', () => {
    const parsed = parseTradeCsv(
      csv(
        'flow,hsCode,productCode,period,quantity,unit,valueKopecks\nimport,2836.91,,2026-Q1,1250.5,t,\nexport,2846.90,ND-OXIDE,2026-03,15,kg,9000\n',
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map(({ line, row }) => ({ line, ...row }))).toEqual([
      { line: 2, flow: 'import', hsCode: '2836.91', period: '2026-Q1', quantity: '1250.5', unit: 't' },
      {
        line: 3,
        flow: 'export',
        hsCode: '2846.90',
        productCode: 'ND-OXIDE',
        period: '2026-03',
        quantity: '15',
        unit: 'kg',
        valueKopecks: '9000',
      },
    ]);
  });

  it('names every bad line and column', () => {
    const parsed = parseTradeCsv(
      csv(
        'flow,hsCode,period,quantity,unit\nimport,2836.91,2026-Q1,12,t\nsmuggled,2836,2026-Q5,-1,t\nexport,28x,2026,1,lb\n',
      ),
    );
    expect(parsed.errors.map((error) => error.field)).toEqual([
      'lines.3.flow',
      'lines.3.period',
      'lines.3.quantity',
      'lines.4.hsCode',
      'lines.4.unit',
    ]);
  });

  it('refuses a file whose header is wrong or whose lines are ragged', () => {
    expect(parseTradeCsv(csv('flow,code,period\nimport,1,2\n')).errors[0]).toMatchObject({ field: 'lines.1' });
    expect(parseTradeCsv(csv('flow,hsCode,period,quantity,unit\nimport,2836.91,2026-Q1,12\n')).errors[0].field).toBe(
      'lines.2',
    );
    expect(parseTradeCsv(csv('flow,hsCode,period,quantity,unit\n')).errors).toEqual([
      { field: 'file', messages: ['the file has no data lines'] },
    ]);
  });
});
