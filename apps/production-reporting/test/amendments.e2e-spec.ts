import { ReportAccepted, ReportAmended, ReportRejected, ReportSubmitted, TOPICS } from '@redmet/contracts';
import { line, useReportingWorld } from './support/producer-world';
import { TopicTail } from './support/topic-tail';

interface Snapshot {
  reportId: string;
  version: number;
  lines: { metalContentTonnes: string }[];
}

/** What a downstream consumer does (README): keep the latest accepted version of each report, by version. */
function latestAccepted(events: Snapshot[]): Map<string, Snapshot> {
  const latest = new Map<string, Snapshot>();
  for (const event of events) {
    if ((latest.get(event.reportId)?.version ?? 0) < event.version) latest.set(event.reportId, event);
  }
  return latest;
}

describe('amendments: a new version replaces the figures of the last accepted one', () => {
  const suite = useReportingWorld();

  const amend = (id: string, lines: object[], amendmentReason = 'Assay corrected after the laboratory recheck') =>
    suite.world.http.post(`/reports/${id}/amendments`).send({ lines, amendmentReason });

  it('versions a correction: version 2 replaces version 1 for consumers, and both stay queryable', async () => {
    const tail = await TopicTail.start(TOPICS.reportingReport.name);
    const first = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-Q1',
      lines: [line(suite.world.carbonate, { metalContentTonnes: '235.1' })],
      submit: true,
    });
    const id = first.body.reportId;

    const second = await amend(id, [line(suite.world.carbonate, { metalContentTonnes: '220.4' })]);

    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ reportId: id, version: 2, state: 'accepted', receipt: { version: 2 } });
    expect(second.body.receipt.contentSha256).not.toBe(first.body.receipt.contentSha256);
    expect(await suite.reporting.eventsOf(id)).toEqual([
      ReportSubmitted.type,
      ReportAccepted.type,
      ReportAmended.type,
      ReportAccepted.type,
    ]);
    const events = await tail.read(
      (message) =>
        message.key === id && [ReportAccepted.type, ReportAmended.type].includes(message.headers['x-event-type']),
      3,
    );
    const payloadsOf = (type: string) =>
      events
        .filter((message) => message.headers['x-event-type'] === type)
        .map((message) => JSON.parse(message.value ?? '{}').payload);
    const payloads: Snapshot[] = payloadsOf(ReportAccepted.type);
    expect(payloads.map((payload) => payload.version)).toEqual([1, 2]);
    expect(latestAccepted(payloads).get(id)?.lines[0].metalContentTonnes).toBe('220.4');
    expect(payloadsOf(ReportAmended.type)).toEqual([
      expect.objectContaining({
        version: 2,
        supersedesVersion: 1,
        amendmentReason: 'Assay corrected after the laboratory recheck',
        state: 'submitted',
      }),
    ]);

    const versions = await suite.world.http.get(`/reports/${id}/versions`);
    expect(
      versions.body.map((version: { version: number; state: string }) => [version.version, version.state]),
    ).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
    ]);
    expect(versions.body[0].lines[0].metalContentTonnes).toBe('235.1');
    expect(versions.body[1]).toMatchObject({ supersedesVersion: 1, lines: [{ metalContentTonnes: '220.4' }] });
    expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({ latestVersion: 2, acceptedVersion: 2 });
  });

  it('leaves the accepted version standing when an amendment is rejected', async () => {
    const first = await suite.world.http.post('/reports').send({
      facilityId: suite.world.facility.facilityId,
      period: '2025-Q1',
      lines: [line(suite.world.hydroxide)],
      submit: true,
    });
    const id = first.body.reportId;

    const bad = await amend(id, [line(suite.world.hydroxide, { quantity: '10', metalContentTonnes: '11' })]);

    expect(bad.body).toMatchObject({ version: 2, state: 'rejected' });
    expect(bad.body.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'REPORT.METAL_CONTENT_EXCEEDS_QUANTITY',
    ]);
    expect(await suite.reporting.eventsOf(id)).toEqual([
      ReportSubmitted.type,
      ReportAccepted.type,
      ReportAmended.type,
      ReportRejected.type,
    ]);
    expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({
      state: 'rejected',
      latestVersion: 2,
      acceptedVersion: 1,
    });
    const listed = async (query: string) =>
      (await suite.world.http.get(`/reports?period=2025-Q1&pageSize=200&${query}`)).body.items.map(
        (report: { reportId: string }) => report.reportId,
      );
    expect(await listed('accepted=true')).toContain(id);
    expect(await listed('accepted=false')).not.toContain(id);
    expect(await listed('state=accepted')).not.toContain(id);
    const unreadable = await suite.world.http.get('/reports?accepted=yes');
    expect([unreadable.status, unreadable.body.errors?.[0]?.field]).toEqual([400, 'accepted']);

    const fixed = await amend(id, [line(suite.world.hydroxide, { quantity: '10', metalContentTonnes: '1.9' })]);
    expect(fixed.body).toMatchObject({ version: 3, state: 'accepted' });
  });

  it('turns a rejected report into an accepted one by amending it', async () => {
    const first = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2024-11',
      lines: [line(suite.world.carbonate, { unit: 'kg', quantity: '1250000' })],
      submit: true,
    });
    expect(first.body.state).toBe('rejected');

    const second = await amend(first.body.reportId, [line(suite.world.carbonate, { quantity: '1250' })]);

    expect(second.body).toMatchObject({ version: 2, state: 'accepted' });
    expect((await suite.world.http.get(`/reports/${first.body.reportId}`)).body.acceptedVersion).toBe(2);
  });

  it('does not amend a draft, and refuses an amendment without a reason', async () => {
    const draft = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-03',
      lines: [],
    });

    const refused = await amend(draft.body.reportId, []);
    const noReason = await suite.world.http.post(`/reports/${draft.body.reportId}/amendments`).send({ lines: [] });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REPORT.NOT_AMENDABLE');
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((error: { field: string }) => error.field)).toEqual(['amendmentReason']);
    expect(await suite.reporting.eventsOf(draft.body.reportId)).toEqual([]);
  });

  it('refuses an amendment whose lines repeat a product, naming both lines, and writes nothing', async () => {
    const first = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-05',
      lines: [line(suite.world.carbonate), line(suite.world.hydroxide)],
      submit: true,
    });
    const id = first.body.reportId;
    const before = await suite.reporting.count('report_version', 'report_line', 'outbox_message');

    const refused = await amend(id, [
      line(suite.world.hydroxide),
      line(suite.world.carbonate),
      line(suite.world.carbonate, { quantity: '1300' }),
    ]);

    expect([refused.status, refused.body.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(refused.body.errors).toEqual([
      {
        field: 'lines.2.productCode',
        messages: [expect.stringContaining(`lines.2 repeats lines.1 (the same product ${suite.world.carbonate.code}`)],
      },
    ]);
    expect(await suite.reporting.count('report_version', 'report_line', 'outbox_message')).toEqual(before);
    expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({ latestVersion: 1, acceptedVersion: 1 });
  });

  it('signs and publishes an amendment under the stored report id when the path gives it in upper case', async () => {
    const first = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-06',
      lines: [line(suite.world.carbonate)],
      submit: true,
    });
    const id: string = first.body.reportId;

    const second = await suite.world.http.post(`/reports/${id.toUpperCase()}/amendments`).send({
      lines: [line(suite.world.carbonate, { quantity: '1300' })],
      amendmentReason: 'Weighbridge recalibrated',
    });

    expect(second.status).toBe(201);
    expect([second.body.reportId, second.body.receipt.reportId]).toEqual([id, id]);
    // Consumers key a report's figures by its id as text, and Kafka orders a report's events by it.
    expect(await suite.reporting.eventsOf(id)).toEqual([
      ReportSubmitted.type,
      ReportAccepted.type,
      ReportAmended.type,
      ReportAccepted.type,
    ]);
    expect((await suite.world.http.get(`/reports/${id}/versions/2/receipt`)).body).toEqual(second.body.receipt);
  });

  it('refuses a blank reason, or one PostgreSQL cannot store (NUL, half a surrogate pair), as a field error', async () => {
    const first = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-04',
      lines: [line(suite.world.carbonate)],
      submit: true,
    });
    const id = first.body.reportId;
    const before = await suite.reporting.count('report_version', 'report_line', 'outbox_message');

    for (const amendmentReason of ['   ', 'Assay\u0000corrected', 'Assay \ud800 corrected']) {
      const refused = await amend(id, [line(suite.world.carbonate)], amendmentReason);
      expect([refused.status, refused.body.errors?.map((error: { field: string }) => error.field)]).toEqual([
        400,
        ['amendmentReason'],
      ]);
    }

    expect(await suite.reporting.count('report_version', 'report_line', 'outbox_message')).toEqual(before);
    const multiLine = await amend(id, [line(suite.world.carbonate)], 'Assay corrected:\n\tlaboratory recheck 😀');
    expect(multiLine.body).toMatchObject({ version: 2, state: 'accepted' });
  });
});
