import { describe, expect, it } from '@jest/globals';
import { FACILITY_STATUSES, type FacilityStatus } from '@redmet/contracts/vocabulary';
// The copy is checked against the original, which the console's compile and tests can reach only by path: a spec
// is never part of the bundle that the rule keeps free of the contracts' decorators.
// eslint-disable-next-line import-x/no-restricted-paths
import * as contracts from '../../../../libs/contracts/src/registry/facility-lifecycle';
import { closedOn, type FacilityLifecycle, nextStatuses, operatedBetween, operatingSince } from './facility-lifecycle';

const DAYS = ['2025-12-31', '2026-01-01', '2026-02-15', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01'];

/** Every status with each day as its start, with and without a commissioning day. */
const FACILITIES: FacilityLifecycle[] = FACILITY_STATUSES.flatMap((status) =>
  DAYS.flatMap((statusSince) =>
    [null, '2026-01-01', '2026-02-15', '2026-04-01'].map((commissionedOn) => ({ status, statusSince, commissionedOn })),
  ),
);

describe('console: when a plant ran', () => {
  it('says what the contracts, by which reports are judged, say for every status, day and period', () => {
    const periods = DAYS.flatMap((start) => DAYS.filter((end) => end >= start).map((end) => [start, end] as const));
    for (const facility of FACILITIES) {
      expect(closedOn(facility)).toBe(contracts.closedOn(facility));
      expect(operatingSince(facility)).toBe(contracts.operatingSince(facility));
      for (const [start, end] of periods) {
        expect([facility, start, end, operatedBetween(facility, start, end)]).toEqual([
          facility,
          start,
          end,
          contracts.operatedBetween(facility, start, end),
        ]);
      }
    }
  });

  it('counts a closed plant until the day before its closing day, and one never commissioned never', () => {
    const closed = { status: 'closed', statusSince: '2026-04-15', commissionedOn: '2020-05-01' } as const;
    expect(operatedBetween(closed, '2026-04-01', '2026-06-30')).toBe(true);
    expect(operatedBetween(closed, '2026-07-01', '2026-09-30')).toBe(false);
    expect(
      operatedBetween({ status: 'under_construction', statusSince: '2025-01-01' }, '2026-01-01', '2026-03-31'),
    ).toBe(false);
  });
});

describe('console: the statuses a facility may go to', () => {
  it('moves forward only, modernises again, closes from anything and nothing follows closed', () => {
    const table = Object.fromEntries(FACILITY_STATUSES.map((status) => [status, nextStatuses(status)]));
    const expected: Record<FacilityStatus, FacilityStatus[]> = {
      planned: ['under_construction', 'closed'],
      under_construction: ['commissioned', 'closed'],
      commissioned: ['modernised', 'closed'],
      modernised: ['modernised', 'closed'],
      closed: [],
    };
    expect(table).toEqual(expected);
  });
});
