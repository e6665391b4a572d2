import { DataSource } from 'typeorm';
import {
  type CompanySnapshot,
  type FacilitySnapshot,
  FacilityOperatorChanged,
  FacilityUpdated,
} from '@redmet/contracts';
import { ObligationsService } from '../src/deadlines/obligations.service';
import { CSV_HEADER, csvRow, line, type ReportingWorld, useReportingWorld } from './support/producer-world';
import type { Agent } from './support/reporting-app';

/*
 * A plant changes hands from the first day of a month: each company answers for
 * the months it ran the plant, so a quarter split by the hand-over is reported
 * by both, each for its own months, and neither for the other's.
 */

const SETTINGS = {
  REPORTING_PERIOD_KIND: 'quarter',
  REPORTING_OBLIGATIONS_START: '2024-01-01',
  REPORTING_REMINDER_DAYS: '7,0',
};

async function handOver(suite: ReportingWorld, facility: FacilitySnapshot, to: string, since: string) {
  const handedOver = {
    ...facility,
    operatorCompanyId: to,
    operators: [
      ...(facility.operators ?? [{ operatorCompanyId: facility.operatorCompanyId, since: null }]),
      { operatorCompanyId: to, since },
    ],
    version: facility.version + 1,
  };
  await suite.registry.publish(FacilityOperatorChanged, facility.facilityId, {
    ...handedOver,
    previousOperatorCompanyId: facility.operatorCompanyId,
  });
  await suite.registry.seen('facility', facility.facilityId, handedOver.version);
  return handedOver;
}

