import { sameSettings } from './same-settings';

describe('sameSettings', () => {
  it('compares decimals by value and everything else as written', () => {
    expect(
      sameSettings({ targetValue: '80.0', atRiskTolerance: '0.05' }, { targetValue: '80', atRiskTolerance: '0.050' }),
    ).toBe(true);
    expect(sameSettings({ targetValue: '80' }, { targetValue: '80.1' })).toBe(false);
    expect(sameSettings({ name: 'Output' }, { name: 'output' })).toBe(false);
    expect(sameSettings({ baselineValue: null }, { baselineValue: '0' })).toBe(false);
    expect(sameSettings({ enabled: true }, { enabled: true, thresholdPercent: '90' })).toBe(false);
  });

  it('compares a path point by point, in order', () => {
    const path = [
      { year: 2027, value: '62' },
      { year: 2028, value: '58' },
    ];
    expect(sameSettings({ path }, { path: path.map((point) => ({ ...point, value: `${point.value}.00` })) })).toBe(
      true,
    );
    expect(sameSettings({ path }, { path: [...path].reverse() })).toBe(false);
    expect(sameSettings({ path }, { path: path.slice(1) })).toBe(false);
  });
});
