import { randomUUID } from 'node:crypto';
import {
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimClawbackRefunded,
  ClaimClawbackRepaid,
  type ClaimSnapshot,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/**
 * A claim paid 175 000 000 kopecks: 43 750 000 demanded, 30 000 000 repaid,
 * the demand lowered to 17 500 000 and the 12 500 000 repaid beyond it
 * refunded in two parts. Clawed back is what the programme kept: 17 500 000.
 */
describe('subsidy projection: clawed-back money net of refunds', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  it('takes the largest repaid total less the largest refunded total, whatever order the refunds come in', async () => {
    const claim: ClaimSnapshot = {
      ...samplePayload(ClaimClawbackDemanded),
      claimId: randomUUID(),
      companyId: randomUUID(),
      programmeYear: 2077,
      approvedKopecks: '175000000',
      paidKopecks: '175000000',
    };
    const totals = { clawbackKopecks: '17500000', repaidKopecks: '30000000' };
    const refunded = (version: number, amountKopecks: string, refundedKopecks: string, refundDueKopecks: string) =>
      monitoring.publish(ClaimClawbackRefunded, claim.claimId, {
        ...samplePayload(ClaimClawbackRefunded),
        ...claim,
        ...totals,
        state: 'clawed_back',
        refundId: randomUUID(),
        amountKopecks,
        refundedKopecks,
        refundDueKopecks,
        version,
      });
    await monitoring.processed(
      await monitoring.publish(ClaimClawbackDemanded, claim.claimId, {
        ...samplePayload(ClaimClawbackDemanded),
        ...claim,
        state: 'under_clawback',
        clawbackKopecks: '43750000',
        version: 6,
      }),
      await monitoring.publish(ClaimClawbackRepaid, claim.claimId, {
        ...samplePayload(ClaimClawbackRepaid),
        ...claim,
        state: 'under_clawback',
        amountKopecks: '30000000',
        clawbackKopecks: '43750000',
        repaidKopecks: '30000000',
        outstandingKopecks: '13750000',
        version: 7,
      }),
      await monitoring.publish(ClaimClawbackReduced, claim.claimId, {
        ...samplePayload(ClaimClawbackReduced),
        ...claim,
        ...totals,
        state: 'clawed_back',
        previousClawbackKopecks: '43750000',
        outstandingKopecks: '0',
        refundDueKopecks: '12500000',
        dueOn: null,
        version: 8,
      }),
      // The later refund first: each states its running total.
      await refunded(10, '7500000', '12500000', '0'),
      await refunded(9, '5000000', '5000000', '7500000'),
    );

    const [row] = await monitoring.query<Record<string, string>>(
      `SELECT clawback_demanded_kopecks::text AS demanded, clawed_back_kopecks::text AS "clawedBack", version::text
         FROM subsidy_claim WHERE claim_id = $1`,
      [claim.claimId],
    );
    expect(row).toEqual({ demanded: '17500000', clawedBack: '17500000', version: '10' });
    const summary = await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: 2077 }).expect(200);
    expect(summary.body.claims).toMatchObject({ clawbackDemandedKopecks: '17500000', clawedBackKopecks: '17500000' });
  });
});
