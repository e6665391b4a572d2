import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReportAccepted, ReportSubmitted, TOPICS } from '@redmet/contracts';
import { ReportingEnvironment } from '../src/reporting.environment';
import { line, useReportingWorld } from './support/producer-world';
import { FILING_TABLES } from './support/reporting-app';
import { TopicTail } from './support/topic-tail';

/** The receipt's fingerprint as README documents it, computed independently of the service's code. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('reports: filing, receipts and who sees what', () => {
  const suite = useReportingWorld();

  it('accepts a report end to end: registry events in, ReportAccepted on Kafka keyed by the report, with its version', async () => {
    const tail = await TopicTail.start(TOPICS.reportingReport.name);
    // Typed in upper case: signed and published as stored (lower case), as consumers compare ids as text.
    const response = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId.toUpperCase(),
      period: '2025-Q3',
      lines: [
        line(suite.world.carbonate),
        line(suite.world.hydroxide, { quantity: '310', metalContentTonnes: '51.2' }),
      ],
      submit: true,
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ version: 1, state: 'accepted', reasons: [] });
    const { reportId } = response.body;
    expect(response.body.receipt).toMatchObject({
      reportId,
      version: 1,
      signedBy: { name: 'A. Petrova, chief engineer' },
    });
    expect(response.body.receipt.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await suite.reporting.eventsOf(reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);

    const [accepted] = await tail.read(
      (message) => message.key === reportId && message.headers['x-event-type'] === ReportAccepted.type,
      1,
    );
    const event = JSON.parse(accepted.value ?? '{}');
    expect(event).toMatchObject({ type: ReportAccepted.type, aggregateId: reportId, source: 'production-reporting' });
    expect(event.payload).toMatchObject({
      reportId,
      version: 1,
      state: 'accepted',
      companyId: suite.world.company.companyId,
      depositId: suite.world.deposit.depositId,
      region: suite.world.deposit.region,
      period: '2025-Q3',
      nilReturn: false,
      submittedBy: response.body.receipt.signedBy,
      contentSha256: response.body.receipt.contentSha256,
    });
    expect(event.payload.lines).toEqual([
      { lineNo: 1, tonnageClass: 'large', ...line(suite.world.carbonate) },
      {
        lineNo: 2,
        tonnageClass: 'large',
        ...line(suite.world.hydroxide, { quantity: '310', metalContentTonnes: '51.2' }),
      },
    ]);
  });

  it('keeps a draft private until it is signed and submitted, and keeps a receipt anyone can verify', async () => {
    const draft = await suite.world.http.post('/reports').send({
      facilityId: suite.world.facility.facilityId,
      period: '2025-Q3',
      lines: [line(suite.world.carbonate, { quantity: '99' })],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', receipt: null });
    const id = draft.body.reportId;
    expect(await suite.reporting.eventsOf(id)).toEqual([]);

    const changed = await suite.world.http.put(`/reports/${id}`).send({
      facilityId: suite.world.facility.facilityId,
      period: '2025-Q3',
      lines: [line(suite.world.carbonate), line(suite.world.hydroxide)],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.latest.lines).toHaveLength(2);

    // In upper case, as a client may type it: signed and published under the id as stored all the same.
    const submitted = await suite.world.http.post(`/reports/${id.toUpperCase()}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('accepted');
    expect(await suite.reporting.eventsOf(id)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    expect((await suite.world.http.post(`/reports/${id}/submit`)).body.code).toBe('REPORT.NOT_A_DRAFT');

    const receipt = await suite.world.http.get(`/reports/${id}/versions/1/receipt`);
    expect(receipt.body).toEqual(submitted.body.receipt);
    for (const beyond of ['0', '2147483648', '99999999999']) {
      const refused = await suite.world.http.get(`/reports/${id}/versions/${beyond}/receipt`);
      expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'version']);
    }
    const version = (await suite.world.http.get(`/reports/${id}/versions/1`)).body;
    const signed = {
      reportId: id,
      version: 1,
      companyId: suite.world.company.companyId,
      facilityId: suite.world.facility.facilityId,
      depositId: null,
      period: '2025-Q3',
      lines: version.lines.map(({ tonnageClass: _, ...rest }: Record<string, unknown>) => rest),
      amendmentReason: null,
      signedBy: receipt.body.signedBy,
      submittedAt: receipt.body.submittedAt,
    };
    expect(createHash('sha256').update(canonical(signed)).digest('hex')).toBe(receipt.body.contentSha256);
  });

  it('accepts a nil return (no lines) from a plant, which counts as filed', async () => {
    const response = await suite.world.http.post('/reports').send({
      facilityId: suite.world.facility.facilityId,
      period: '2025-Q2',
      lines: [],
      submit: true,
    });

    expect(response.body).toMatchObject({ state: 'accepted' });
    const report = await suite.world.http.get(`/reports/${response.body.reportId}`);
    expect(report.body).toMatchObject({
      state: 'accepted',
      acceptedVersion: 1,
      latest: { nilReturn: true, lines: [] },
    });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await suite.reporting.count(...FILING_TABLES);

    const response = await suite.world.http.post('/reports').send({
      period: '2025-13',
      lines: [
        { ...line(suite.world.carbonate), quantity: '-5', unit: 'lb' },
        { ...line(suite.world.carbonate), colour: 'red' },
      ],
      submit: true,
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.INVALID');
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'facilityId',
        'depositId',
        'period',
        'lines.0.quantity',
        'lines.0.unit',
        'lines.1.colour',
      ]),
    );
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses a list where a line belongs, naming the line, and writes nothing', async () => {
    const before = await suite.reporting.count(...FILING_TABLES);
    const message = 'each item of lines must be an object, not a list';

    const response = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-Q2',
      lines: [line(suite.world.carbonate), [line(suite.world.hydroxide)], []],
      submit: true,
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [
        { field: 'lines.1', messages: [message] },
        { field: 'lines.2', messages: [message] },
      ],
    });
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);
  });

  it('refuses lines that repeat a product of the report, naming both lines, and writes nothing', async () => {
    const before = await suite.reporting.count(...FILING_TABLES);
    const body = {
      depositId: suite.world.deposit.depositId,
      period: '2025-05',
      lines: [
        line(suite.world.carbonate),
        line(suite.world.hydroxide),
        line(suite.world.carbonate, { quantity: '12', exports: '0' }),
      ],
    };
    const fieldsOf = (response: { body: { errors: { field: string; messages: string[] }[] } }) =>
      response.body.errors.map((error) => [error.field, error.messages.join()]);

    const submitted = await suite.world.http.post('/reports').send({ ...body, submit: true });
    const exact = await suite.world.http
      .post('/reports')
      .send({ ...body, lines: [line(suite.world.hydroxide), line(suite.world.hydroxide)], submit: true });
    const draft = await suite.world.http.post('/reports').send(body);

    expect([submitted.status, submitted.body.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(fieldsOf(submitted)).toEqual([
      [
        'lines.2.productCode',
        expect.stringContaining(`lines.2 repeats lines.0 (the same product ${suite.world.carbonate.code}`),
      ],
    ]);
    expect(fieldsOf(exact)).toEqual([['lines.1.productCode', expect.stringContaining('lines.1 repeats lines.0')]]);
    expect(draft.status).toBe(400);
    expect(await suite.reporting.count(...FILING_TABLES)).toEqual(before);

    const kept = await suite.world.http.post('/reports').send({ ...body, lines: body.lines.slice(0, 2) });
    const id = kept.body.reportId;
    const changed = await suite.world.http.put(`/reports/${id}`).send(body);
    expect(fieldsOf(changed)).toEqual(fieldsOf(submitted));
    expect((await suite.world.http.get(`/reports/${id}`)).body.latest.lines).toHaveLength(2);
  });

  it('refuses to submit a draft stored with a repeated product, leaving it a draft', async () => {
    const draft = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-06',
      lines: [line(suite.world.carbonate), line(suite.world.hydroxide)],
    });
    const id = draft.body.reportId;
    // As a draft saved before repeats were refused may hold one.
    await suite.reporting.app
      .get(DataSource)
      .query(`UPDATE report_line SET product_code = $2 WHERE report_id = $1 AND line_no = 2`, [
        id,
        suite.world.carbonate.code,
      ]);

    const submitted = await suite.world.http.post(`/reports/${id}/submit`);

    expect(submitted.status).toBe(400);
    expect(submitted.body.errors).toEqual([
      { field: 'lines.1.productCode', messages: [expect.stringContaining('lines.1 repeats lines.0')] },
    ]);
    expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({ state: 'draft', latestVersion: 1 });
    expect(await suite.reporting.eventsOf(id)).toEqual([]);
  });

  it('refuses to submit a draft of more lines than a report may have now, leaving it a draft', async () => {
    const draft = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-07',
      lines: [line(suite.world.carbonate), line(suite.world.hydroxide)],
    });
    const id = draft.body.reportId;
    // As a draft saved before an operator lowered the limit.
    const environment = suite.reporting.app.get(ReportingEnvironment);
    const limit = environment.REPORTING_MAX_LINES_PER_REPORT;
    environment.REPORTING_MAX_LINES_PER_REPORT = 1;
    try {
      const submitted = await suite.world.http.post(`/reports/${id}/submit`);

      expect([submitted.status, submitted.body.errors]).toEqual([
        400,
        [{ field: 'lines', messages: [expect.stringContaining('at most 1 lines')] }],
      ]);
      expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({ state: 'draft', latestVersion: 1 });
      expect(await suite.reporting.eventsOf(id)).toEqual([]);
    } finally {
      environment.REPORTING_MAX_LINES_PER_REPORT = limit;
    }
  });

  it('lets a producer see and change only its own reports, and staff read all of them', async () => {
    const mine = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-01',
      lines: [line(suite.world.carbonate)],
      submit: true,
    });
    const id = mine.body.reportId;
    const other = await suite.registry.company();
    const stranger = await suite.reporting.producer(other.companyId);

    expect((await stranger.get(`/reports/${id}`)).status).toBe(404);
    expect((await stranger.get(`/reports/${id}/versions`)).status).toBe(404);
    expect(
      (await stranger.post(`/reports/${id}/amendments`).send({ lines: [], amendmentReason: 'not mine' })).status,
    ).toBe(404);
    expect((await stranger.get('/reports')).body.total).toBe(0);
    expect((await stranger.get(`/reports?companyId=${suite.world.company.companyId}`)).body.code).toBe(
      'REPORT.OTHER_COMPANY',
    );

    const analyst = await suite.reporting.staff('ministry_analyst');
    expect((await analyst.get(`/reports/${id}`)).body).toMatchObject({ reportId: id, state: 'accepted' });
    const listed = await analyst.get(
      `/reports?companyId=${suite.world.company.companyId}&period=2025-01&state=accepted`,
    );
    expect(listed.body.items.map((item: { reportId: string }) => item.reportId)).toEqual([id]);
    const ownInUpperCase = await suite.world.http.get(
      `/reports?companyId=${suite.world.company.companyId.toUpperCase()}`,
    );
    expect([
      ownInUpperCase.status,
      ownInUpperCase.body.items?.map((item: { reportId: string }) => item.reportId),
    ]).toEqual([200, expect.arrayContaining([id])]);
    expect(
      (await analyst.post('/reports').send({ depositId: suite.world.deposit.depositId, period: '2025-02', lines: [] }))
        .status,
    ).toBe(403);

    const noCompany = await suite.reporting.auth.bearer({ roles: ['producer'] });
    const refused = await (await suite.reporting.staff('admin')).post('/reports').set('authorization', noCompany).send({
      depositId: suite.world.deposit.depositId,
      period: '2025-02',
      lines: [],
    });
    expect(refused.body.code).toBe('REPORT.NO_COMPANY');
  });

  it("keeps a draft to the producer's company: staff neither read nor list it until it is submitted", async () => {
    const draft = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-03',
      lines: [line(suite.world.carbonate, { quantity: '7' })],
    });
    const id = draft.body.reportId;
    const analyst = await suite.reporting.staff('ministry_analyst');
    const listedBy = async (http: typeof analyst, query: string) =>
      (await http.get(`/reports?companyId=${suite.world.company.companyId}&period=2025-03${query}`)).body.items.map(
        (item: { reportId: string }) => item.reportId,
      );

    expect((await analyst.get(`/reports/${id}`)).status).toBe(404);
    expect((await analyst.get(`/reports/${id}/versions/1`)).status).toBe(404);
    expect(await listedBy(analyst, '')).toEqual([]);
    expect(await listedBy(analyst, '&state=draft')).toEqual([]);
    expect(await listedBy(suite.world.http, '&state=draft')).toEqual([id]);

    await suite.world.http.post(`/reports/${id}/submit`).expect(200);
    const submitted = (await analyst.get(`/reports/${id}`)).body;
    expect([submitted.reportId, submitted.state === 'draft']).toEqual([id, false]);
    expect(await listedBy(analyst, '')).toEqual([id]);
  });

  it('documents its API at /docs', async () => {
    const document = await suite.world.http.get('/docs/openapi.json');

    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/reports',
        '/reports/{id}',
        '/reports/{id}/submit',
        '/reports/{id}/amendments',
        '/reports/{id}/versions',
        '/reports/{id}/versions/{version}/receipt',
        '/reports/uploads',
        '/obligations/overdue',
      ]),
    );
  });
});
