import { checkLines } from './line-rules';
import { PlausibilityBounds } from './plausibility';
import type { LineContent, ProductFacts } from './report-content';

const products = new Map<string, ProductFacts>([
  ['LI-CARBONATE', { code: 'LI-CARBONATE', unit: 't', tonnageClass: 'large', elements: ['Li'] }],
  ['RE-MAGNETS', { code: 'RE-MAGNETS', unit: 'kg', tonnageClass: 'small', elements: ['Nd'] }],
]);
const bounds = new PlausibilityBounds('100000', { 'RE-MAGNETS': '50' });

function line(overrides: Partial<LineContent>): LineContent {
  return {
    lineNo: 1,
    productCode: 'LI-CARBONATE',
    quantity: '100',
    unit: 't',
    metalContentTonnes: '18.8',
    domesticShipments: '60',
    exports: '40',
    ...overrides,
  };
}

const codesOf = (lines: LineContent[]) => {
  const { broken, missing } = checkLines(lines, products, bounds);
  return { broken: broken.map((r) => [r.code, r.lineNo]), missing: missing.map((r) => [r.code, r.lineNo]) };
};

describe('checkLines', () => {
  it('passes catalogued products in their unit, within bounds, with no more metal than product', () => {
    expect(
      codesOf([
        line({}),
        line({ lineNo: 2, productCode: 'RE-MAGNETS', unit: 'kg', quantity: '50000', metalContentTonnes: '15' }),
      ]),
    ).toEqual({
      broken: [],
      missing: [],
    });
  });

  it('holds a line whose product the catalogue has not published as missing, not broken', () => {
    expect(codesOf([line({ productCode: 'GA-METAL' })])).toEqual({
      broken: [],
      missing: [['REPORT.PRODUCT_UNKNOWN', 1]],
    });
  });

  it('refuses a unit other than the catalogue says', () => {
    expect(codesOf([line({ unit: 'kg', quantity: '100000', metalContentTonnes: '18.8' })]).broken).toEqual([
      ['REPORT.UNIT_MISMATCH', 1],
    ]);
  });

  it('bounds quantity, shipments and exports in tonnes, whatever the unit, per product when configured', () => {
    expect(codesOf([line({ quantity: '100000' })]).broken).toEqual([]);
    expect(codesOf([line({ quantity: '100000.000001' })]).broken).toEqual([['REPORT.QUANTITY_IMPLAUSIBLE', 1]]);
    expect(codesOf([line({ exports: '100001', domesticShipments: '100001' })]).broken).toEqual([
      ['REPORT.QUANTITY_IMPLAUSIBLE', 1],
      ['REPORT.QUANTITY_IMPLAUSIBLE', 1],
    ]);
    expect(
      codesOf([line({ productCode: 'RE-MAGNETS', unit: 'kg', quantity: '50001', metalContentTonnes: '1' })]).broken,
    ).toEqual([['REPORT.QUANTITY_IMPLAUSIBLE', 1]]);
  });

  it('compares metal content in tonnes with the quantity converted to tonnes', () => {
    const magnets = {
      productCode: 'RE-MAGNETS',
      unit: 'kg' as const,
      quantity: '500',
      domesticShipments: '0',
      exports: '0',
    };
    expect(codesOf([line({ ...magnets, metalContentTonnes: '0.5' })]).broken).toEqual([]);
    expect(codesOf([line({ ...magnets, metalContentTonnes: '0.500001' })]).broken).toEqual([
      ['REPORT.METAL_CONTENT_EXCEEDS_QUANTITY', 1],
    ]);
  });
});
