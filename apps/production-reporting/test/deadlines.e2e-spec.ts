import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ReportingDeadlineApproaching, ReportingDeadlineMissed, TOPICS } from '@redmet/contracts';
import { serviceToday } from '@redmet/testing';
import { DEADLINE_CHECK_JOB, DeadlineCheckService } from '../src/deadlines/deadline-check.service';
import { PENDING_CHECK_JOB } from '../src/pending/pending-check.scheduler';
import { line, useReportingWorld } from './support/producer-world';
import { NEVER_CRON } from './support/reporting-app';
import { TopicTail } from './support/topic-tail';

describe('reporting deadlines', () => {
  let deadlines: DeadlineCheckService;
  let plantQ1: string;
  let depositQ1: string;

  const suite = useReportingWorld({ REPORTING_OBLIGATIONS_START: '2024-01-01', REPORTING_REMINDER_DAYS: '7,0' });

  beforeAll(async () => {
    deadlines = suite.reporting.app.get(DeadlineCheckService);
    plantQ1 = `${suite.world.company.companyId}:${suite.world.facility.facilityId}:2024-Q1`;
    depositQ1 = `${suite.world.company.companyId}:${suite.world.deposit.depositId}:2024-Q1`;
  });

  const runOn = (day: string) => deadlines.runCheck(new Date(`${day}T06:00:00Z`));

  const notices = async (obligationId: string) => {
    const rows: { type: string; days: number | null }[] = await suite.reporting.app.get(DataSource).query(
      `SELECT event_type AS type, (envelope->'payload'->>'daysBefore')::int AS days
           FROM outbox_message WHERE message_key = $1 ORDER BY id`,
      [obligationId],
    );
    return rows.map((row) => (row.days === null ? row.type : `${row.type} ${row.days}`));
  };

  it('reminds before the due day and reports the miss after it, each once however often and wherever the check runs', async () => {
    const tail = await TopicTail.start(TOPICS.reportingDeadline.name);
    await runOn('2024-04-22');
    expect(await notices(plantQ1)).toEqual([]);

    await Promise.all([runOn('2024-04-23'), runOn('2024-04-23'), runOn('2024-04-23')]);
    await runOn('2024-04-24');
    const filed = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2024-Q1',
      lines: [line(suite.world.carbonate)],
      submit: true,
    });
    expect(filed.body.state).toBe('accepted');
    await runOn('2024-04-30');
    await Promise.all([runOn('2024-05-01'), runOn('2024-05-01')]);
    await runOn('2024-05-02');
    await runOn('2024-06-15');

    const approaching = ReportingDeadlineApproaching.type;
    expect(await notices(plantQ1)).toEqual([`${approaching} 7`, `${approaching} 0`, ReportingDeadlineMissed.type]);
    expect(await notices(depositQ1)).toEqual([`${approaching} 7`]);
    const [missed] = await tail.read(
      (message) => message.key === plantQ1 && message.headers['x-event-type'] === ReportingDeadlineMissed.type,
      1,
    );
    expect(JSON.parse(missed.value ?? '{}').payload).toEqual({
      obligationId: plantQ1,
      companyId: suite.world.company.companyId,
      facilityId: suite.world.facility.facilityId,
      depositId: null,
      period: '2024-Q1',
      dueOn: '2024-04-30',
      months: ['2024-01-01', '2024-02-01', '2024-03-01'],
    });
  });

  it("ends a due day at midnight on the programme's calendar (Moscow time), not at midnight UTC", async () => {
    const depositQ3 = `${suite.world.company.companyId}:${suite.world.deposit.depositId}:2024-Q3`;
    // 23:30 on the due day, 30 October, in Moscow.
    await deadlines.runCheck(new Date('2024-10-30T20:30:00Z'));
    expect(await notices(depositQ3)).toEqual([`${ReportingDeadlineApproaching.type} 0`]);

    // 00:30 on 31 October in Moscow, still the due day in UTC.
    await deadlines.runCheck(new Date('2024-10-30T21:30:00Z'));
    expect(await notices(depositQ3)).toEqual([`${ReportingDeadlineApproaching.type} 0`, ReportingDeadlineMissed.type]);
  });

  it('lists overdue reports: not filed, or filed and rejected, to the producer concerned and to staff', async () => {
    const rejected = await suite.world.http.post('/reports').send({
      facilityId: suite.world.facility.facilityId,
      period: '2024-Q2',
      lines: [line(suite.world.carbonate, { quantity: '1', metalContentTonnes: '2' })],
      submit: true,
    });
    expect(rejected.body.state).toBe('rejected');

    const overdue = async (query: string, http = suite.world.http) =>
      (await http.get(`/obligations/overdue?${query}`)).body;

    const q1 = await overdue('period=2024-Q1');
    expect(q1.items).toEqual([
      expect.objectContaining({ obligationId: plantQ1, dueOn: '2024-04-30', daysOverdue: expect.any(Number) }),
    ]);
    expect((await overdue('period=2024-Q2')).items.map((item: { facilityId: string }) => item.facilityId)).toContain(
      suite.world.facility.facilityId,
    );
    const analyst = await suite.reporting.staff('ministry_analyst');
    expect((await overdue(`companyId=${suite.world.company.companyId}&period=2024-Q1`, analyst)).total).toBe(1);
    // A UUID is the same in either case, as the path's and the body's ids are.
    const upperCase = `companyId=${suite.world.company.companyId.toUpperCase()}&period=2024-Q1`;
    expect((await overdue(upperCase, analyst)).total).toBe(1);
    expect((await overdue(upperCase)).total).toBe(1);
    const stranger = await suite.reporting.producer((await suite.registry.company()).companyId);
    expect((await overdue('period=2024-Q1', stranger)).total).toBe(0);
    expect((await overdue(`companyId=${suite.world.company.companyId}`, stranger)).code).toBe('REPORT.OTHER_COMPANY');
  });

  it('schedules both checks with the cron expressions from the configuration', () => {
    const scheduler = suite.reporting.app.get(SchedulerRegistry);
    for (const name of [DEADLINE_CHECK_JOB, PENDING_CHECK_JOB]) {
      expect(String(scheduler.getCronJob(name).cronTime.source)).toBe(NEVER_CRON);
      expect(scheduler.getCronJob(name).isActive).toBe(true);
    }
  });
});

