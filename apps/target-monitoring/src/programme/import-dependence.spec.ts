import Decimal from 'decimal.js';
import { type ProductTotal, type ProgrammeInputs, type TradeMonth, windowKey } from './inputs';
import { customsCoverageNote, importDependence } from './import-dependence';
import { measure } from './measures';

const month = '2026-03-01';
const window = { from: '2026-01-01', to: '2026-12-01' };

function output(productCode: string, quantity: string, metal: string): ProductTotal {
  const [q, m] = [new Decimal(quantity), new Decimal(metal)];
  return { productCode, tonnageClass: 'large', quantity: q, metal: m, exports: new Decimal(0) };
}

function trade(productCode: string | null, flow: 'import' | 'export', quantity: string): TradeMonth {
  return { month, flow, hsCode: '2836.91', productCode, quantity: new Decimal(quantity) };
}

/** Inputs loaded for the test's window: `output` is that window's totals. */
function inputs(partial: Partial<Omit<ProgrammeInputs, 'output'>> & { output?: ProductTotal[] }): ProgrammeInputs {
  return {
    trade: [],
    catalogue: new Map(),
    references: new Map(),
    commissioned: [],
    ...partial,
    output: new Map([[windowKey(window), partial.output ?? []]]),
  };
}

describe('import dependence', () => {
  it('is imports over output + imports − exports, per product in its tonnes', () => {
    const result = importDependence(
      inputs({
        output: [output('LI-CARBONATE', '400', '75.2')],
        trade: [trade('LI-CARBONATE', 'import', '700'), trade('LI-CARBONATE', 'export', '100')],
      }),
      window,
    );
    // 700 / (400 + 700 − 100) = 70%
    expect(result.products).toEqual([
      expect.objectContaining({
        productCode: 'LI-CARBONATE',
        apparentConsumptionTonnes: '1000',
        importDependencePercent: '70.00',
      }),
    ]);
  });

  it('aggregates products by metal content, converting customs tonnes with the metal-content factor', () => {
    const result = importDependence(
      inputs({
        output: [output('LI-CARBONATE', '400', '80'), output('ND-OXIDE', '10', '8.5')],
        trade: [trade('LI-CARBONATE', 'import', '600'), trade('ND-OXIDE', 'import', '90')],
        references: new Map([['ND-OXIDE', { referencePriceKopecksPerTonne: null, metalContentFactor: '0.857' }]]),
      }),
      window,
    );
    // Li: factor 80/400 = 0.2 → imports 120 t metal; Nd: configured 0.857 → 77.13 t.
    // (120 + 77.13) / (80 + 8.5 + 120 + 77.13) = 197.13 / 285.63 = 69.02%
    expect(result.overall).toMatchObject({
      importsMetalTonnes: '197.13',
      apparentConsumptionMetalTonnes: '285.63',
      importDependencePercent: '69.02',
    });
    expect(result.products.map((p) => p.metalContentFactorSource)).toEqual(['reported', 'configured']);
  });

  it('leaves out of the overall figure a traded product whose metal content cannot be known, and says so', () => {
    const result = importDependence(
      inputs({
        output: [output('LI-CARBONATE', '100', '20')],
        trade: [trade('LI-CARBONATE', 'import', '25'), trade('GA-METAL', 'import', '5')],
      }),
      window,
    );
    expect(result.excludedFromOverall).toEqual(['GA-METAL']);
    // Li only: imports 25 × 20/100 = 5 t of metal; 5 / (20 + 5) = 20%.
    expect(result.overall.importDependencePercent).toBe('20.00');
  });

  it('gives a product without customs figures of its own no share, not 0%, and leaves it out of the overall figure', () => {
    const result = importDependence(
      inputs({
        output: [output('LI-CARBONATE', '400', '80'), output('ND-OXIDE', '100', '85.7')],
        trade: [trade('LI-CARBONATE', 'import', '600')],
      }),
      window,
    );
    const nd = result.products.find((product) => product.productCode === 'ND-OXIDE');
    expect(nd).toMatchObject({
      importsTonnes: '0',
      importDependencePercent: null,
      importDependenceWithheld: { reason: 'no_customs_figures' },
      customsCoverage: { months: 0, of: 12 },
      unattributedHsCodes: [],
    });
    expect(result.importsUnknown).toEqual(['ND-OXIDE']);
    // Li only: imports 600 × 0.2 = 120 t of metal; 120 / (80 + 120) = 60%. (Nd counted as importing none: 42.00%.)
    expect(result.overall).toMatchObject({
      outputMetalTonnes: '80',
      importsMetalTonnes: '120',
      importDependencePercent: '60.00',
    });
  });

  it('withholds the share of each product under a shared HS code whose figures name no product', () => {
    const oxide = (code: string) => [code, { code, name: code, hsCode: '2846.90', tonnageClass: 'small' }] as const;
    const shared: TradeMonth = {
      month,
      flow: 'import',
      hsCode: '2846.90',
      productCode: null,
      quantity: new Decimal(900),
    };
    const loaded = inputs({
      output: [output('ND-OXIDE', '100', '85.7')],
      trade: [shared],
      catalogue: new Map([oxide('ND-OXIDE'), oxide('DY-OXIDE')]),
    });
    const result = importDependence(loaded, window);
    // The 900 t are Nd's and Dy's together: Nd's 100 t are not 0% imported, nor is the country.
    expect(result.products).toEqual([
      expect.objectContaining({ productCode: 'DY-OXIDE', importDependencePercent: null }),
      expect.objectContaining({
        productCode: 'ND-OXIDE',
        importsTonnes: '0',
        importDependencePercent: null,
        importDependenceWithheld: {
          reason: 'customs_figures_unattributed',
          note: expect.stringContaining(
            'some customs figures name no product (HS 2846.90, shared by several products)',
          ),
          params: { hsCodes: ['2846.90'] },
        },
        unattributedHsCodes: ['2846.90'],
      }),
    ]);
    expect(result.importsUnknown).toEqual(['DY-OXIDE', 'ND-OXIDE']);
    // Figures were loaded, all of them under the shared code: the overall share says so, not that none were.
    expect(result.overall).toMatchObject({
      importDependencePercent: null,
      importDependenceWithheld: expect.objectContaining({
        reason: 'customs_figures_unattributed',
        params: { hsCodes: ['2846.90'] },
      }),
    });
    // Customs figures were loaded: the target says why it has no value rather than that nothing is known.
    const measured = measure('import-dependence', loaded, window, { asOf: '2026-12-31', baselineYear: 2024 });
    expect(measured).toMatchObject({
      value: null,
      observed: true,
      withheld: expect.objectContaining({ code: 'share_withheld.customs_figures_unattributed' }),
    });
  });

  it('counts in the overall coverage only the months with figures of every product it counts', () => {
    const result = importDependence(
      inputs({
        output: [output('LI-CARBONATE', '400', '80'), output('ND-OXIDE', '10', '8.5')],
        trade: [
          ...['2026-02-01', '2026-03-01'].map((other) => ({ ...trade('LI-CARBONATE', 'import', '30'), month: other })),
          trade('ND-OXIDE', 'import', '5'),
        ],
      }),
      window,
    );
    expect(result.products.map((product) => [product.productCode, product.customsCoverage.months])).toEqual([
      ['LI-CARBONATE', 2],
      ['ND-OXIDE', 1],
    ]);
    // February has Li's figure only: Nd's imports of February are not known, so the share is understated.
    expect(result.customsCoverage).toMatchObject({ months: 1, of: 12 });
    expect(result.customsCoverage.missing).toContain('2026-02');
    expect(customsCoverageNote(result)).toEqual([
      expect.objectContaining({ code: 'import_dependence.customs_coverage' }),
    ]);
  });

  it('counts only the months of the window, and has no share without consumption', () => {
    const result = importDependence(inputs({ trade: [trade('LI-CARBONATE', 'export', '5')] }), window);
    expect(result.products[0].importDependencePercent).toBeNull();
    // Customs figures of March 2026 are outside 2027.
    const nextYear = { from: '2027-01-01', to: '2027-12-01' };
    const loaded = {
      ...inputs({ trade: [trade('LI-CARBONATE', 'import', '3')] }),
      output: new Map([[windowKey(nextYear), []]]),
    };
    expect(importDependence(loaded, nextYear).products).toEqual([]);
  });

  it('is unknown, not zero, until customs figures for the window are loaded', () => {
    const before = importDependence(inputs({ output: [output('LI-CARBONATE', '400', '75.2')] }), window);
    expect(before.overall.importDependencePercent).toBeNull();
    expect(before.products[0].importDependencePercent).toBeNull();
    expect(before.products[0].importDependenceWithheld?.reason).toBe('no_customs_figures');
    const after = importDependence(
      inputs({ output: [output('LI-CARBONATE', '400', '75.2')], trade: [trade('LI-CARBONATE', 'export', '100')] }),
      window,
    );
    // Customs figures loaded and no imports among them: the country imported none.
    expect(after.products[0].importDependencePercent).toBe('0.00');
    expect(after.overall.importDependencePercent).toBe('0.00');
  });

  it('says which months of the window lack customs figures, and says nothing once every month has them', () => {
    const march = importDependence(inputs({ trade: [trade('LI-CARBONATE', 'import', '30')] }), window);
    expect(march.customsCoverage).toEqual({
      months: 1,
      of: 12,
      missing: [
        '2026-01',
        '2026-02',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
      ].concat(['2026-11', '2026-12']),
    });
    expect(customsCoverageNote(march)).toEqual([
      {
        code: 'import_dependence.customs_coverage',
        params: march.customsCoverage,
        text: expect.stringContaining('cover 1 of the window'),
      },
    ]);

    const everyMonth = Array.from({ length: 12 }, (_, m) => ({
      ...trade('LI-CARBONATE', 'import', '30'),
      month: `2026-${String(m + 1).padStart(2, '0')}-01`,
    }));
    const whole = importDependence(inputs({ trade: everyMonth }), window);
    expect(whole.customsCoverage).toEqual({ months: 12, of: 12, missing: [] });
    expect(customsCoverageNote(whole)).toEqual([]);
    expect(customsCoverageNote(importDependence(inputs({}), window))).toEqual([]);
  });

  it('withholds a quotient above 100% (exports beyond output) and one without consumption, saying why', () => {
    const result = importDependence(
      inputs({
        output: [output('RE-EXPORTED', '100', '100'), output('ALL-EXPORTED', '100', '100')],
        trade: [
          trade('RE-EXPORTED', 'import', '300'),
          trade('RE-EXPORTED', 'export', '250'),
          trade('ALL-EXPORTED', 'import', '50'),
          trade('ALL-EXPORTED', 'export', '100'),
          trade('DRAWN-DOWN', 'import', '10'),
          trade('DRAWN-DOWN', 'export', '40'),
        ],
      }),
      window,
    );
    const row = (code: string) => result.products.find((product) => product.productCode === code);
    // 50 / (100 + 50 − 100) = 100%: all of the output went abroad, all that was consumed was imported.
    expect(row('ALL-EXPORTED')).toMatchObject({ importDependencePercent: '100.00', importDependenceWithheld: null });
    // 300 / (100 + 300 − 250) = 200%; of the 150 t consumed, between (300 − 250) / 150 = 33.33% and 100% imported.
    expect(row('RE-EXPORTED')).toMatchObject({
      apparentConsumptionTonnes: '150',
      importDependencePercent: null,
      importDependenceWithheld: {
        reason: 'exports_exceed_output',
        note: expect.stringMatching(
          /exports \(250 t\) exceed output \(100 t\).*\(200\.00%\).*between 33\.33% .* and 100%/,
        ),
        params: {
          exportsTonnes: '250',
          outputTonnes: '100',
          quotientPercent: '200.00',
          leastPercent: '33.33',
          tonnesOf: 'product',
        },
      },
    });
    // 0 + 10 − 40 = −30 t
    expect(row('DRAWN-DOWN')).toMatchObject({
      apparentConsumptionTonnes: '-30',
      importDependencePercent: null,
      importDependenceWithheld: {
        reason: 'no_apparent_consumption',
        note: expect.stringContaining('-30 t'),
        params: { apparentConsumptionTonnes: '-30', tonnesOf: 'product' },
      },
    });
    // Metal (factor 1; DRAWN-DOWN has none and is left out): output 200, imports 350, exports 350, consumption 200.
    // Exports beyond output overall too: 350 / 200 = 175% is withheld, the share lying between 0% and 100%.
    expect(result.excludedFromOverall).toEqual(['DRAWN-DOWN']);
    expect(result.overall).toMatchObject({
      apparentConsumptionMetalTonnes: '200',
      importDependencePercent: null,
      importDependenceWithheld: {
        reason: 'exports_exceed_output',
        note: expect.stringMatching(/\(175\.00%\).*between 0\.00% .* and 100%/),
        params: expect.objectContaining({ quotientPercent: '175.00', leastPercent: '0.00', tonnesOf: 'metal_content' }),
      },
    });
  });

  it('gives the import-dependence target no value when the overall share is withheld, saying why, as observed', () => {
    const reExported = inputs({
      output: [output('RE-EXPORTED', '100', '20')],
      trade: [trade('RE-EXPORTED', 'import', '300'), trade('RE-EXPORTED', 'export', '250')],
    });
    const context = { asOf: '2026-12-31', baselineYear: 2024 };
    const measured = measure('import-dependence', reExported, window, context);
    const withheld = {
      code: 'share_withheld.exports_exceed_output',
      params: expect.objectContaining({ exportsTonnes: '50', tonnesOf: 'metal_content' }),
      text: expect.stringContaining('exceed output'),
    };
    expect(measured).toMatchObject({ value: null, observed: true, withheld });
    expect(measured.notes).toContainEqual({
      code: 'target.share_withheld',
      params: { withheld },
      text: expect.stringMatching(/^no share: exports \(50 t of metal content\)/),
    });
    // Without customs figures the window is unknown, not withheld.
    const unknown = measure('import-dependence', inputs({ output: [output('LI', '1', '1')] }), window, context);
    expect(unknown).toMatchObject({ value: null, observed: false, withheld: undefined });
  });
});
