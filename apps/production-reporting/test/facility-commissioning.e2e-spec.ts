import { DataSource } from 'typeorm';
import { type FacilitySnapshot, ReportingDeadlineMissed } from '@redmet/contracts';
import { DeadlineCheckService } from '../src/deadlines/deadline-check.service';
import { line, useReportingWorld } from './support/producer-world';

/*
 * A plant commissioned on 15 August 2024, in the middle of 2024-Q3: output for July is refused (it was not running
 * yet), so the quarter owes only August and September, and reports of those months, or of the quarter, meet it.
 * The symmetric case, a plant closing mid-quarter, is in facility-closure.e2e-spec.ts.
 */

const COMMISSIONED_ON = '2024-08-15';

describe('a plant commissioned mid-quarter', () => {
  const suite = useReportingWorld({
    REPORTING_PERIOD_KIND: 'quarter',
    REPORTING_OBLIGATIONS_START: '2024-01-01',
    REPORTING_REMINDER_DAYS: '7,0',
  });

  /** A plant of the world's company, commissioned on COMMISSIONED_ON, as the registry publishes it. */
  async function newPlant(): Promise<FacilitySnapshot> {
    const { world, registry } = suite;
    const plant = await registry.facility(world.company.companyId, {
      depositId: world.deposit.depositId,
      region: 'Murmansk Oblast',
      productCodes: [world.carbonate.code],
      status: 'commissioned',
      statusSince: COMMISSIONED_ON,
      commissionedOn: COMMISSIONED_ON,
    });
    await registry.seen('facility', plant.facilityId);
    return plant;
  }

  const file = async (facilityId: string, period: string) =>
    (
      await suite.world.http
        .post('/reports')
        .send({ facilityId, period, lines: [line(suite.world.carbonate)], submit: true })
    ).body;
  /** The plant's overdue obligations of 2024 (later ones are owed too, and not this test's subject). */
  const owed = async (plant: FacilitySnapshot) =>
    (await suite.world.http.get('/obligations/overdue').query({ pageSize: 200 })).body.items
      .filter(
        (obligation: { facilityId: string | null; period: string }) =>
          obligation.facilityId === plant.facilityId && obligation.period.startsWith('2024-'),
      )
      .map(({ period, months }: { period: string; months: string[] }) => ({ period, months }));
  const fullQ4 = { period: '2024-Q4', months: ['2024-10-01', '2024-11-01', '2024-12-01'] };

  it('owes the quarter it was commissioned in from that month on, met by reports of the months it ran', async () => {
    const plant = await newPlant();
    const missed = async (period: string) =>
      (
        await suite.reporting.app
          .get(DataSource)
          .query(
            `SELECT envelope->'payload' AS payload FROM outbox_message WHERE message_key = $1 AND event_type = $2`,
            [`${suite.world.company.companyId}:${plant.facilityId}:${period}`, ReportingDeadlineMissed.type],
          )
      ).map((row: { payload: { months: string[] } }) => row.payload.months);

    expect(await owed(plant)).toEqual([{ period: '2024-Q3', months: ['2024-08-01', '2024-09-01'] }, fullQ4]);
    const check = await suite.reporting.app.get(DeadlineCheckService).runCheck(new Date('2024-11-01T06:00:00Z'));
    expect(check.failed).toBe(0);
    expect(await missed('2024-Q2')).toEqual([]);
    expect(await missed('2024-Q3')).toEqual([['2024-08-01', '2024-09-01']]);

    const july = await file(plant.facilityId, '2024-07');
    expect(july.reasons).toEqual([
      expect.objectContaining({
        code: 'REPORT.FACILITY_NOT_OPERATING',
        message: `Facility ${plant.facilityId} cannot have had output in 2024-07: commissioned only on ${COMMISSIONED_ON}`,
      }),
    ]);
    expect((await file(plant.facilityId, '2024-08')).state).toBe('accepted');
    expect(await owed(plant)).toEqual([{ period: '2024-Q3', months: ['2024-08-01', '2024-09-01'] }, fullQ4]);
    expect((await file(plant.facilityId, '2024-09')).state).toBe('accepted');
    expect(await owed(plant)).toEqual([fullQ4]);
  });

  it('takes a report of the whole quarter it was commissioned in, which meets that quarter', async () => {
    const plant = await newPlant();

    expect((await file(plant.facilityId, '2024-Q3')).state).toBe('accepted');
    expect(await owed(plant)).toEqual([fullQ4]);
  });
});
