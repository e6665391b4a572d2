import { randomUUID } from 'node:crypto';
import { ReportAccepted, ReportSubmitted } from '@redmet/contracts';
import { line, type ProducerWorld, producerWorld, CSV_HEADER } from './support/producer-world';
import { RegistryEvents } from './support/registry-events';
import { type ReportingTestApp, startReporting } from './support/reporting-app';

const KEY = 'Idempotency-Key';
const REPLAYED = 'idempotency-replayed';
const TABLES = ['report', 'report_version', 'report_line', 'outbox_message'];

/** A producer whose filing timed out files it again with the same Idempotency-Key. */
describe('Idempotency-Key: a filing retried with one key is filed once', () => {
  let reporting: ReportingTestApp;
  let registry: RegistryEvents;
  let world: ProducerWorld;

  beforeAll(async () => {
    reporting = await startReporting();
    registry = await RegistryEvents.connect(reporting);
    world = await producerWorld(reporting, registry);
  });

  afterAll(async () => {
    await registry.disconnect();
    await reporting.close();
  });

  const csv = (period: string, quantity = '1250.5') => {
    const l = line(world.carbonate, { quantity });
    const row = ['', world.deposit.depositId, period, l.productCode, l.quantity, l.unit, l.metalContentTonnes];
    return Buffer.from(`${CSV_HEADER}\n${[...row, l.domesticShipments, l.exports].join(',')}\n`);
  };
  const upload = (file: Buffer, key: string) =>
    world.http
      .post('/reports/uploads')
      .set(KEY, key)
      .attach('file', file, { filename: 'lines.csv', contentType: 'text/csv' });

  it('files and submits a report once, publishing one set of events; the repeat gets the same answer', async () => {
    const key = randomUUID();
    const filing = {
      depositId: world.deposit.depositId,
      period: '2025-Q1',
      lines: [line(world.carbonate)],
      submit: true,
    };
    const before = await reporting.count(...TABLES);

    const first = await world.http.post('/reports').set(KEY, key).send(filing);
    const second = await world.http.post('/reports').set(KEY, key).send(filing);

    expect(first.status).toBe(201);
    expect(first.body.state).toBe('accepted');
    expect(second.status).toBe(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.text).toBe(first.text);
    expect(await reporting.eventsOf(first.body.reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    expect(await reporting.count(...TABLES)).toEqual({
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
    const afterFirst = await reporting.count(...TABLES);
    const second = await upload(file, key);

    expect(first.status).toBe(201);
    expect(first.body.rows).toBe(1);
    expect(second.status).toBe(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await reporting.count(...TABLES)).toEqual(afterFirst);
  });

  it('refuses the key with another file (422), reading nothing', async () => {
    const key = randomUUID();
    expect((await upload(csv('2023-Q3'), key)).status).toBe(201);
    const before = await reporting.count(...TABLES);

    const other = await upload(csv('2023-Q3', '99'), key);

    expect(other.status).toBe(422);
    expect(other.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
    expect(await reporting.count(...TABLES)).toEqual(before);
  });
});
