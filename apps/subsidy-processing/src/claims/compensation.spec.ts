import type { ClaimLineInput } from '@redmet/contracts';
import type { Rates } from '../programmes/programme-rules';
import { claimAmounts, lineProblems, priceLines } from './compensation';

const rates: Rates = {
  equipment: '0.5',
  processing: '0.3',
  energy: '0.3',
  transport_logistics: '0.5',
  rnd: '0.7',
  buyer_discount: '0.35',
};

const cost = (overrides: Partial<ClaimLineInput> = {}): ClaimLineInput => ({
  basis: 'cost',
  category: 'energy',
  description: 'Electricity for the separation line, March',
  amountKopecks: '1000000001',
  documentNumber: 'EN-2026-03',
  ...overrides,
});

const discount = (overrides: Partial<ClaimLineInput> = {}): ClaimLineInput => ({
  basis: 'discount',
  productCode: 'RE-COMPOUNDS',
  quantity: '2.5',
  policyPriceKopecks: '250000000',
  invoicedPriceKopecks: '200000000',
  buyerName: 'Magnit-Ural JSC',
  documentNumber: 'INV 0012',
  ...overrides,
});

describe('compensation of claim lines', () => {
  it('compensates a cost at its category rate, rounded down to the kopeck', () => {
    const [line] = priceLines([cost()], rates);
    expect(line).toMatchObject({ basisKopecks: '1000000001', rate: '0.3', compensationKopecks: '300000000' });
  });

  it('compensates a discount: (policy − invoiced price) × quantity × rate, exact until rounded once', () => {
    const [line] = priceLines([discount({ quantity: '0.333333' })], rates);
    // 500 000.00 RUB × 0.333333 = 166 666.50 RUB; × 35% = 58 333.275 RUB → 5 833 327 kopecks
    expect(line).toMatchObject({ basisKopecks: '16666650', compensationKopecks: '5833327', documentKey: 'INV0012' });
  });

  it('caps the request at what the company cap leaves after its other claims of the year', () => {
    const lines = priceLines([cost({ amountKopecks: '1000' }), discount()], rates);
    expect(claimAmounts(lines, 10n ** 12n, 0n)).toEqual({ computedKopecks: '43750300', requestedKopecks: '43750300' });
    expect(claimAmounts(lines, 50000000n, 10000000n)).toEqual({
      computedKopecks: '43750300',
      requestedKopecks: '40000000',
    });
    expect(claimAmounts(lines, 50000000n, 60000000n).requestedKopecks).toBe('0');
  });

  it('refuses fields of the other basis, a price without discount and a document twice in one claim', () => {
    const problems = lineProblems([
      cost({ productCode: 'RE-COMPOUNDS' }),
      discount({ invoicedPriceKopecks: '250000000' }),
      cost({ documentNumber: 'en-2026-03 ' }),
    ]);
    expect(problems.map((problem) => problem.field)).toEqual([
      'lines.0.productCode',
      'lines.1.invoicedPriceKopecks',
      'lines.2.documentNumber',
    ]);
  });
});
