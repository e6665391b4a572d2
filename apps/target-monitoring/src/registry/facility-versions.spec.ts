import { type FacilityVersion, plantsKnownAt } from './facility-versions';

const at = (iso: string) => new Date(iso);
const version = (overrides: Partial<FacilityVersion>): FacilityVersion => ({
  facilityId: 'plant-a',
  version: 1,
  knownFrom: at('2027-02-05T10:00:00Z').getTime(),
  status: 'commissioned',
  statusSince: '2027-02-01',
  commissionedOn: '2027-02-01',
  ...overrides,
});

describe('plantsKnownAt', () => {
  const commissioned = version({});
  const closedLate = version({
    version: 2,
    knownFrom: at('2027-07-20T10:00:00Z').getTime(),
    status: 'closed',
    statusSince: '2027-06-10',
  });

  it('knows a plant only from when the registry recorded it, whatever day it was commissioned on', () => {
    expect(plantsKnownAt([commissioned], at('2027-02-05T09:59:59.999Z'))).toEqual([]);
    expect(plantsKnownAt([commissioned], at('2027-02-05T10:00:00Z'))).toEqual([
      { commissionedOn: '2027-02-01', closedOn: null },
    ]);
  });

  it('takes the highest version made by then, in whatever order the versions are listed', () => {
    for (const versions of [
      [commissioned, closedLate],
      [closedLate, commissioned],
    ]) {
      expect(plantsKnownAt(versions, at('2027-07-01T00:00:00Z'))).toEqual([
        { commissionedOn: '2027-02-01', closedOn: null },
      ]);
      expect(plantsKnownAt(versions, at('2027-07-20T10:00:00Z'))).toEqual([
        { commissionedOn: '2027-02-01', closedOn: '2027-06-10' },
      ]);
    }
  });

  it('leaves out a facility not commissioned in the version known then, and keeps those known before versions were', () => {
    const planned = version({ facilityId: 'plant-b', status: 'planned', commissionedOn: null });
    const startedLater = version({
      facilityId: 'plant-b',
      version: 2,
      knownFrom: at('2028-01-10T00:00:00Z').getTime(),
    });
    const old = version({ facilityId: 'plant-c', knownFrom: -Infinity, commissionedOn: '2025-04-01' });
    expect(plantsKnownAt([planned, startedLater, old], at('2027-12-31T00:00:00Z'))).toEqual([
      { commissionedOn: '2025-04-01', closedOn: null },
    ]);
    expect(plantsKnownAt([planned, startedLater, old], at('2028-01-10T00:00:00Z'))).toHaveLength(2);
  });

  it('keeps the first commissioning day through a modernisation, and leaves out a plant closed before it ran', () => {
    const modernised = version({ version: 2, status: 'modernised', statusSince: '2029-04-01' });
    const neverRan = version({
      facilityId: 'plant-d',
      status: 'closed',
      statusSince: '2027-01-15',
      commissionedOn: null,
    });
    expect(plantsKnownAt([commissioned, modernised, neverRan], at('2030-01-01T00:00:00Z'))).toEqual([
      { commissionedOn: '2027-02-01', closedOn: null },
    ]);
  });
});
