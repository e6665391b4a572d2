import { randomUUID } from 'node:crypto';
import {
  BudgetReserved,
  BudgetTotalChanged,
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimClawbackRepaid,
  ClaimPaid,
  type ClaimSnapshot,
  type EventDefinition,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const YEAR = 2079;

/**
 * The subsidy summary as it stood at the end of a past day: a claim of 100 000 000 kopecks approved in
 * March, paid in April, 40 000 000 of it demanded back in June and repaid in July, against a budget of
 * 1 000 000 000 set in January. The events arrive newest first.
 */
describe('subsidy summary as of a past day', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const claim: ClaimSnapshot = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId: randomUUID(),
      programmeYear: YEAR,
      approvedKopecks: '100000000',
    };
    const budget = { programmeYear: YEAR, totalKopecks: '1000000000' };
    const events: [EventDefinition<object>, string, object, string][] = [
      [
        BudgetTotalChanged,
        String(YEAR),
        {
          ...samplePayload(BudgetTotalChanged),
          ...budget,
          previousTotalKopecks: '0',
          committedKopecks: '0',
          availableKopecks: '1000000000',
          utilisationPercent: '0.00',
          budgetVersion: 1,
        },
        '2079-01-15T09:00:00.000Z',
      ],
      [ClaimApproved, claim.claimId, { ...claim, state: 'approved', version: 3 }, '2079-03-10T09:00:00.000Z'],
      [
        BudgetReserved,
        String(YEAR),
        {
          ...samplePayload(BudgetReserved),
          ...budget,
          claimId: claim.claimId,
          amountKopecks: '100000000',
          committedKopecks: '100000000',
          availableKopecks: '900000000',
          utilisationPercent: '10.00',
          budgetVersion: 2,
        },
        '2079-03-10T09:00:00.000Z',
      ],
      // 01:30 on 20 April in Moscow (TIME_ZONE), still the 19th in UTC.
      [
        ClaimPaid,
        claim.claimId,
        { ...samplePayload(ClaimPaid), ...claim, state: 'paid', paidKopecks: '100000000', version: 5 },
        '2079-04-19T22:30:00.000Z',
      ],
      [
        ClaimClawbackDemanded,
        claim.claimId,
        {
          ...samplePayload(ClaimClawbackDemanded),
          ...claim,
          state: 'under_clawback',
          paidKopecks: '100000000',
          clawbackKopecks: '40000000',
          version: 6,
        },
        '2079-06-01T09:00:00.000Z',
      ],
      [
        ClaimClawbackRepaid,
        claim.claimId,
        {
          ...samplePayload(ClaimClawbackRepaid),
          ...claim,
          state: 'clawed_back',
          paidKopecks: '100000000',
          amountKopecks: '40000000',
          clawbackKopecks: '40000000',
          repaidKopecks: '40000000',
          outstandingKopecks: '0',
          version: 7,
        },
        '2079-07-01T09:00:00.000Z',
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

  const summary = async (asOf?: string) =>
    (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: YEAR, asOf }).expect(200)).body;

  const figures = async (asOf?: string) => {
    const { claims, budget } = await summary(asOf);
    return [
      claims.claims,
      claims.approvedKopecks,
      claims.paidKopecks,
      claims.clawbackDemandedKopecks,
      claims.clawedBackKopecks,
      budget?.committedKopecks ?? null,
    ];
  };

  it('sums each claim and the budget as the events made by the end of that day left them', async () => {
    expect(await figures('2079-01-14')).toEqual([0, '0', '0', '0', '0', null]);
    expect(await figures('2079-03-09')).toEqual([0, '0', '0', '0', '0', '0']);
    expect(await figures('2079-03-10')).toEqual([1, '100000000', '0', '0', '0', '100000000']);
    expect(await figures('2079-04-19')).toEqual([1, '100000000', '0', '0', '0', '100000000']);
    expect(await figures('2079-04-20')).toEqual([1, '100000000', '100000000', '0', '0', '100000000']);
    expect(await figures('2079-06-01')).toEqual([1, '100000000', '100000000', '40000000', '0', '100000000']);
    expect(await figures('2079-07-01')).toEqual([1, '100000000', '100000000', '40000000', '40000000', '100000000']);
  });

  it('gives the figures as they stand without asOf, the same as a day after the last change', async () => {
    const now = await summary();
    expect(now.asOf).toBeNull();
    expect(await figures()).toEqual(await figures('2079-12-31'));
    expect((await summary('2079-12-31')).asOf).toBe('2079-12-31');
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
