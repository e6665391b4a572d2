import type { FacilityLifecycle } from '@redmet/contracts';
import { plantsClosedBy } from './sudden-drop.rule';

const running = (since: string): FacilityLifecycle => ({
  status: 'commissioned',
  statusSince: since,
  commissionedOn: since,
});
const closed = (commissionedOn: string, closedOn: string): FacilityLifecycle => ({
  status: 'closed',
  statusSince: closedOn,
  commissionedOn,
});
/** January to March 2067, 100 t each: the periods before an April that fell. */
const firstQuarter = ['2067-01', '2067-02', '2067-03'].map((period) => ({ period, metal_t: '100' }));
const endOfApril = '2067-04-30';

describe("a fall in a deposit's output explained by its plants' closure", () => {
  it('holds when every plant that ran in the periods compared has closed by the end of the latest', () => {
    expect(plantsClosedBy([closed('2060-01-01', '2067-04-10')], firstQuarter, endOfApril)).toBe(true);
    expect(plantsClosedBy([closed('2060-01-01', '2067-04-30')], firstQuarter, endOfApril)).toBe(true);
    // One closed in March, the other in April: each month had one running.
    expect(
      plantsClosedBy(
        [closed('2060-01-01', '2067-03-01'), closed('2067-02-15', '2067-04-01')],
        firstQuarter,
        endOfApril,
      ),
    ).toBe(true);
  });

  it('does not hold for a plant that closed after the latest period, or one still running', () => {
    expect(plantsClosedBy([closed('2060-01-01', '2067-05-01')], firstQuarter, endOfApril)).toBe(false);
    expect(plantsClosedBy([closed('2060-01-01', '2067-04-10'), running('2060-01-01')], firstQuarter, endOfApril)).toBe(
      false,
    );
  });

  it('does not hold without a plant, or when output went on in a period no plant ran', () => {
    expect(plantsClosedBy([], firstQuarter, endOfApril)).toBe(false);
    // Closed in February, yet March had output: it did not pass through that plant.
    expect(plantsClosedBy([closed('2060-01-01', '2067-02-10')], firstQuarter, endOfApril)).toBe(false);
    // Never commissioned: it ran in none of them.
    expect(
      plantsClosedBy([{ status: 'closed', statusSince: '2067-04-01', commissionedOn: null }], firstQuarter, endOfApril),
    ).toBe(false);
  });

  it('leaves out a plant that only ran after the periods compared, and periods with no output', () => {
    expect(plantsClosedBy([closed('2060-01-01', '2067-04-10'), running('2067-04-15')], firstQuarter, endOfApril)).toBe(
      true,
    );
    const nilJanuary = [{ period: '2067-01', metal_t: '0' }, ...firstQuarter.slice(1)];
    expect(plantsClosedBy([closed('2067-02-01', '2067-04-10')], nilJanuary, endOfApril)).toBe(true);
    // Nothing before to explain: the rule finds no fall there anyway.
    expect(
      plantsClosedBy([closed('2060-01-01', '2067-04-10')], [{ period: '2067-Q1', metal_t: '0' }], endOfApril),
    ).toBe(false);
  });
});