describe('a plant that changed operator', () => {
  const suite = useReportingWorld(SETTINGS);
  let successor: CompanySnapshot;
  let successorHttp: Agent;

  beforeAll(async () => {
    successor = await suite.registry.company({ legalName: 'Successor Rare Metals JSC' });
    await suite.registry.seen('company', successor.companyId);
    successorHttp = await suite.reporting.producer(successor.companyId);
  });

  /** A plant of the world's company, at its deposit. */
  async function plantOfTheWorld(): Promise<FacilitySnapshot> {
    const { world, registry } = suite;
    const plant = await registry.facility(world.company.companyId, {
      depositId: world.deposit.depositId,
      region: 'Murmansk Oblast',
      productCodes: [world.carbonate.code],
    });
    await registry.seen('facility', plant.facilityId);
    return plant;
  }

  /** A plant of the world's company, handed to the successor from 1 February 2024. */
  async function plantHandedOverInFebruary(): Promise<FacilitySnapshot> {
    return handOver(suite, await plantOfTheWorld(), successor.companyId, '2024-02-01');
  }

  const file = (http: Agent, facilityId: string, period: string) =>
    http.post('/reports').send({ facilityId, period, lines: [line(suite.world.carbonate)], submit: true });
  const codes = (body: { reasons?: { code: string }[] }) => (body.reasons ?? []).map((reason) => reason.code);
  const claimedMonths = async (reportId: string) =>
    (
      await suite.reporting.app
        .get(DataSource)
        .query(
          `SELECT to_char(month, 'YYYY-MM') AS month FROM accepted_site_month WHERE report_id = $1 ORDER BY month`,
          [reportId],
        )
    ).map((row: { month: string }) => row.month);

  it('takes the split quarter from both operators, each for its own months, and amendments of the earlier one', async () => {
    const plant = await plantHandedOverInFebruary();

    const earlier = await file(suite.world.http, plant.facilityId, '2024-Q1');
    const later = await file(successorHttp, plant.facilityId, '2024-Q1');

    expect([earlier.status, earlier.body.state, codes(earlier.body)]).toEqual([201, 'accepted', []]);
    expect([later.status, later.body.state, codes(later.body)]).toEqual([201, 'accepted', []]);
    expect(await claimedMonths(earlier.body.reportId)).toEqual(['2024-01']);
    expect(await claimedMonths(later.body.reportId)).toEqual(['2024-02', '2024-03']);

    const amended = await suite.world.http
      .post(`/reports/${earlier.body.reportId}/amendments`)
      .send({ lines: [line(suite.world.carbonate, { quantity: '300' })], amendmentReason: 'January weighed again' });
    expect([amended.status, amended.body.state]).toEqual([201, 'accepted']);
  });

  it('refuses each operator the months the other ran the plant', async () => {
    const plant = await plantHandedOverInFebruary();

    const earlierAfter = await file(suite.world.http, plant.facilityId, '2024-Q2');
    const earlierInMarch = await file(suite.world.http, plant.facilityId, '2024-03');
    const laterBefore = await file(successorHttp, plant.facilityId, '2024-01');
    const laterBeforeHistory = await file(successorHttp, plant.facilityId, '2023-Q4');

    for (const refused of [earlierAfter, earlierInMarch, laterBefore, laterBeforeHistory]) {
      expect(refused.body.state).toBe('rejected');
      expect(refused.body.reasons).toEqual([
        expect.objectContaining({ code: 'REPORT.NOT_OPERATOR', message: expect.stringContaining('throughout') }),
      ]);
    }
    expect((await file(successorHttp, plant.facilityId, '2024-Q2')).body.state).toBe('accepted');
  });

  it("takes a CSV upload from each operator for its months of the split quarter, and refuses it the other's", async () => {
    const plant = await plantHandedOverInFebruary();
    const upload = (http: Agent, period: string) =>
      http
        .post('/reports/uploads')
        .attach(
          'file',
          Buffer.from(
            `${CSV_HEADER}\n${csvRow({ facilityId: plant.facilityId }, period, line(suite.world.carbonate))}\n`,
          ),
          {
            filename: 'lines.csv',
            contentType: 'text/csv',
          },
        );

    const refusals = [await upload(suite.world.http, '2024-Q2'), await upload(successorHttp, '2024-01')];
    const earlier = await upload(suite.world.http, '2024-Q1');
    const later = await upload(successorHttp, '2024-Q1');

    for (const [refused, period] of [
      [refusals[0], '2024-Q2'],
      [refusals[1], '2024-01'],
    ] as const) {
      expect([refused.status, refused.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
      expect(JSON.stringify(refused.body.errors)).toContain(`operated by another company throughout ${period}`);
    }
    expect([earlier.status, earlier.body.reports.map((report: { state: string }) => report.state)]).toEqual([
      201,
      ['accepted'],
    ]);
    expect([later.status, later.body.reports.map((report: { state: string }) => report.state)]).toEqual([
      201,
      ['accepted'],
    ]);
    expect(await claimedMonths(earlier.body.reports[0].reportId)).toEqual(['2024-01']);
  });

  it('frees the months a hand-over recorded after the fact took from a report once that report is amended', async () => {
    const { world } = suite;
    const plant = await plantOfTheWorld();
    const earlier = await file(world.http, plant.facilityId, '2024-Q1');
    expect(await claimedMonths(earlier.body.reportId)).toEqual(['2024-01', '2024-02', '2024-03']);
    await handOver(suite, plant, successor.companyId, '2024-02-01');

    const tooSoon = await file(successorHttp, plant.facilityId, '2024-Q1');
    expect(codes(tooSoon.body)).toEqual(['REPORT.PERIOD_ALREADY_REPORTED']);
    const amended = await world.http
      .post(`/reports/${earlier.body.reportId}/amendments`)
      .send({ lines: [line(world.carbonate, { quantity: '400' })], amendmentReason: 'January only: handed over' });
    expect([amended.body.state, await claimedMonths(earlier.body.reportId)]).toEqual(['accepted', ['2024-01']]);
    const later = await successorHttp
      .post(`/reports/${tooSoon.body.reportId}/amendments`)
      .send({ lines: [line(world.carbonate)], amendmentReason: 'Filed again once the earlier operator amended' });

    expect([later.body.state, codes(later.body)]).toEqual(['accepted', []]);
    expect(await claimedMonths(tooSoon.body.reportId)).toEqual(['2024-02', '2024-03']);
  });

  it("still refuses a month the other operator's report already holds, within the filer's own months", async () => {
    const plant = await plantHandedOverInFebruary();
    expect((await file(successorHttp, plant.facilityId, '2024-02')).body.state).toBe('accepted');

    const quarter = await file(successorHttp, plant.facilityId, '2024-Q1');

    expect(quarter.body.state).toBe('rejected');
    expect(quarter.body.reasons).toEqual([
      expect.objectContaining({ code: 'REPORT.PERIOD_ALREADY_REPORTED', message: expect.stringContaining('amend it') }),
    ]);
  });

  it('asks each operator for its months of the split quarter, and counts them met by its reports alone', async () => {
    const plant = await plantHandedOverInFebruary();
    const obligations = suite.reporting.app.get(ObligationsService);
    const ofPlant = async () =>
      (await obligations.open('2024-08-01'))
        .filter((obligation) => obligation.facilityId === plant.facilityId)
        .map(({ companyId, period, months }) => ({ companyId, period, months }));
    const [earlierId, laterId] = [suite.world.company.companyId, successor.companyId];

    expect(await ofPlant()).toEqual([
      { companyId: earlierId, period: '2024-Q1', months: ['2024-01-01'] },
      { companyId: laterId, period: '2024-Q1', months: ['2024-02-01', '2024-03-01'] },
      { companyId: laterId, period: '2024-Q2', months: ['2024-04-01', '2024-05-01', '2024-06-01'] },
    ]);

    expect((await file(suite.world.http, plant.facilityId, '2024-01')).body.state).toBe('accepted');
    expect((await file(successorHttp, plant.facilityId, '2024-Q1')).body.state).toBe('accepted');
    expect(await ofPlant()).toEqual([
      { companyId: laterId, period: '2024-Q2', months: ['2024-04-01', '2024-05-01', '2024-06-01'] },
    ]);

    const overdue = await successorHttp.get('/obligations/overdue').query({ period: '2024-Q2', pageSize: 100 });
    expect(overdue.body.items).toContainEqual(
      expect.objectContaining({
        facilityId: plant.facilityId,
        period: '2024-Q2',
        months: ['2024-04-01', '2024-05-01', '2024-06-01'],
      }),
    );
  });

  it('keeps the operators when a later change of details repeats them', async () => {
    const plant = await plantHandedOverInFebruary();
    await suite.registry.publish(FacilityUpdated, plant.facilityId, {
      ...plant,
      capacityTonnesPerYear: '900',
      version: 3,
    });
    await suite.registry.seen('facility', plant.facilityId, 3);

    expect((await file(suite.world.http, plant.facilityId, '2024-01')).body.state).toBe('accepted');
    expect((await file(suite.world.http, plant.facilityId, '2024-02')).body.state).toBe('rejected');
  });
});
