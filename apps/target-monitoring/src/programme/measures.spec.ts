import { trailingYear } from '../common/months';
import { plantLives } from '../registry/facility-versions';
import type { PlantLife, ProgrammeInputs } from './inputs';
import { measure } from './measures';

const plants = (...commissioned: PlantLife[]): ProgrammeInputs => ({
  output: new Map(),
  trade: [],
  catalogue: new Map(),
  references: new Map(),
  commissioned,
});

const plant = (commissionedOn: string, closedOn: string | null = null, countsFrom = commissionedOn): PlantLife => ({
  commissionedOn,
  closedOn,
  countsFrom,
});

const newPlantsAsOf = (inputs: ProgrammeInputs, asOf: string) =>
  measure('new-plants', inputs, trailingYear(asOf), { asOf, baselineYear: 2024 }).value?.toNumber();

describe('new plants', () => {
  const closing = plant('2025-06-01', '2027-03-15');

  it('counts a plant commissioned after the baseline from its commissioning day until the day it closed', () => {
    const inputs = plants(closing);
    expect(newPlantsAsOf(inputs, '2025-05-31')).toBe(0);
    expect(newPlantsAsOf(inputs, '2025-06-01')).toBe(1);
    expect(newPlantsAsOf(inputs, '2027-03-14')).toBe(1);
    expect(newPlantsAsOf(inputs, '2027-03-15')).toBe(0);
    expect(newPlantsAsOf(inputs, '2030-12-31')).toBe(0);
  });

  it('counts running plants commissioned after the baseline year only', () => {
    const inputs = plants(closing, plant('2024-12-31'), plant('2025-01-01'), plant('2026-09-01'));
    expect(newPlantsAsOf(inputs, '2026-12-31')).toBe(3);
    expect(newPlantsAsOf(inputs, '2027-12-31')).toBe(2);
  });

  it('counts a plant bringing back a closed one by the day its site first ran, while it runs itself', () => {
    const restartOfOld = plant('2025-09-01', null, '2019-05-01');
    const restartOfNew = plant('2025-10-01', '2026-04-01', '2025-02-01');
    const inputs = plants(restartOfOld, restartOfNew);
    expect(newPlantsAsOf(inputs, '2025-09-30')).toBe(0);
    expect(newPlantsAsOf(inputs, '2025-10-01')).toBe(1);
    expect(newPlantsAsOf(inputs, '2026-04-01')).toBe(0);
  });

  it('counts a site once on the days a plant bringing back another ran before the registry has that one close', () => {
    const inputs = plants(
      ...plantLives([
        { facilityId: 'old', restartOf: null, commissionedOn: '2025-02-01', closedOn: '2026-06-01' },
        { facilityId: 'back', restartOf: 'old', commissionedOn: '2026-03-01', closedOn: null },
      ]),
    );
    const days = ['2026-02-28', '2026-03-01', '2026-05-31', '2026-06-01'];
    expect(days.map((day) => newPlantsAsOf(inputs, day))).toEqual([1, 1, 1, 1]);
  });
});
