import { FACILITY_STATUSES, type FacilityStatus } from '@redmet/contracts';
import { canChangeFacilityStatus, commissionedOnAfter } from './facility-status';

describe('facility status transitions', () => {
  const allowed: [FacilityStatus, FacilityStatus][] = [
    ['planned', 'under_construction'],
    ['under_construction', 'commissioned'],
    ['commissioned', 'modernised'],
    ['modernised', 'modernised'],
    ['planned', 'closed'],
    ['under_construction', 'closed'],
    ['commissioned', 'closed'],
    ['modernised', 'closed'],
  ];
  const pairs = FACILITY_STATUSES.flatMap((from) =>
    FACILITY_STATUSES.map((to): [FacilityStatus, FacilityStatus] => [from, to]),
  );

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canChangeFacilityStatus(from, to)).toBe(true);
  });

  it.each(pairs.filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to)))(
    'refuses %s → %s',
    (from, to) => {
      expect(canChangeFacilityStatus(from, to)).toBe(false);
    },
  );

  it('sets the commissioning day when first commissioned and keeps it through modernisations', () => {
    expect(commissionedOnAfter(null, 'under_construction', '2021-03-01')).toBeNull();
    expect(commissionedOnAfter(null, 'commissioned', '2023-09-01')).toBe('2023-09-01');
    expect(commissionedOnAfter('2023-09-01', 'modernised', '2025-02-01')).toBe('2023-09-01');
    expect(commissionedOnAfter('2023-09-01', 'closed', '2026-05-10')).toBe('2023-09-01');
    expect(commissionedOnAfter(null, 'closed', '2026-05-10')).toBeNull();
  });
});
