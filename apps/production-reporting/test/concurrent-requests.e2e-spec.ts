import { DataSource } from 'typeorm';
import { ReportAccepted, ReportAmended, ReportSubmitted } from '@redmet/contracts';
import { waitFor } from '@redmet/testing';
import { line, CSV_HEADER, csvRow, useReportingWorld } from './support/producer-world';
import { type Agent, type ReportingInstance } from './support/reporting-app';

/**
 * Double clicks and retries, on one instance and on two (which share no filing queue): a report's row lock
 * orders its versions, and the unique (site, month) key lets one report of a site and period be accepted.
 */
describe('the same filing sent twice at once, on one instance or two', () => {
  let other: ReportingInstance;
  let elsewhere: Agent;
  let dataSource: DataSource;

  // Registered first, as after-all hooks run in that order: the other instance stops before its database is dropped.
  afterAll(() => other.close());

  const suite = useReportingWorld();

  beforeAll(async () => {
    other = await suite.reporting.restarted({});
    elsewhere = await other.producer(suite.world.company.companyId);
    dataSource = suite.reporting.app.get(DataSource);
  });

  const statuses = (answers: { status: number }[]) => answers.map((answer) => answer.status).sort();

  const draft = async (period: string) =>
    (
      await suite.world.http
        .post('/reports')
        .send({ depositId: suite.world.deposit.depositId, period, lines: [line(suite.world.carbonate)] })
    ).body.reportId as string;

  it('dates the decision of a filing that waited for its report after the filing was signed', async () => {
    const id = await draft('2024-01');
    const holder = dataSource.createQueryRunner();
    await holder.startTransaction();
    let released: string;
    try {
      await holder.query('SELECT id FROM report WHERE id = $1 FOR UPDATE', [id]);
      const [{ pid }] = await holder.query('SELECT pg_backend_pid() AS pid');
      // Started before the lock is free, as a request on another instance would be.
      const submitting = Promise.resolve(elsewhere.post(`/reports/${id}/submit`));
      await waitFor(
        async () =>
          (await dataSource.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))
            .length > 0 || undefined,
        { description: 'the submission waiting for the report' },
      );
      [{ released }] = await holder.query('SELECT clock_timestamp()::text AS released');
      await holder.commitTransaction();
      expect((await submitting).body).toMatchObject({ version: 1, state: 'accepted' });
    } finally {
      await holder.release();
    }

    const [version] = await dataSource.query(
      `SELECT decided_at >= submitted_at AS "afterSigning", decided_at > $2::timestamptz AS "afterWaiting"
         FROM report_version WHERE report_id = $1 AND version = 1`,
      [id, released],
    );
    expect(version).toEqual({ afterSigning: true, afterWaiting: true });
  });

  it('submits a draft once when it is submitted on two instances at once', async () => {
    const id = await draft('2024-02');

    const answers = await Promise.all([
      suite.world.http.post(`/reports/${id}/submit`),
      elsewhere.post(`/reports/${id}/submit`),
    ]);

    expect(statuses(answers)).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('REPORT.NOT_A_DRAFT');
    expect(await suite.reporting.eventsOf(id)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
  });

  it('numbers amendments sent at once on two instances one after the other, each with its own events', async () => {
    const id = await draft('2024-03');
    await suite.world.http.post(`/reports/${id}/submit`);
    const amend = (http: Agent, metalContentTonnes: string) =>
      http
        .post(`/reports/${id}/amendments`)
        .send({ lines: [line(suite.world.carbonate, { metalContentTonnes })], amendmentReason: 'Assay corrected' });

    const answers = await Promise.all([
      amend(suite.world.http, '200'),
      amend(elsewhere, '201'),
      amend(suite.world.http, '202'),
      amend(elsewhere, '203'),
    ]);

    expect(statuses(answers)).toEqual([201, 201, 201, 201]);
    expect(answers.map(({ body }) => body.version).sort()).toEqual([2, 3, 4, 5]);
    expect(await suite.reporting.eventsOf(id)).toEqual([
      ReportSubmitted.type,
      ReportAccepted.type,
      ...[2, 3, 4, 5].flatMap(() => [ReportAmended.type, ReportAccepted.type]),
    ]);
    const versions = (await suite.world.http.get(`/reports/${id}/versions`)).body;
    expect(versions.map((version: { supersedesVersion: number | null }) => version.supersedesVersion)).toEqual([
      null,
      1,
      2,
      3,
      4,
    ]);
  });

  it('accepts one of the uploads and filings of one site and period sent at once, and rejects the rest as already reported', async () => {
    const figures = { quantity: '10', metalContentTonnes: '1', domesticShipments: '5', exports: '0' };
    const site = { facilityId: suite.world.facility.facilityId };
    const csv = [CSV_HEADER, csvRow(site, '2024-04', line(suite.world.carbonate, figures))].join('\n');
    const upload = (http: Agent) =>
      http
        .post('/reports/uploads')
        .attach('file', Buffer.from(csv), { filename: 'lines.csv', contentType: 'text/csv' });
    const file = (http: Agent, period: string) =>
      http.post('/reports').send({
        facilityId: suite.world.facility.facilityId,
        period,
        lines: [line(suite.world.carbonate)],
        submit: true,
      });

    const answers = await Promise.all([
      upload(suite.world.http),
      upload(elsewhere),
      upload(suite.world.http),
      file(elsewhere, '2024-04'),
      file(suite.world.http, '2024-Q2'),
    ]);

    expect(statuses(answers)).toEqual([201, 201, 201, 201, 201]);
    const filed = answers.flatMap(({ body }) => body.reports ?? [body]);
    expect(filed.filter((report) => report.state === 'accepted')).toHaveLength(1);
    for (const report of filed.filter((candidate) => candidate.state !== 'accepted')) {
      expect(report).toMatchObject({ state: 'rejected', reasons: [{ code: 'REPORT.PERIOD_ALREADY_REPORTED' }] });
    }
  });
});
