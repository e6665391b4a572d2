import { readCsvRows } from './csv-rows';

const HEADER =
  'facility_id,deposit_id,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports';
const DEPOSIT = '8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34';
const good = `,${DEPOSIT},2026-Q1,LOPARITE-CONC,2150.5,t,645.15,2150.5,0`;

const read = (text: string, maxRows = 100) => {
  const { rows, errors } = readCsvRows(Buffer.from(text), maxRows);
  return { rows, errors: errors.toFieldErrors() };
};

describe('readCsvRows', () => {
  it('reads rows in any column order, numbering lines as in the file (header 1, blank lines counted)', () => {
    const reordered =
      'period,deposit_id,facility_id,product_code,unit,quantity,metal_content_tonnes,domestic_shipments,exports';
    const { rows, errors } = read(`\uFEFF${reordered}\n\n2026-02,${DEPOSIT},,LI-CARBONATE,t,"10.5",1,2,3\n`);

    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 3,
        facilityId: null,
        depositId: DEPOSIT,
        period: '2026-02',
        productCode: 'LI-CARBONATE',
        quantity: '10.5',
        unit: 't',
        metalContentTonnes: '1',
        domesticShipments: '2',
        exports: '3',
      },
    ]);
  });

  it('names every bad row with all its reasons, and keeps the good ones', () => {
    const { rows, errors } = read([HEADER, good, `x,,2026-Q5,lower-case,1e3,lb,-1,,0`, `${good},9`, good].join('\n'));

    expect(rows.map((row) => row.line)).toEqual([2, 5]);
    expect(errors).toEqual([
      {
        field: 'line 3',
        messages: [
          'facility_id must be a UUID',
          'period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years 1900–2199',
          'product_code must be a catalogue code such as LI-CARBONATE',
          'unit must be one of: t, kg',
          'quantity must be a non-negative decimal with at most 6 decimals, e.g. 1250.5 (1250,5 in a file separated by semicolons)',
          'metal_content_tonnes must be a non-negative decimal with at most 6 decimals, e.g. 1250.5 (1250,5 in a file separated by semicolons)',
          'domestic_shipments must be a non-negative decimal with at most 6 decimals, e.g. 1250.5 (1250,5 in a file separated by semicolons)',
        ],
      },
      { field: 'line 4', messages: ['has 10 values where the header names 9 columns'] },
    ]);
  });

  it('refuses a period outside the years 1900–2199, which the calendar arithmetic cannot write', () => {
    const { rows, errors } = read(
      [HEADER, good.replace('2026-Q1', '9999-12'), good.replace('2026-Q1', '0050-Q1')].join('\n'),
    );

    expect(rows).toEqual([]);
    expect(errors.map((error) => [error.field, error.messages])).toEqual([
      ['line 2', ['period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years 1900–2199']],
      ['line 3', ['period must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years 1900–2199']],
    ]);
  });

  it('refuses a file without data, with a broken header, too many rows or broken quoting', () => {
    expect(read(HEADER).errors).toEqual([
      { field: 'line 1', messages: ['the file has no data rows under its header'] },
    ]);
    expect(read(`${HEADER},${'period'}\n${good}`).errors[0].messages).toContain('columns named twice: period');
    expect(read([HEADER, good, good, good].join('\n'), 2).errors).toEqual([
      { field: 'line 1', messages: ['the file has more than 2 data lines, the most one upload may hold: split it'] },
    ]);
    expect(read(`${HEADER}\n${good}\n"unclosed,${good}`).errors[0]).toMatchObject({ field: 'line 3' });
  });
});