describe('reports due soon', () => {
  // The quarter that ended last, made due three days from now, so that the test holds on any day it runs.
  const today = new Date(`${serviceToday()}T00:00:00Z`);
  const quarterStart = Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1);
  const lastEnd = new Date(quarterStart - 86_400_000);
  const lastQuarter = `${lastEnd.getUTCFullYear()}-Q${Math.floor(lastEnd.getUTCMonth() / 3) + 1}`;
  const dueDays = Math.round((today.getTime() - lastEnd.getTime()) / 86_400_000) + 3;
  const dueOn = new Date(lastEnd.getTime() + dueDays * 86_400_000).toISOString().slice(0, 10);

  const suite = useReportingWorld({
    REPORTING_OBLIGATIONS_START: '2024-01-01',
    REPORTING_DUE_DAYS: String(dueDays),
    REPORTING_REMINDER_DAYS: '7,0',
  });

  const dueSoon = async (query: string, http = suite.world.http) =>
    (await http.get(`/obligations/due-soon?${query}`)).body;

  it('lists what falls due within the reminder window, not what is overdue, and drops a report once filed', async () => {
    const site = (id: string) => `${suite.world.company.companyId}:${id}:${lastQuarter}`;
    const before = await dueSoon('');
    const ids = (page: { items: { obligationId: string }[] }) => page.items.map((item) => item.obligationId).sort();
    expect(ids(before)).toEqual([site(suite.world.deposit.depositId), site(suite.world.facility.facilityId)].sort());
    expect(
      before.items.every((item: { dueOn: string; daysLeft: number }) => item.dueOn === dueOn && item.daysLeft === 3),
    ).toBe(true);
    expect(before.total).toBe(2);
    const overdue = (await suite.world.http.get('/obligations/overdue?pageSize=100')).body;
    expect(overdue.items.map((item: { period: string }) => item.period)).not.toContain(lastQuarter);
    expect(overdue.total).toBeGreaterThan(0);

    const filed = await suite.world.http.post('/reports').send({
      facilityId: suite.world.facility.facilityId,
      period: lastQuarter,
      lines: [line(suite.world.carbonate)],
      submit: true,
    });
    expect(filed.body.state).toBe('accepted');
    expect(ids(await dueSoon(''))).toEqual([site(suite.world.deposit.depositId)]);
  });

  it('shows a producer only its own company, and staff any company', async () => {
    const stranger = await suite.reporting.producer((await suite.registry.company()).companyId);
    expect((await dueSoon('', stranger)).total).toBe(0);
    expect((await dueSoon(`companyId=${suite.world.company.companyId}`, stranger)).code).toBe('REPORT.OTHER_COMPANY');
    const analyst = await suite.reporting.staff('ministry_analyst');
    expect((await dueSoon(`companyId=${suite.world.company.companyId}`, analyst)).total).toBe(1);
  });
});
