import { randomUUID } from 'node:crypto';
import { ReportAccepted, ReportSubmitted } from '@redmet/contracts';
import { line, CSV_HEADER, csvRow, useReportingWorld } from './support/producer-world';
import { FILING_TABLES } from './support/reporting-app';

const KEY = 'Idempotency-Key';
const REPLAYED = 'idempotency-replayed';
/** A producer whose filing timed out files it again with the same Idempotency-Key. */
describe('Idempotency-Key: a filing retried with one key is filed once', () => {
  const suite = useReportingWorld();

  const csv = (period: string, quantity = '1250.5') => {
    const row = csvRow({ depositId: suite.world.deposit.depositId }, period, line(suite.world.carbonate, { quantity }));
    return Buffer.from(`${CSV_HEADER}\n${row}\n`);
  };
  const upload = (file: Buffer, key: string) =>
    suite.world.http
      .post('/reports/uploads')
      .set(KEY, key)
      .attach('file', file, { filename: 'lines.csv', contentType: 'text/csv' });

  it('files and submits a report once, publishing one set of events; the repeat gets the same answer', async () => {
    const key = randomUUID();
    const filing = {
      depositId: suite.world.deposit.depositId,
      period: '2025-Q1',
      lines: [line(suite.world.carbonate)],
      submit: true,
    };
    const before = await suite.reporting.count(...FILING_TABLES);

    const first = await suite.world.http.post('/reports').set(KEY, key).send(filing);
    const second = await suite.world.http.post('/reports').set(KEY, key).send(filing);

    expect(first.status).toBe(201);
    expect(first.body.state).toBe('accepted');
    expect(second.status).toBe(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.text).toBe(first.text);
    expect(await suite.reporting.eventsOf(first.body.reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual({
      report: before.report + 1,
      report_version: before.report_version + 1,
      report_line: before.report_line + 1,
      outbox_message: before.outbox_message + 2,
    });
  });

  it('reads a CSV upload once; the same file sent again with the key gets the first answer', async () => {
    const key = randomUUID();
    const file = csv('2023-Q2');

    const first = await upload(file, key);
    const afterFirst = await suite.reporting.count(...FILING_TABLES);
    const second = await upload(file, key);

    expect(first.status).toBe(201);
    expect(first.body.rows).toBe(1);
    expect(second.status).toBe(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(afterFirst);
  });

  it('refuses the key with another file (422), reading nothing', async () => {
    const key = randomUUID();
    expect((await upload(csv('2023-Q3'), key)).status).toBe(201);
    const before = await suite.reporting.count(...FILING_TABLES);

    const other = await upload(csv('2023-Q3', '99'), key);

    expect(other.status).toBe(422);
    expect(other.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });
});
