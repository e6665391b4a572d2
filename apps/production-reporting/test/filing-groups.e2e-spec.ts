import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReportAccepted, ReportSubmitted, TOPICS } from '@redmet/contracts';
import { DomainError, Principal } from '@redmet/platform';
import type { CreateReportDto } from '../src/reports/dto/report.dto';
import { ReportsService } from '../src/reports/reports.service';
import { line, useReportingWorld } from './support/producer-world';
import { TopicTail } from './support/topic-tail';

const months = (year: number) => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);

describe('filings that arrive together commit together (group commit)', () => {
  let dataSource: DataSource;
  let reports: ReportsService;
  let producer: Principal;

  const suite = useReportingWorld();

  beforeAll(async () => {
    // Listening, so that many requests at once share one server (supertest would start one per request).
    await suite.reporting.app.listen(0, '127.0.0.1');
    dataSource = suite.reporting.app.get(DataSource);
    reports = suite.reporting.app.get(ReportsService);
    producer = new Principal(randomUUID(), ['producer'], suite.world.company.companyId, 'A. Petrova, chief engineer');
  });

  const report = (site: { facilityId: string } | { depositId: string }, period: string): CreateReportDto => ({
    ...site,
    period,
    lines: [line(suite.world.carbonate)],
    submit: true,
  });

  /** The transaction that wrote each report's row, by report id. */
  const transactionsOf = async (reportIds: string[]): Promise<Map<string, string>> => {
    const rows: { id: string; xid: string }[] = await dataSource.query(
      'SELECT id, xmin::text AS xid FROM report WHERE id = ANY($1::uuid[])',
      [reportIds],
    );
    return new Map(rows.map((row) => [row.id, row.xid]));
  };

  const lastOutboxId = async (): Promise<number> =>
    Number((await dataSource.query('SELECT last_value FROM outbox_message_id_seq'))[0].last_value);

  it('accepts every one of many concurrent submissions, each event once, some of them committed in one transaction', async () => {
    const tail = await TopicTail.start(TOPICS.reportingReport.name);
    const bodies = [
      ...months(2021).map((period) => report({ facilityId: suite.world.facility.facilityId }, period)),
      ...months(2021).map((period) => report({ depositId: suite.world.deposit.depositId }, period)),
      ...months(2022).map((period) => report({ facilityId: suite.world.facility.facilityId }, period)),
      ...months(2022).map((period) => report({ depositId: suite.world.deposit.depositId }, period)),
    ];

    const answers = await Promise.all(
      bodies.map((body, i) => suite.world.http.post('/reports').set('x-correlation-id', `filing-${i}`).send(body)),
    );

    expect(answers.filter((answer) => answer.status !== 201 || answer.body.state !== 'accepted')).toEqual([]);
    const ids = answers.map((answer) => answer.body.reportId as string);
    expect(new Set(ids).size).toBe(bodies.length);
    const outbox: { key: string; types: string[] }[] = await dataSource.query(
      `SELECT message_key AS key, array_agg(event_type ORDER BY id) AS types
         FROM outbox_message WHERE message_key = ANY($1::text[]) GROUP BY message_key`,
      [ids],
    );
    expect(outbox).toHaveLength(ids.length);
    expect(outbox.filter((row) => row.types.join() !== `${ReportSubmitted.type},${ReportAccepted.type}`)).toEqual([]);
    const messages = await tail.read((message) => ids.includes(message.key ?? ''), 2 * ids.length, 60000);
    const sent = messages.map((message) => `${message.key} ${message.headers['x-event-type']}`);
    expect(new Set(sent).size).toBe(2 * ids.length);
    // Each report's version, state and period as filed, in the event the relay published.
    for (const message of messages.filter((m) => m.headers['x-event-type'] === ReportAccepted.type)) {
      const event = JSON.parse(message.value ?? '{}');
      const body = bodies[ids.indexOf(event.aggregateId)];
      expect(event.payload).toMatchObject({ reportId: event.aggregateId, version: 1, period: body.period });
      // Each filing's events carry its own request's correlation id, whichever request's turn ran the group.
      expect(event.correlationId).toBe(`filing-${ids.indexOf(event.aggregateId)}`);
      expect(message.headers['x-correlation-id']).toBe(event.correlationId);
    }
    const transactions = [...(await transactionsOf(ids)).values()];
    const shared = transactions.length - new Set(transactions).size;
    // Without group commit every report has a transaction of its own.
    expect(shared).toBeGreaterThan(0);
  });

  it("answers a filing that fails inside a group with its own 4xx, and accepts the group's other filings", async () => {
    const draft = await suite.world.http
      .post('/reports')
      .send({ facilityId: suite.world.facility.facilityId, period: '2019-12', lines: [line(suite.world.carbonate)] });
    expect(draft.status).toBe(201);
    const facility = { facilityId: suite.world.facility.facilityId };
    const before = await lastOutboxId();

    // Called in one go, the first commits at once and the rest, arriving meanwhile, form the next group.
    const first = reports.create(producer, report(facility, '2019-01'));
    const group = [
      reports.create(producer, report(facility, '2019-02')),
      reports.create(producer, report(facility, '2019-03')),
      // A draft cannot be amended: a 409 thrown after two filings of the group have written theirs.
      reports.amend(producer, draft.body.reportId, { lines: [line(suite.world.carbonate)], amendmentReason: 'typo' }),
      reports.create(producer, report(facility, '2019-04')),
    ];
    const outcomes = await Promise.allSettled([first, ...group]);

    const failure = outcomes[3];
    expect(failure.status).toBe('rejected');
    expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'REPORT.NOT_AMENDABLE', status: 409 });
    const filed = outcomes
      .filter((outcome) => outcome.status === 'fulfilled')
      .map((outcome) => (outcome as PromiseFulfilledResult<Awaited<typeof first>>).value);
    expect(filed.map(({ filed: version }) => version?.state)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    for (const { reportId } of filed) {
      expect(await suite.reporting.eventsOf(reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    }
    expect(await suite.reporting.eventsOf(draft.body.reportId)).toEqual([]);
    // A group writes its filings' events together when all have succeeded: this one failed before, so it took
    // no outbox ids (ids taken by rolled-back inserts would stay taken). Then its filings committed one by
    // one, each in its own transaction.
    const [{ written }] = await dataSource.query('SELECT count(*)::int AS written FROM outbox_message WHERE id > $1', [
      before,
    ]);
    expect(written).toBe(8);
    expect((await lastOutboxId()) - before - written).toBe(0);
    const transactions = await transactionsOf(filed.map(({ reportId }) => reportId));
    expect(new Set(transactions.values()).size).toBe(4);
  });

  it('judges each filing of a group on its own facts, read for the whole group at once', async () => {
    const facility = { facilityId: suite.world.facility.facilityId };
    const earlier = new Map<string, string>();
    for (const period of ['2016-01', '2016-02', '2016-03']) {
      earlier.set(period, (await reports.create(producer, report(facility, period))).reportId);
    }

    const first = reports.create(producer, report(facility, '2016-12'));
    const periods = ['2016-01', '2016-05', '2016-02', '2016-06', '2016-03', '2016-07'];
    const group = periods.map((period) => reports.create(producer, report(facility, period)));
    await first;
    const filed = await Promise.all(group);

    filed.forEach(({ filed: version }, i) => {
      const original = earlier.get(periods[i]);
      if (original) {
        expect(version?.state).toBe('rejected');
        expect(version?.reasons).toEqual([expect.objectContaining({ code: 'REPORT.PERIOD_ALREADY_REPORTED' })]);
        expect(version?.reasons[0].message).toContain(original);
      } else {
        expect(version).toMatchObject({ state: 'accepted', reasons: [] });
      }
    });
    const transactions = await transactionsOf(filed.map(({ reportId }) => reportId));
    expect(new Set(transactions.values()).size).toBe(1);
  });

  it('rolls back a group in which two reports claim one site and period, then accepts one and rejects the other', async () => {
    const deposit = { depositId: suite.world.deposit.depositId };

    const first = reports.create(producer, report(deposit, '2020-Q1'));
    const pair = [
      reports.create(producer, report(deposit, '2020-Q3')),
      reports.create(producer, report(deposit, '2020-Q3')),
    ];
    await first;
    const filed = await Promise.all(pair);

    expect(filed.map(({ filed: version }) => version?.state).sort()).toEqual(['accepted', 'rejected']);
    const accepted = filed.find(({ filed: version }) => version?.state === 'accepted');
    const duplicate = filed.find(({ filed: version }) => version?.state === 'rejected');
    expect(duplicate?.filed?.reasons).toEqual([expect.objectContaining({ code: 'REPORT.PERIOD_ALREADY_REPORTED' })]);
    expect(duplicate?.filed?.reasons[0].message).toContain(accepted?.reportId);
    // Side by side in the group both were judged before either claimed the site; the second claim failed the
    // group, and alone the second was judged again after the first.
    const transactions = await transactionsOf(filed.map(({ reportId }) => reportId));
    expect(new Set(transactions.values()).size).toBe(2);
  });

  it('runs the filings of one report in a group one after the other, each seeing the one before it', async () => {
    const facility = { facilityId: suite.world.facility.facilityId };
    const original = await reports.create(producer, report(facility, '2018-06'));
    expect(original.filed?.state).toBe('accepted');

    const first = reports.create(producer, report(facility, '2018-07'));
    const amendments = ['first', 'second', 'third'].map((reason) =>
      reports.amend(producer, original.reportId, { lines: [line(suite.world.carbonate)], amendmentReason: reason }),
    );
    await first;
    const filed = await Promise.all(amendments);

    expect(filed.map(({ version, state }) => [version, state])).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'accepted'],
    ]);
    // One transaction: side by side, all three would have taken version 2 and failed the group.
    const [{ transactions }] = await dataSource.query(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM report_version WHERE report_id = $1 AND version > 1`,
      [original.reportId],
    );
    expect(transactions).toBe(1);
  });

  it('accepts one and rejects the other of two reports of one site and period submitted concurrently', async () => {
    const body = report({ depositId: suite.world.deposit.depositId }, '2020-Q4');

    const answers = await Promise.all([
      suite.world.http.post('/reports').send(body),
      suite.world.http.post('/reports').send(body),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    const states = answers.map((answer) => answer.body.state);
    expect(states.sort()).toEqual(['accepted', 'rejected']);
    const rejected = answers.find((answer) => answer.body.state === 'rejected');
    expect(rejected?.body.reasons).toEqual([expect.objectContaining({ code: 'REPORT.PERIOD_ALREADY_REPORTED' })]);
  });
});
