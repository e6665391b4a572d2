import { type FacilityLife, type FacilityVersion, plantLives, plantsKnownAt } from './facility-versions';

const at = (iso: string) => new Date(iso);
const version = (overrides: Partial<FacilityVersion>): FacilityVersion => ({
  facilityId: 'plant-a',
  version: 1,
  knownFrom: at('2027-02-05T10:00:00Z').getTime(),
  status: 'commissioned',
  statusSince: '2027-02-01',
  commissionedOn: '2027-02-01',
  restartOf: null,
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
      { commissionedOn: '2027-02-01', closedOn: null, countsFrom: '2027-02-01' },
    ]);
  });

  it('takes the highest version made by then, in whatever order the versions are listed', () => {
    for (const versions of [
      [commissioned, closedLate],
      [closedLate, commissioned],
    ]) {
      expect(plantsKnownAt(versions, at('2027-07-01T00:00:00Z'))).toEqual([
        { commissionedOn: '2027-02-01', closedOn: null, countsFrom: '2027-02-01' },
      ]);
      expect(plantsKnownAt(versions, at('2027-07-20T10:00:00Z'))).toEqual([
        { commissionedOn: '2027-02-01', closedOn: '2027-06-10', countsFrom: '2027-02-01' },
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
      { commissionedOn: '2025-04-01', closedOn: null, countsFrom: '2025-04-01' },
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
      { commissionedOn: '2027-02-01', closedOn: null, countsFrom: '2027-02-01' },
    ]);
  });
});

describe('plantLives', () => {
  const life = (facilityId: string, overrides: Partial<FacilityLife> = {}): FacilityLife => ({
    facilityId,
    restartOf: null,
    commissionedOn: '2025-09-01',
    closedOn: null,
    ...overrides,
  });
  const countsFrom = (facilities: FacilityLife[]) => plantLives(facilities).map((plant) => plant.countsFrom);
  const old = life('old', { commissionedOn: '2019-05-01', closedOn: '2025-03-01' });

  it('counts a plant bringing back a closed one from that one’s first commissioning, and the closed one from its own', () => {
    expect(plantLives([old, life('back', { restartOf: 'old' })])).toEqual([
      { commissionedOn: '2019-05-01', closedOn: '2025-03-01', countsFrom: '2019-05-01' },
      { commissionedOn: '2025-09-01', closedOn: null, countsFrom: '2019-05-01' },
    ]);
  });

  it('follows a chain of restarts to its earliest commissioning, through a plant brought back that never ran', () => {
    const abandoned = life('abandoned', { restartOf: 'old', commissionedOn: null, closedOn: '2025-05-01' });
    const again = life('again', { restartOf: 'abandoned', commissionedOn: '2025-10-01' });
    expect(countsFrom([again, abandoned, old])).toEqual(['2019-05-01', '2019-05-01']);
  });

  it('counts a plant from its own commissioning when the chain before it never ran or is not known', () => {
    const abandoned = life('abandoned', { commissionedOn: null, closedOn: '2025-05-01' });
    expect(countsFrom([abandoned, life('back', { restartOf: 'abandoned' })])).toEqual(['2025-09-01']);
    expect(countsFrom([life('back', { restartOf: 'never-heard-of' })])).toEqual(['2025-09-01']);
  });

  it('closes a plant brought back on the day its successor was commissioned, if the registry has it close later or not at all', () => {
    const back = life('back', { restartOf: 'old', commissionedOn: '2025-09-01' });
    for (const overlapped of [
      life('old', { commissionedOn: '2025-02-01', closedOn: '2025-12-01' }),
      life('old', { commissionedOn: '2025-02-01' }),
    ]) {
      expect(plantLives([overlapped, back])).toEqual([
        { commissionedOn: '2025-02-01', closedOn: '2025-09-01', countsFrom: '2025-02-01' },
        { commissionedOn: '2025-09-01', closedOn: null, countsFrom: '2025-02-01' },
      ]);
    }
  });

  it('closes a plant brought back by the first later plant of its chain to run, through one that never ran', () => {
    const overlapped = life('old', { commissionedOn: '2019-05-01', closedOn: '2026-03-01' });
    const abandoned = life('abandoned', { restartOf: 'old', commissionedOn: null, closedOn: '2025-05-01' });
    const again = life('again', { restartOf: 'abandoned', commissionedOn: '2025-10-01' });
    const later = life('later', { restartOf: 'again', commissionedOn: '2025-12-01' });
    expect(plantLives([later, again, abandoned, overlapped]).map((plant) => plant.closedOn)).toEqual([
      null,
      '2025-12-01',
      '2025-10-01',
    ]);
  });

  it('ends a chain that loops back on itself', () => {
    const first = life('first', { restartOf: 'second', commissionedOn: '2026-01-01' });
    const second = life('second', { restartOf: 'first' });
    expect(countsFrom([first, second])).toEqual(['2025-09-01', '2025-09-01']);
  });
});

describe('plantsKnownAt with restarts', () => {
  const old = version({
    facilityId: 'old',
    commissionedOn: '2019-05-01',
    statusSince: '2019-05-01',
    knownFrom: -Infinity,
  });
  const oldClosed = version({
    facilityId: 'old',
    version: 2,
    status: 'closed',
    statusSince: '2027-03-01',
    commissionedOn: '2019-05-01',
    knownFrom: at('2027-03-02T10:00:00Z').getTime(),
  });
  const back = version({ facilityId: 'back', commissionedOn: '2027-09-01', statusSince: '2027-09-01' });
  const countsFromAt = (versions: FacilityVersion[], day: string) =>
    plantsKnownAt(versions, at(day)).map((plant) => [plant.commissionedOn, plant.countsFrom]);

  it('names the plant brought back as its registration did, a later version an older instance made naming none', () => {
    const registered = version({
      ...back,
      status: 'under_construction',
      statusSince: '2027-04-01',
      commissionedOn: null,
      restartOf: 'old',
      knownFrom: at('2027-04-01T10:00:00Z').getTime(),
    });
    const commissionedByOlder = version({ ...back, version: 2, knownFrom: at('2027-09-01T10:00:00Z').getTime() });
    for (const versions of [
      [old, oldClosed, registered, commissionedByOlder],
      [commissionedByOlder, registered, oldClosed, old],
    ]) {
      expect(countsFromAt(versions, '2027-09-01T09:59:59Z')).toEqual([['2019-05-01', '2019-05-01']]);
      expect(countsFromAt(versions, '2027-09-01T10:00:00Z')).toContainEqual(['2027-09-01', '2019-05-01']);
    }
  });

  it('counts a restart from its own commissioning while the plant it brings back is not yet known', () => {
    const laterKnown = version({ ...old, knownFrom: at('2027-12-01T00:00:00Z').getTime() });
    const restart = version({ ...back, restartOf: 'old' });
    expect(countsFromAt([laterKnown, restart], '2027-11-30T00:00:00Z')).toEqual([['2027-09-01', '2027-09-01']]);
    expect(countsFromAt([laterKnown, restart], '2027-12-01T00:00:00Z')).toContainEqual(['2027-09-01', '2019-05-01']);
  });
});
