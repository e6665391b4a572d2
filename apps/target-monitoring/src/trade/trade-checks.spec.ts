import { plainToInstance } from 'class-transformer';
import { TradeRowDto } from './dto/trade-row.dto';
import { checkTradeRows, type LoadedPeriod, type NumberedRow } from './trade-checks';

const catalogue = new Map([
  ['LI-CARBONATE', { code: 'LI-CARBONATE', hsCode: '2836.91' }],
  ['ND-OXIDE', { code: 'ND-OXIDE', hsCode: '2846.90' }],
  ['DY-OXIDE', { code: 'DY-OXIDE', hsCode: '2846.90' }],
]);

const numbered = (rows: Partial<TradeRowDto>[]): NumberedRow[] =>
  rows.map((row, index) => ({
    at: `rows.${index}`,
    row: plainToInstance(TradeRowDto, { flow: 'import', quantity: '1', unit: 't', ...row }),
  }));

const loaded = (hsCode: string, productCode: string | null, period: string): LoadedPeriod => ({
  flow: 'import',
  hs_code: hsCode,
  product_code: productCode,
  period,
});

describe('trade rows checked across rows', () => {
  it('finds exactly the overlapping rows among tens of thousands', () => {
    // 40,000 figures that do not overlap: 200 HS codes × 2 flows × 100 months (2001-01 to 2009-04).
    const rows: Partial<TradeRowDto>[] = [];
    for (let code = 0; code < 200; code++) {
      for (const flow of ['import', 'export'] as const) {
        for (let month = 0; month < 100; month++) {
          const period = `${2001 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
          rows.push({ flow, hsCode: `8${String(code).padStart(3, '0')}.10`, period });
        }
      }
    }
    rows.push({ flow: 'export', hsCode: '8007.10', period: '2003-Q2' });
    rows.push({ flow: 'import', hsCode: '8199.10.00', period: '2009' });
    rows.push({ flow: 'import', hsCode: '8050.10', period: '2010' });

    const errors = checkTradeRows(numbered(rows), [loaded('8050.10', null, '2010-07')], catalogue);

    expect(errors).toEqual([
      {
        field: 'rows.40000.period',
        messages: ['overlaps 2003-04 at rows.1527, both exports under HS code 8007.10'],
      },
      { field: 'rows.40001.period', messages: ['overlaps 2009-01 at rows.39896, both imports under HS code 8199.10'] },
      {
        field: 'rows.40002.period',
        messages: [
          'overlaps 2010-07 already loaded under HS code 8050.10, both imports under HS code 8050.10: ' +
            'a figure is replaced only by one for the same code, product and period',
        ],
      },
    ]);
  });

  it('counts a figure without a product towards the only product its code covers', () => {
    const errors = checkTradeRows(
      numbered([
        { hsCode: '2836.91', period: '2026-Q1' },
        { hsCode: '2836.91', productCode: 'LI-CARBONATE', period: '2026-Q1' },
        { hsCode: '2836.91.00', period: '2026-03' },
      ]),
      [],
      catalogue,
    );
    expect(errors).toEqual([
      { field: 'rows.1.period', messages: ['overlaps 2026-Q1 at rows.0, both imports of LI-CARBONATE'] },
      { field: 'rows.2.period', messages: ['overlaps 2026-Q1 at rows.0, both imports of LI-CARBONATE'] },
    ]);
  });

  it('keeps the products of a shared code apart, and refuses a figure of the shared code naming no product', () => {
    const rows = numbered([
      { hsCode: '2846.90', productCode: 'ND-OXIDE', period: '2026-Q1' },
      { hsCode: '2846.90', productCode: 'DY-OXIDE', period: '2026-Q1' },
      { hsCode: '2846.90', period: '2026-Q1' },
      { hsCode: '2846.90.00', period: '2026-01' },
    ]);
    // The sum of Nd's and Dy's flows would leave each one's share unknown.
    const shared = (code: string) =>
      `HS code ${code} covers 2 catalogue products (DY-OXIDE, ND-OXIDE): name the one the figure is for`;
    expect(checkTradeRows(rows, [], catalogue)).toEqual([
      { field: 'rows.2.productCode', messages: [shared('2846.90')] },
      { field: 'rows.3.period', messages: ['overlaps 2026-Q1 at rows.2, both imports under HS code 2846.90'] },
      { field: 'rows.3.productCode', messages: [shared('2846.90.00')] },
    ]);
  });

  it('takes a figure naming no product under a code of one catalogue product, or of none', () => {
    const rows = numbered([
      { hsCode: '2836.91', period: '2026-Q1' },
      { hsCode: '8112.92', period: '2026-Q1' },
    ]);
    expect(checkTradeRows(rows, [], catalogue)).toEqual([]);
  });

  it('lets a figure replace the loaded one for the same code, product and period, and only that one', () => {
    const rows = numbered([
      { hsCode: '2836.91', period: '2026-Q1' },
      { hsCode: '2846.90', productCode: 'ND-OXIDE', period: '2026-Q1' },
    ]);
    const current = [loaded('2836.91', null, '2026-Q1'), loaded('2846.90', 'ND-OXIDE', '2026-Q1')];
    expect(checkTradeRows(rows, current, catalogue)).toEqual([]);

    const elsewhere = [loaded('2836.91', 'LI-CARBONATE', '2026-Q1'), loaded('2846.90', 'ND-OXIDE', '2026-02')];
    expect(checkTradeRows(rows, elsewhere, catalogue).map((error) => [error.field, error.messages[0]])).toEqual([
      [
        'rows.0.period',
        expect.stringContaining('overlaps 2026-Q1 already loaded under HS code 2836.91 for LI-CARBONATE'),
      ],
      ['rows.1.period', expect.stringContaining('overlaps 2026-02 already loaded under HS code 2846.90 for ND-OXIDE')],
    ]);
  });
});
