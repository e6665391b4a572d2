import { DataSource } from 'typeorm';
import { type FacilitySnapshot, FacilityStatusChanged, ReportingDeadlineMissed } from '@redmet/contracts';
import { DeadlineCheckService } from '../src/deadlines/deadline-check.service';
import { line, useReportingWorld } from './support/producer-world';

/*
 * A plant closed for good on 10 May 2024 (its first day not running): it still answers for 2024-Q2, the
 * quarter it closed in, for April and May; from 2024-Q3 on it can file only nil returns, and owes nothing.
 */

const CLOSED_ON = '2024-05-10';

describe('a plant closed for good', () => {
  const suite = useReportingWorld({
    REPORTING_PERIOD_KIND: 'quarter',
    REPORTING_OBLIGATIONS_START: '2024-01-01',
    REPORTING_REMINDER_DAYS: '7,0',
  });

  /** A plant of the world's company, running since 2015 and closed on CLOSED_ON, as the registry publishes it. */
  async function closedPlant(): Promise<FacilitySnapshot> {
    const { world, registry } = suite;
    const plant = await registry.facility(world.company.companyId, {
      depositId: world.deposit.depositId,
      region: 'Murmansk Oblast',
      productCodes: [world.carbonate.code],
    });
    const closed = { ...plant, status: 'closed' as const, statusSince: CLOSED_ON, version: plant.version + 1 };
    await registry.publish(FacilityStatusChanged, plant.facilityId, { ...closed, previousStatus: plant.status });
    await registry.seen('facility', plant.facilityId, closed.version);
    return closed;
  }

  const nil = () => [
    line(suite.world.carbonate, { quantity: '0', metalContentTonnes: '0', domesticShipments: '0', exports: '0' }),
  ];
  const file = async (facilityId: string, period: string, lines = [line(suite.world.carbonate)]) =>
    (await suite.world.http.post('/reports').send({ facilityId, period, lines, submit: true })).body;

  it('takes output for the quarter it closed in and before, and after it only a nil return', async () => {
    const plant = await closedPlant();

    const closing = await file(plant.facilityId, '2024-Q2');
    const before = await file(plant.facilityId, '2024-Q1');
    const after = await file(plant.facilityId, '2024-Q3');
    const nilAfter = await file(plant.facilityId, '2024-Q3', nil());

    expect([closing.state, before.state]).toEqual(['accepted', 'accepted']);
    expect(after.state).toBe('rejected');
    expect(after.reasons).toEqual([
      expect.objectContaining({
        code: 'REPORT.FACILITY_NOT_OPERATING',
        message: `Facility ${plant.facilityId} cannot have had output in 2024-Q3: closed on ${CLOSED_ON}`,
      }),
    ]);
    expect(nilAfter.state).toBe('accepted');
    const amended = await suite.world.http
      .post(`/reports/${closing.reportId}/amendments`)
      .send({ lines: [line(suite.world.carbonate, { quantity: '300' })], amendmentReason: 'May weighed again' });
    expect([amended.status, amended.body.state]).toEqual([201, 'accepted']);
  });

  it('owes the quarter it closed in for the months it ran, met by reports of those months, and nothing after', async () => {
    const plant = await closedPlant();
    const owed = async () =>
      (await suite.world.http.get('/obligations/overdue').query({ pageSize: 200 })).body.items
        .filter((obligation: { facilityId: string | null }) => obligation.facilityId === plant.facilityId)
        .map(({ period, months }: { period: string; months: string[] }) => ({ period, months }));
    const obligationOf = (period: string) => `${suite.world.company.companyId}:${plant.facilityId}:${period}`;
    const missed = async (period: string) =>
      (
        await suite.reporting.app
          .get(DataSource)
          .query(
            `SELECT envelope->'payload' AS payload FROM outbox_message WHERE message_key = $1 AND event_type = $2`,
            [obligationOf(period), ReportingDeadlineMissed.type],
          )
      ).map((row: { payload: { months: string[] } }) => row.payload.months);

    expect(await owed()).toEqual([
      { period: '2024-Q1', months: ['2024-01-01', '2024-02-01', '2024-03-01'] },
      { period: '2024-Q2', months: ['2024-04-01', '2024-05-01'] },
    ]);
    const check = await suite.reporting.app.get(DeadlineCheckService).runCheck(new Date('2024-11-01T06:00:00Z'));
    expect(check.failed).toBe(0);
    expect(await missed('2024-Q2')).toEqual([['2024-04-01', '2024-05-01']]);
    expect(await missed('2024-Q3')).toEqual([]);

    const june = await file(plant.facilityId, '2024-06');
    expect(june.reasons).toEqual([expect.objectContaining({ code: 'REPORT.FACILITY_NOT_OPERATING' })]);
    expect((await file(plant.facilityId, '2024-04')).state).toBe('accepted');
    expect((await file(plant.facilityId, '2024-05')).state).toBe('accepted');
    expect(await owed()).toEqual([{ period: '2024-Q1', months: ['2024-01-01', '2024-02-01', '2024-03-01'] }]);
  });
});
