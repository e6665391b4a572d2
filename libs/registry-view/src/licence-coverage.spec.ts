import { licenceCoverage, type LicenceStatusRecord } from './licence-coverage';

const validity = { validFrom: '2023-02-21', validTo: '2043-02-20' };
const issued: LicenceStatusRecord = { version: 1, status: 'active', statusSince: '2023-02-21', ...validity };
const suspended: LicenceStatusRecord = { version: 2, status: 'suspended', statusSince: '2026-02-10', ...validity };
const reinstated: LicenceStatusRecord = { version: 3, status: 'active', statusSince: '2026-04-20', ...validity };
const revoked: LicenceStatusRecord = { version: 4, status: 'revoked', statusSince: '2026-09-01', ...validity };

describe('licenceCoverage', () => {
  it('is active for a period wholly inside validity with no other status', () => {
    expect(licenceCoverage([issued], '2026-01-01', '2026-03-31')).toEqual({ state: 'active' });
  });

  it('is inactive for a quarter during which the licence was suspended, whatever came later', () => {
    expect(licenceCoverage([issued, suspended, reinstated], '2026-01-01', '2026-03-31')).toEqual({
      state: 'inactive',
      reason: 'suspended since 2026-02-10',
    });
  });

  it('is active again for a period after the reinstatement', () => {
    expect(licenceCoverage([issued, suspended, reinstated], '2026-05-01', '2026-05-31')).toEqual({ state: 'active' });
  });

  it('keeps an earlier period active when the licence is revoked later', () => {
    expect(licenceCoverage([issued, suspended, reinstated, revoked], '2026-06-01', '2026-06-30')).toEqual({
      state: 'active',
    });
    expect(licenceCoverage([issued, suspended, reinstated, revoked], '2026-07-01', '2026-09-30').state).toBe(
      'inactive',
    );
  });

  it('gives the same answer whatever order the versions arrived in', () => {
    expect(licenceCoverage([reinstated, issued, suspended], '2026-01-01', '2026-03-31').state).toBe('inactive');
  });

  it('cannot tell while a version is missing (out of order)', () => {
    expect(licenceCoverage([issued, reinstated], '2026-01-01', '2026-03-31')).toEqual({
      state: 'unknown',
      reason: 'version 2 of the licence has not arrived yet',
    });
    expect(licenceCoverage([], '2026-01-01', '2026-03-31').state).toBe('unknown');
  });

  it('is inactive for a period outside validity', () => {
    expect(licenceCoverage([issued], '2023-01-01', '2023-03-31').state).toBe('inactive');
    expect(licenceCoverage([{ ...issued, validTo: '2026-02-15' }], '2026-01-01', '2026-03-31').state).toBe('inactive');
  });

  it('counts a status lifted on the day it began as holding on no day', () => {
    const liftedSameDay = { ...reinstated, statusSince: suspended.statusSince };
    expect(licenceCoverage([issued, suspended, liftedSameDay], '2026-01-01', '2026-03-31')).toEqual({
      state: 'active',
    });
    expect(
      licenceCoverage([issued, suspended, { ...reinstated, statusSince: '2026-02-11' }], '2026-01-01', '2026-03-31')
        .state,
    ).toBe('inactive');
  });
});
