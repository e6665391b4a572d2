import type { ReportLine } from '@redmet/contracts';
import { reportFigures } from './report-figures';

const line = (quantity: string, unit: 't' | 'kg', metalContentTonnes: string): ReportLine => ({
  lineNo: 1,
  productCode: 'RE-COMPOUNDS',
  quantity,
  unit,
  metalContentTonnes,
  domesticShipments: '0',
  exports: '0',
});

describe('report figures', () => {
  it('sums metal content and quantity in tonnes, exactly', () => {
    expect(reportFigures([line('2150.5', 't', '645.15'), line('250', 'kg', '0.1')])).toEqual({
      metalContentTonnes: '645.25',
      quantityTonnes: '2150.75',
    });
    expect(reportFigures([line('0.1', 't', '0.1'), line('0.2', 't', '0.2')]).metalContentTonnes).toBe('0.3');
  });

  it('is zero for a nil return', () => {
    expect(reportFigures([])).toEqual({ metalContentTonnes: '0', quantityTonnes: '0' });
  });
});
