import { assertWithinHorizon } from './programme-horizon';

const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return (error as { code: string; fieldErrors: unknown }).fieldErrors;
  }
  return null;
};

describe('programme horizon', () => {
  it('takes days up to the end of the year after the programme year, and names the field beyond it', () => {
    expect(refusal(() => assertWithinHorizon('effectiveFrom', '2027-12-31', 2026))).toBeNull();
    expect(refusal(() => assertWithinHorizon('effectiveFrom', '2028-01-01', 2026))).toEqual([
      {
        field: 'effectiveFrom',
        messages: ['effectiveFrom must not be after 2027-12-31, the end of the year after the 2026 programme'],
      },
    ]);
  });

  it("lets a claim decided after its programme's horizon be scheduled within the year after this one", () => {
    expect(refusal(() => assertWithinHorizon('scheduledOn', '2029-06-30', 2026, '2028-03-01'))).toBeNull();
    expect(refusal(() => assertWithinHorizon('scheduledOn', '2030-01-01', 2026, '2028-03-01'))).toEqual([
      {
        field: 'scheduledOn',
        messages: [
          "scheduledOn must not be after 2029-12-31, the end of the year after this year (2028), the 2026 programme's own being past",
        ],
      },
    ]);
  });

  it('keeps the programme horizon while it is still ahead', () => {
    expect(refusal(() => assertWithinHorizon('scheduledOn', '2028-01-01', 2026, '2026-11-30'))).not.toBeNull();
  });
});
