import { MAX_TRADE_ROWS } from './dto/trade-row.dto';
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
    expect(parsed.rows.map(({ at, row }) => ({ at, ...row }))).toEqual([
      { at: 'lines.2', flow: 'import', hsCode: '2836.91', period: '2026-Q1', quantity: '1250.5', unit: 't' },
      {
        at: 'lines.3',
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
      { field: 'file', messages: ['the file has no data rows under its header'] },
    ]);
  });

  it('refuses a header naming a column twice rather than reading one of its values and dropping the other', () => {
    const parsed = parseTradeCsv(csv('flow,hsCode,period,quantity,unit,quantity\nimport,2836.91,2026-01,5,t,500\n'));
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([{ field: 'lines.1', messages: [expect.stringContaining('quantity')] }]);
  });

  it('names lines as an editor numbers them, past blank lines and values quoted over several lines', () => {
    for (const end of ['\n', '\r\n']) {
      const text = [
        'flow,hsCode,productCode,period,quantity,unit,valueKopecks',
        '',
        '',
        'import,2836.91,,2026-Q1,12,t,',
        'export,"2846.90",ND-OXIDE,"2026',
        '-03",15,kg,',
        '',
        'export,2846.90,"DY-OXIDE',
        '',
        'as oxide",2026-03,15,kg,',
        'import,28x,,2026-Q1,12,t,',
      ].join(end);
      const parsed = parseTradeCsv(csv(text));
      expect(parsed.rows.map(({ at }) => at)).toEqual(['lines.4']);
      expect(parsed.errors.map((error) => error.field)).toEqual([
        'lines.5.period',
        'lines.8.productCode',
        'lines.11.hsCode',
      ]);
    }
  });

  it('names every line with too few or too many values, and checks the others', () => {
    const parsed = parseTradeCsv(
      csv(
        [
          'flow,hsCode,period,quantity,unit',
          'import,2836.91,2026-Q1,12',
          'import,2836.91,2026-Q2,12,t',
          'import,2836.91,2026-Q3,12,t,extra',
          'import,2836.91,2026-Q4,-1,t',
          'import,"2836',
          '.91",2027-Q1',
        ].join('\n'),
      ),
    );
    expect(parsed.rows.map(({ at }) => at)).toEqual(['lines.3']);
    expect(parsed.errors).toEqual([
      { field: 'lines.2', messages: ['has 4 values where the header names 5 columns'] },
      { field: 'lines.4', messages: ['has 6 values where the header names 5 columns'] },
      { field: 'lines.5.quantity', messages: [expect.any(String)] },
      { field: 'lines.6', messages: ['has 3 values where the header names 5 columns'] },
    ]);
  });

  it('refuses a file with more rows than an upload may hold, naming the limit', () => {
    const text = `flow,hsCode,period,quantity,unit\n${'import,2836.91,2026-Q1,12,t\n'.repeat(MAX_TRADE_ROWS + 1)}`;
    expect(parseTradeCsv(csv(text))).toEqual({
      rows: [],
      errors: [
        {
          field: 'file',
          messages: [`the file has more than ${MAX_TRADE_ROWS} data lines, the most one upload may hold: split it`],
        },
      ],
    });
    expect(parseTradeCsv(csv(text.slice(0, text.lastIndexOf('import')))).rows).toHaveLength(MAX_TRADE_ROWS);
  });
});
