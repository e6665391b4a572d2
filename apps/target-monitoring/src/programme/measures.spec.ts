import { trailingYear } from '../common/months';
import type { PlantLife, ProgrammeInputs } from './inputs';
import { measure } from './measures';

const plants = (...commissioned: PlantLife[]): ProgrammeInputs => ({
  output: new Map(),
  trade: [],
  catalogue: new Map(),
  references: new Map(),
  commissioned,
});

const newPlantsAsOf = (inputs: ProgrammeInputs, asOf: string) =>
  measure('new-plants', inputs, trailingYear(asOf), { asOf, baselineYear: 2024 }).value?.toNumber();

describe('new plants', () => {
  const closing = { commissionedOn: '2025-06-01', closedOn: '2027-03-15' };

  it('counts a plant commissioned after the baseline from its commissioning day until the day it closed', () => {
    const inputs = plants(closing);
    expect(newPlantsAsOf(inputs, '2025-05-31')).toBe(0);
    expect(newPlantsAsOf(inputs, '2025-06-01')).toBe(1);
    expect(newPlantsAsOf(inputs, '2027-03-14')).toBe(1);
    expect(newPlantsAsOf(inputs, '2027-03-15')).toBe(0);
    expect(newPlantsAsOf(inputs, '2030-12-31')).toBe(0);
  });

  it('counts running plants commissioned after the baseline year only', () => {
    const inputs = plants(
      closing,
      { commissionedOn: '2024-12-31', closedOn: null },
      { commissionedOn: '2025-01-01', closedOn: null },
      { commissionedOn: '2026-09-01', closedOn: null },
    );
    expect(newPlantsAsOf(inputs, '2026-12-31')).toBe(3);
    expect(newPlantsAsOf(inputs, '2027-12-31')).toBe(2);
  });
});
