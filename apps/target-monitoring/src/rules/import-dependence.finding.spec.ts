import Decimal from 'decimal.js';
import { importDependence } from '../programme/import-dependence';
import { type ProgrammeInputs, windowKey } from '../programme/inputs';
import { importDependenceFinding } from './import-dependence.finding';

const window = { from: '2026-01-01', to: '2026-12-01' };
const expected = '66.39';

/** The finding on one product of these figures for 2026, in tonnes. */
function judge(flows: { output: string; imports?: string; exports?: string }, customs = true) {
  const trade = (flow: 'import' | 'export', quantity = '0') => ({
    month: '2026-03-01',
    flow,
    hsCode: '2846.90',
    productCode: 'ND-OXIDE',
    quantity: new Decimal(quantity),
  });
  const made = new Decimal(flows.output);
  const inputs: ProgrammeInputs = {
    output: new Map([
      [
        windowKey(window),
        [{ productCode: 'ND-OXIDE', tonnageClass: 'small', quantity: made, metal: made, exports: new Decimal(0) }],
      ],
    ]),
    trade: customs ? [trade('import', flows.imports), trade('export', flows.exports)] : [],
    catalogue: new Map(),
    references: new Map(),
    commissioned: [],
  };
  const [product] = importDependence(inputs, window).products;
  return importDependenceFinding(product, 'Nd oxide', expected, window);
}

describe('import dependence above the trajectory', () => {
  it('judges a share by itself: 100 ÷ (10 + 100) = 90.91% is above 66.39%, 50 ÷ (50 + 50) = 50% is not', () => {
    expect(judge({ output: '10', imports: '100' })).toMatchObject({
      title: 'Import dependence of Nd oxide is 90.91%',
      details: { importDependencePercent: '90.91', importDependenceRangePercent: null, importDependenceWithheld: null },
    });
    expect(judge({ output: '50', imports: '50' })).toBeNull();
  });

  it('judges exports beyond output by the least share imported, and says the range', () => {
    // 100 ÷ (10 + 100 − 20) = 111.11% is no share; (100 − 20) ÷ 90 = 88.89% at least was imported.
    const finding = judge({ output: '10', imports: '100', exports: '20' });
    expect(finding).toMatchObject({
      title: 'Import dependence of Nd oxide is between 88.89% and 100%',
      message: expect.stringContaining('exports 20 t exceed output 10 t over 2026-01..2026-12'),
      details: {
        importDependencePercent: null,
        importDependenceRangePercent: { from: '88.89', to: '100.00' },
        importDependenceWithheld: {
          reason: 'exports_exceed_output',
          note: expect.any(String),
          params: expect.any(Object),
        },
        expectedPercent: '66.39',
        apparentConsumptionTonnes: '90',
      },
    });
    expect(finding?.message).toContain('88.89% of the consumption, above the 66.39%');
  });

  it('does not alert while the range reaches down to the trajectory or below', () => {
    // (100 − 95) ÷ 15 = 33.33%, though the quotient says 666.67%.
    expect(judge({ output: '10', imports: '100', exports: '95' })).toBeNull();
    // More exported than imported: none of the imports certainly stayed, 0%.
    expect(judge({ output: '10', imports: '5', exports: '12' })).toBeNull();
  });

  it('has nothing to judge without consumption or customs figures', () => {
    // 10 + 100 − 120 = −10 t consumed.
    expect(judge({ output: '10', imports: '100', exports: '120' })).toBeNull();
    // Imports not known: the product's output alone, and no share.
    expect(judge({ output: '10' }, false)).toBeNull();
  });
});
