import { DataSource } from 'typeorm';
import { ReportingDeadlineMissed, type ReportingObligation, TOPICS } from '@redmet/contracts';
import { DeadlineCheckService } from '../src/deadlines/deadline-check.service';
import { ObligationsService } from '../src/deadlines/obligations.service';
import { line, type ReportingWorld, useReportingWorld } from './support/producer-world';
import { TopicTail } from './support/topic-tail';

/*
 * Reports of one site may be for months or for quarters, whatever period the
 * obligations are for: an obligation is met by the months its reports cover.
 */

/** The settings for obligations of one `kind` of period, due from 2024 on. */
function obligationsBy(kind: 'quarter' | 'month') {
  return {
    REPORTING_PERIOD_KIND: kind,
    REPORTING_OBLIGATIONS_START: '2024-01-01',
    REPORTING_REMINDER_DAYS: '7,0',
  };
}

function helpers({ reporting, world }: ReportingWorld) {
  const deadlines = reporting.app.get(DeadlineCheckService);
  return {
    /**
     * Runs the check and answers whether it failed anywhere. How many notices it sent is not this
     * test's to count: suites running beside it publish other companies' sites on the same registry
     * topics, which this service takes in too. The notices of this world's obligations say what it did.
     */
    runOn: async (day: string) => (await deadlines.runCheck(new Date(`${day}T06:00:00Z`))).failed,
    file: async (site: { facilityId: string } | { depositId: string }, period: string) =>
      (await world.http.post('/reports').send({ ...site, period, lines: [line(world.carbonate)], submit: true })).body,
    notices: async (obligationId: string): Promise<string[]> =>
      (
        await reporting.app
          .get(DataSource)
          .query('SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY id', [obligationId])
      ).map((row: { event_type: string }) => row.event_type),
  };
}

describe('quarterly obligations met by monthly reports', () => {
  let plantQ1: ReportingObligation;
  let depositQ1: ReportingObligation;

  const suite = useReportingWorld(obligationsBy('quarter'));

  beforeAll(async () => {
    const obligation = (site: { facilityId: string | null; depositId: string | null }) => ({
      obligationId: `${suite.world.company.companyId}:${site.facilityId ?? site.depositId}:2024-Q1`,
      companyId: suite.world.company.companyId,
      ...site,
      period: '2024-Q1',
      dueOn: '2024-04-30',
    });
    plantQ1 = obligation({ facilityId: suite.world.facility.facilityId, depositId: null });
    depositQ1 = obligation({ facilityId: null, depositId: suite.world.deposit.depositId });
  });

  it('counts a quarter met when all three of its months are accepted, and not when one is missing', async () => {
    const { runOn, file, notices } = helpers(suite);
    const plant = { facilityId: suite.world.facility.facilityId };
    const deposit = { depositId: suite.world.deposit.depositId };
    for (const month of ['2024-01', '2024-02', '2024-03']) expect((await file(plant, month)).state).toBe('accepted');
    for (const month of ['2024-01', '2024-02']) expect((await file(deposit, month)).state).toBe('accepted');
    // The quarter itself can no longer be filed for the plant, so only its months can meet the obligation.
    const quarter = await file(plant, '2024-Q1');
    expect(quarter.reasons).toEqual([expect.objectContaining({ code: 'REPORT.PERIOD_ALREADY_REPORTED' })]);

    const tail = await TopicTail.start(TOPICS.reportingDeadline.name);
    expect(await runOn('2024-05-01')).toBe(0);
    expect(await notices(plantQ1.obligationId)).toEqual([]);
    expect(await notices(depositQ1.obligationId)).toEqual([ReportingDeadlineMissed.type]);
    const [missed] = await tail.read(
      (message) =>
        message.headers['x-event-type'] === ReportingDeadlineMissed.type &&
        message.key?.startsWith(`${suite.world.company.companyId}:`) === true,
      1,
    );
    expect(missed.key).toBe(depositQ1.obligationId);

    const overdue = (await suite.world.http.get('/obligations/overdue?period=2024-Q1')).body;
    expect(overdue.items.map((item: { obligationId: string }) => item.obligationId)).toEqual([depositQ1.obligationId]);
    const obligations = suite.reporting.app.get(ObligationsService);
    const manager = suite.reporting.app.get(DataSource).manager;
    expect(await obligations.isMet(manager, plantQ1)).toBe(true);
    expect(await obligations.isMet(manager, depositQ1)).toBe(false);
  });
});

describe('monthly obligations met by a quarterly report', () => {
  const suite = useReportingWorld(obligationsBy('month'));

  it('counts each month of an accepted quarter met', async () => {
    const { runOn, file, notices } = helpers(suite);
    expect((await file({ facilityId: suite.world.facility.facilityId }, '2024-Q1')).state).toBe('accepted');

    expect(await runOn('2024-05-01')).toBe(0);
    for (const month of ['2024-01', '2024-02', '2024-03']) {
      expect(await notices(`${suite.world.company.companyId}:${suite.world.facility.facilityId}:${month}`)).toEqual([]);
      expect(await notices(`${suite.world.company.companyId}:${suite.world.deposit.depositId}:${month}`)).toEqual([
        ReportingDeadlineMissed.type,
      ]);
    }
  });
});
