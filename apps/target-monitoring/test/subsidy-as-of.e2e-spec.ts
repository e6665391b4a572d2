import { randomUUID } from 'node:crypto';
import {
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimClawbackRefunded,
  ClaimClawbackRepaid,
  ClaimClawbackSettled,
  ClaimPaid,
  ClaimReturned,
  type ClaimSnapshot,
  ClaimSubmitted,
  type EventDefinition,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const [YEAR, NEXT_YEAR] = [2079, 2080];

type Published = [definition: EventDefinition<object>, key: string, payload: object, occurredAt: string];

/**
 * The subsidy summary as it stood at the end of a past day. Claim A: 100 000 000 kopecks approved in
 * March, paid in April; 40 000 000 demanded back in June and repaid in July; the demand lowered to
 * 25 000 000 in August (the settlement stating the same version) and the 15 000 000 repaid beyond it
 * refunded in September. Claim B: filed for the next year, returned, and filed again for this one. The
 * budget: a total from before events were counted, then counted changes, one stamped by a clock behind the
 * others. The events arrive newest first.
 */
describe('subsidy summary as of a past day', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const a: ClaimSnapshot = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId: randomUUID(),
      programmeYear: YEAR,
      approvedKopecks: '100000000',
    };
    const paid = { ...a, paidKopecks: '100000000' };
    const b: ClaimSnapshot = {
      ...samplePayload(ClaimSubmitted),
      claimId: randomUUID(),
      companyId: a.companyId,
      programmeYear: NEXT_YEAR,
      period: `${NEXT_YEAR}-Q1`,
    };
    const budget = (figures: object) => ({ programmeYear: YEAR, availableKopecks: '0', ...figures });
    const events: Published[] = [
      [
        BudgetTotalChanged,
        `${YEAR}`,
        {
          ...samplePayload(BudgetTotalChanged),
          ...budget({
            totalKopecks: '900000000',
            previousTotalKopecks: '0',
            committedKopecks: '0',
            utilisationPercent: '0.00',
          }),
          budgetVersion: undefined,
        },
        '2079-01-10T09:00:00.000Z',
      ],
      [
        BudgetTotalChanged,
        `${YEAR}`,
        {
          ...samplePayload(BudgetTotalChanged),
          ...budget({
            totalKopecks: '1000000000',
            previousTotalKopecks: '900000000',
            committedKopecks: '0',
            utilisationPercent: '0.00',
          }),
          budgetVersion: 1,
        },
        '2079-01-15T09:00:00.000Z',
      ],
      [ClaimSubmitted, b.claimId, { ...b, state: 'submitted', version: 1 }, '2079-02-01T09:00:00.000Z'],
      [
        ClaimReturned,
        b.claimId,
        { ...samplePayload(ClaimReturned), ...b, state: 'returned', version: 3 },
        '2079-02-10T09:00:00.000Z',
      ],
      [
        ClaimSubmitted,
        b.claimId,
        { ...b, programmeYear: YEAR, period: `${YEAR}-Q1`, state: 'submitted', version: 4 },
        '2079-02-20T09:00:00.000Z',
      ],
      [ClaimApproved, a.claimId, { ...a, state: 'approved', version: 3 }, '2079-03-10T09:00:00.000Z'],
      [
        BudgetReserved,
        `${YEAR}`,
        {
          ...samplePayload(BudgetReserved),
          ...budget({
            totalKopecks: '1000000000',
            claimId: a.claimId,
            amountKopecks: '100000000',
            committedKopecks: '100000000',
            utilisationPercent: '10.00',
          }),
          budgetVersion: 2,
        },
        '2079-03-10T09:00:00.000Z',
      ],
      // Counted after the reservation, stamped a second before it by another instance's clock.
      [
        BudgetReleased,
        `${YEAR}`,
        {
          ...samplePayload(BudgetReleased),
          ...budget({
            totalKopecks: '1000000000',
            claimId: a.claimId,
            amountKopecks: '40000000',
            committedKopecks: '60000000',
            utilisationPercent: '6.00',
          }),
          budgetVersion: 3,
        },
        '2079-03-10T08:59:59.000Z',
      ],
      // 01:30 on 20 April in Moscow (TIME_ZONE), still the 19th in UTC.
      [
        ClaimPaid,
        a.claimId,
        { ...samplePayload(ClaimPaid), ...paid, state: 'paid', version: 5 },
        '2079-04-19T22:30:00.000Z',
      ],
      [
        ClaimClawbackDemanded,
        a.claimId,
        {
          ...samplePayload(ClaimClawbackDemanded),
          ...paid,
          state: 'under_clawback',
          clawbackKopecks: '40000000',
          version: 6,
        },
        '2079-06-01T09:00:00.000Z',
      ],
      [
        ClaimClawbackRepaid,
        a.claimId,
        {
          ...samplePayload(ClaimClawbackRepaid),
          ...paid,
          state: 'clawed_back',
          amountKopecks: '40000000',
          clawbackKopecks: '40000000',
          repaidKopecks: '40000000',
          outstandingKopecks: '0',
          version: 7,
        },
        '2079-07-01T09:00:00.000Z',
      ],
      [
        ClaimClawbackReduced,
        a.claimId,
        {
          ...samplePayload(ClaimClawbackReduced),
          ...paid,
          state: 'clawed_back',
          previousClawbackKopecks: '40000000',
          clawbackKopecks: '25000000',
          repaidKopecks: '40000000',
          outstandingKopecks: '0',
          dueOn: null,
          version: 8,
        },
        '2079-08-01T09:00:00.000Z',
      ],
      [
        ClaimClawbackSettled,
        a.claimId,
        {
          ...samplePayload(ClaimClawbackSettled),
          ...paid,
          state: 'clawed_back',
          clawbackKopecks: '25000000',
          settledOn: '2079-08-01',
          version: 8,
        },
        '2079-08-01T09:00:00.000Z',
      ],
      [
        ClaimClawbackRefunded,
        a.claimId,
        {
          ...samplePayload(ClaimClawbackRefunded),
          ...paid,
          state: 'clawed_back',
          refundId: randomUUID(),
          amountKopecks: '15000000',
          refundedOn: '2079-09-01',
          clawbackKopecks: '25000000',
          repaidKopecks: '40000000',
          refundedKopecks: '15000000',
          refundDueKopecks: '0',
          version: 9,
        },
        '2079-09-01T09:00:00.000Z',
      ],
    ];
    const published = [];
    for (const [definition, key, payload, occurredAt] of [...events].reverse())
      published.push(await monitoring.publish(definition, key, payload, { occurredAt }));
    await monitoring.processed(...published);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const summary = async (programmeYear: number, asOf?: string) =>
    (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear, asOf }).expect(200)).body;

  /** Claims, approved, paid, demanded back, clawed back; the budget's total and committed money. */
  const figures = async (asOf?: string, programmeYear = YEAR) => {
    const { claims, budget } = await summary(programmeYear, asOf);
    return [
      claims.claims,
      claims.approvedKopecks,
      claims.paidKopecks,
      claims.clawbackDemandedKopecks,
      claims.clawedBackKopecks,
      budget?.totalKopecks ?? null,
      budget?.committedKopecks ?? null,
    ];
  };

  it('sums each claim and the budget as the events made by the end of that day left them', async () => {
    const e9 = '1000000000';
    expect(await figures('2079-01-09')).toEqual([0, '0', '0', '0', '0', null, null]);
    // Before any counted event, the uncounted one is the budget; after, only counts order them.
    expect(await figures('2079-01-12')).toEqual([0, '0', '0', '0', '0', '900000000', '0']);
    expect(await figures('2079-01-15')).toEqual([0, '0', '0', '0', '0', e9, '0']);
    expect(await figures('2079-02-19')).toEqual([0, '0', '0', '0', '0', e9, '0']);
    expect(await figures('2079-02-20')).toEqual([1, '0', '0', '0', '0', e9, '0']);
    expect(await figures('2079-03-10')).toEqual([2, '100000000', '0', '0', '0', e9, '60000000']);
    expect(await figures('2079-04-19')).toEqual([2, '100000000', '0', '0', '0', e9, '60000000']);
    expect(await figures('2079-04-20')).toEqual([2, '100000000', '100000000', '0', '0', e9, '60000000']);
    expect(await figures('2079-06-01')).toEqual([2, '100000000', '100000000', '40000000', '0', e9, '60000000']);
    expect(await figures('2079-07-01')).toEqual([2, '100000000', '100000000', '40000000', '40000000', e9, '60000000']);
    // Lowered below what was repaid: the demand falls; the money kept falls only with the refund.
    expect(await figures('2079-08-01')).toEqual([2, '100000000', '100000000', '25000000', '40000000', e9, '60000000']);
    expect(await figures('2079-09-01')).toEqual([2, '100000000', '100000000', '25000000', '25000000', e9, '60000000']);
  });

  it('counts a claim in the year its version of the day puts it in', async () => {
    expect(await figures('2079-02-01', NEXT_YEAR)).toEqual([1, '0', '0', '0', '0', null, null]);
    expect(await figures('2079-02-19', NEXT_YEAR)).toEqual([1, '0', '0', '0', '0', null, null]);
    expect(await figures('2079-02-20', NEXT_YEAR)).toEqual([0, '0', '0', '0', '0', null, null]);
  });

  it('gives the figures as they stand without asOf, the same as a day after the last change', async () => {
    expect((await summary(YEAR)).asOf).toBeNull();
    expect((await summary(YEAR, '2079-12-31')).asOf).toBe('2079-12-31');
    for (const year of [YEAR, NEXT_YEAR])
      expect(await figures(undefined, year)).toEqual(await figures('2079-12-31', year));
  });

  it('refuses a day that is not one, naming the field', async () => {
    const refused = await (
      await monitoring.http()
    )
      .get('/subsidy/summary')
      .query({ programmeYear: YEAR, asOf: '2079-02-30' })
      .expect(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['asOf']);
  });
});
