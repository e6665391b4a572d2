import Decimal from 'decimal.js';
import { calendarYear, trailingYear } from '../common/months';
import type { ConfigVersion } from '../configuration/configuration.store';
import type { TargetSettings } from '../configuration/settings';
import { type ProgrammeInputs, windowKey } from './inputs';
import { targetFigure } from './target-figure';

const settings: TargetSettings = {
  name: 'Import dependence',
  unit: '%',
  direction: 'decrease',
  baselineYear: 2024,
  baselineValue: null,
  targetYear: 2030,
  targetValue: '48',
  path: [],
  atRiskTolerance: '0.05',
  offTrackTolerance: '0.15',
  source: 'test',
};

const config: ConfigVersion<TargetSettings> = {
  key: 'target:import-dependence',
  version: 1,
  effectiveFrom: '2024-01-01',
  value: settings,
  recordedAt: '2024-01-01T00:00:00.000Z',
  recordedBy: 'test',
  reason: 'test',
};

const asOf = '2026-12-31';
const perspective = { asOf, knowledge: 'now' as const, knownAt: null };

/** Customs figures of March 2024 only: the baseline year has figures, the trailing years none. */
function inputs(imports: string, exports: string): ProgrammeInputs {
  const windows = [trailingYear(asOf), trailingYear('2025-12-31'), calendarYear(2024)];
  const month = '2024-03-01';
  const trade = (flow: 'import' | 'export', quantity: string) => ({
    month,
    flow,
    hsCode: '2836.91',
    productCode: 'LI',
    quantity: new Decimal(quantity),
  });
  const output = { productCode: 'LI', tonnageClass: 'large', quantity: new Decimal(100), metal: new Decimal(100) };
  return {
    output: new Map(
      windows.map((window) => [
        windowKey(window),
        window.from === '2024-01-01' ? [{ ...output, exports: new Decimal(0) }] : [],
      ]),
    ),
    trade: [trade('import', imports), trade('export', exports)],
    catalogue: new Map(),
    references: new Map(),
    commissioned: [],
  };
}

describe('target figure', () => {
  it('says why a measured baseline whose share is withheld is taken as 0, not that nothing is known of its year', () => {
    // 2024: 300 / (100 + 300 − 250): exports beyond output, no share.
    const figure = targetFigure('import-dependence', config, inputs('300', '250'), perspective);
    expect(figure.baseline).toEqual({ year: 2024, value: '0', measured: true });
    expect(figure.notes).toContainEqual({
      code: 'target.baseline_withheld',
      params: { year: 2024, withheld: expect.objectContaining({ code: 'share_withheld.exports_exceed_output' }) },
      text: expect.stringMatching(/^the baseline year 2024 has no value \(exports \(250 t of metal content\) exceed/),
    });
    expect(figure.notes).not.toContainEqual(expect.objectContaining({ code: 'target.baseline_unobserved' }));

    // 2024: 300 / (100 + 300 − 50) = 85.71%, measured.
    const measured = targetFigure('import-dependence', config, inputs('300', '50'), perspective);
    expect(measured.baseline.value).toBe('85.71');
    expect(measured.notes.map((note) => note.code)).not.toContainEqual(expect.stringContaining('baseline'));
  });

  describe('of output, before reports come', () => {
    const output: ConfigVersion<TargetSettings> = {
      ...config,
      key: 'target:output-large-tonnage',
      value: {
        ...settings,
        name: 'Large-tonnage output',
        unit: 't/yr',
        direction: 'increase',
        baselineValue: '0',
        targetValue: '50000',
      },
    };
    /** The platform's first year: reports of the trailing year up to asOf, if any, and none before. */
    const firstYear = (metal: number | null): ProgrammeInputs => {
      const made = {
        productCode: 'LI',
        tonnageClass: 'large',
        quantity: new Decimal(metal ?? 0),
        exports: new Decimal(0),
      };
      const thisYear = windowKey(trailingYear(asOf));
      return {
        output: new Map(
          [trailingYear(asOf), trailingYear('2025-12-31'), calendarYear(2024)].map((window) => [
            windowKey(window),
            metal !== null && windowKey(window) === thisYear ? [{ ...made, metal: new Decimal(metal) }] : [],
          ]),
        ),
        trade: [],
        catalogue: new Map(),
        references: new Map(),
        commissioned: [],
      };
    };

    it('has no value and no status without any report, rather than 0 off track', () => {
      // 0 would be 16,667 t behind the 50,000 × 2/6 expected at the end of 2026: off track, a critical alert.
      const figure = targetFigure('output-large-tonnage', output, firstYear(null), perspective);
      expect(figure).toMatchObject({ current: null, gap: null, shortfall: null, status: 'no_data' });
      expect(figure.forecast.value).toBeNull();
    });

    it('forecasts the value itself when nothing of a year before is known, not its growth from zero', () => {
      // 30,000 t against nothing a year before read as 0: 30,000 + 30,000 × 4 years left = 150,000 t.
      const figure = targetFigure('output-large-tonnage', output, firstYear(30000), perspective);
      expect(figure).toMatchObject({ current: '30000', forecast: { year: 2030, value: '30000' } });
    });
  });
});
