import { type ReportFigure, reportShortfall, resultsShortfall } from './clawback-coefficient';

const relied: ReportFigure = { reportId: 'r-1', version: 1, metalContentTonnes: '645.15', quantityTonnes: '2150.5' };

describe('clawback coefficient', () => {
  it('is the relative reduction of the relied-on metal content, six decimals rounded down', () => {
    const now = new Map([['r-1', { ...relied, version: 2, metalContentTonnes: '615.15' }]]);
    expect(reportShortfall([relied], now, 'metal_content', '1')).toEqual({
      coefficient: '0.0465', // 30 / 645.15 = 0.0465008…
      reason: 'Relied-on report r-1 v2: metal content 615.15 t instead of 645.15 t (v1)',
    });
  });

  it('can follow quantity instead, and scale by the configured multiplier, capped at 1', () => {
    const now = new Map([['r-1', { ...relied, version: 2, quantityTonnes: '1075.25' }]]);
    expect(reportShortfall([relied], now, 'quantity', '1').coefficient).toBe('0.5');
    expect(reportShortfall([relied], now, 'quantity', '3').coefficient).toBe('1');
    expect(reportShortfall([relied], now, 'metal_content', '1').coefficient).toBe('0');
  });

  it('is 1 when no version of the only relied-on report is accepted any more', () => {
    expect(reportShortfall([relied], new Map(), 'metal_content', '1')).toMatchObject({ coefficient: '1' });
  });

  it('measures the reduction over all relied-on reports together', () => {
    const other: ReportFigure = { reportId: 'r-2', version: 1, metalContentTonnes: '354.85', quantityTonnes: '1' };
    const now = new Map([
      ['r-1', relied],
      ['r-2', { ...other, version: 2, metalContentTonnes: '254.85' }],
    ]);
    expect(reportShortfall([relied, other], now, 'metal_content', '1').coefficient).toBe('0.1'); // 100 of 1000 t
  });

  it('does not name again a report already counted as zero (an approval lowered for it before payment)', () => {
    const gone: ReportFigure = { reportId: 'r-2', version: 1, metalContentTonnes: '0', quantityTonnes: '0' };
    const now = new Map([['r-1', { ...relied, version: 2, metalContentTonnes: '322.575' }]]);
    const shortfall = reportShortfall([relied, gone], now, 'metal_content', '1');
    expect(shortfall.coefficient).toBe('0.5');
    expect(shortfall.reason).not.toContain('r-2');
  });

  it('is nothing when the figure went up or stayed', () => {
    const now = new Map([['r-1', { ...relied, version: 2, metalContentTonnes: '700' }]]);
    expect(reportShortfall([relied], now, 'metal_content', '1').coefficient).toBe('0');
  });

  it('follows planned vs actual results: k = 1 − actual / planned below plan', () => {
    expect(resultsShortfall('1000', '800', '1')).toBe('0.2');
    expect(resultsShortfall('1000', '1200', '1')).toBe('0');
    expect(resultsShortfall('3', '2', '1')).toBe('0.333333');
    expect(resultsShortfall('1000', '0', '1')).toBe('1');
  });

  it("scales results by the claim's multiplier from the figures themselves, not from the rounded shortfall", () => {
    expect(resultsShortfall('1000', '900')).toBe('0.1');
    expect(resultsShortfall('1000', '900', '2')).toBe('0.2');
    expect(resultsShortfall('10000000', '8765433')).toBe('0.123456');
    expect(resultsShortfall('10000000', '8765433', '2')).toBe('0.246913'); // 2 × 0.1234567, not 2 × 0.123456
    expect(resultsShortfall('1000', '400', '2')).toBe('1');
  });
});
