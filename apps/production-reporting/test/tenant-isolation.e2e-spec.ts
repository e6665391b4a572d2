import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { serviceToday } from '@redmet/testing';
import {
  line,
  type ProducerWorld,
  producerWorld,
  CSV_HEADER,
  csvRow,
  useReportingWorld,
} from './support/producer-world';
import { FILING_TABLES, type Agent } from './support/reporting-app';

// The quarter that ended last, made due three days from now, so that both lists have A's obligations on any day.
const today = new Date(`${serviceToday()}T00:00:00Z`);
const lastQuarterEnd = Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1) - 86_400_000;
const DUE_DAYS = String(Math.round((today.getTime() - lastQuarterEnd) / 86_400_000) + 3);

/**
 * Company ownership, route by route, for every route a producer may call: a producer of company B
 * gets nothing of company A (404 for A's report and its versions and receipts, never A's rows in a
 * list or obligations, whatever it asks for) and changes nothing of A's. Each refusal is paired with
 * A's own producer getting the same thing, so a 404 here means "not yours", not "not there".
 * (test/faults/fuzz.e2e-spec.ts proves the role of each route; this file proves the company.)
 */
describe('production-reporting: a producer sees and changes only its own company', () => {
  let a: ProducerWorld;
  let b: ProducerWorld;
  /** A's deposit report for 2025-Q3, accepted (versions 1 and 2), and A's draft for its plant, 2025-Q4. */
  let acceptedA: string;
  let draftA: string;

  const suite = useReportingWorld({ REPORTING_DUE_DAYS: DUE_DAYS, REPORTING_REMINDER_DAYS: '7,0' });

  beforeAll(async () => {
    a = suite.world;
    b = await producerWorld(suite.reporting, suite.registry);
    const filed = await a.http.post('/reports').send({
      depositId: a.deposit.depositId,
      period: '2025-Q3',
      lines: [line(a.carbonate)],
      submit: true,
    });
    expect(filed.body.state).toBe('accepted');
    acceptedA = filed.body.reportId;
    const amended = await a.http
      .post(`/reports/${acceptedA}/amendments`)
      .send({ lines: [line(a.carbonate, { quantity: '1300' })], amendmentReason: 'Assay corrected' });
    expect(amended.body).toMatchObject({ version: 2, state: 'accepted' });
    const draft = await a.http.post('/reports').send({
      facilityId: a.facility.facilityId,
      period: '2025-Q4',
      lines: [line(a.hydroxide, { quantity: '77.7' })],
    });
    expect(draft.status).toBe(201);
    draftA = draft.body.reportId;
    const ownB = await b.http.post('/reports').send({
      depositId: b.deposit.depositId,
      period: '2025-Q3',
      lines: [line(b.carbonate)],
      submit: true,
    });
    expect(ownB.body.state).toBe('accepted');
  });

  const sql = (query: string, parameters: unknown[]) => suite.reporting.app.get(DataSource).query(query, parameters);

  /** Everything of a report a request could change: its row, versions, lines, site claims and events. */
  const footprint = async (reportId: string) => ({
    report: await sql(`SELECT to_jsonb(r) AS row FROM report r WHERE id = $1`, [reportId]),
    versions: await sql(`SELECT to_jsonb(v) AS row FROM report_version v WHERE report_id = $1 ORDER BY version`, [
      reportId,
    ]),
    lines: await sql(`SELECT to_jsonb(l) AS row FROM report_line l WHERE report_id = $1 ORDER BY version, line_no`, [
      reportId,
    ]),
    claims: await sql(`SELECT to_jsonb(c) AS row FROM accepted_site_month c WHERE report_id = $1 ORDER BY 1`, [
      reportId,
    ]),
    events: await suite.reporting.eventsOf(reportId),
  });

  /**
   * A's data must not appear in an answer meant for B: neither its company nor its reports or figures,
   * besides the ids B itself sent (a 404's detail names the id asked for).
   */
  const expectNothingOfA = (body: unknown, ...echoed: string[]) => {
    let text = JSON.stringify(body).toLowerCase();
    for (const id of echoed) text = text.split(id.toLowerCase()).join('<asked>');
    for (const secret of [a.company.companyId, acceptedA, draftA, a.hydroxide.code, '"1300"', '"77.7"']) {
      expect(text).not.toContain(secret.toLowerCase());
    }
  };

  const expectNotFound = (response: { status: number; body: { code?: string } }, code = 'REPORT.NOT_FOUND') => {
    expect([response.status, response.body.code]).toEqual([404, code]);
  };

  describe("reading A's reports", () => {
    it.each<[string, () => string, string]>([
      ['the accepted report', () => acceptedA, ''],
      ['its versions', () => acceptedA, '/versions'],
      ['its first version', () => acceptedA, '/versions/1'],
      ['its amendment', () => acceptedA, '/versions/2'],
      ['the receipt of version 1', () => acceptedA, '/versions/1/receipt'],
      ['the receipt of the amendment', () => acceptedA, '/versions/2/receipt'],
      ['the draft', () => draftA, ''],
      ['the draft’s versions', () => draftA, '/versions'],
      ['the draft’s version 1', () => draftA, '/versions/1'],
    ])('answers B 404 for %s, which A itself reads, in either case of the id', async (_, id, rest) => {
      expect((await a.http.get(`/reports/${id()}${rest}`)).status).toBe(200);

      for (const asked of [id(), id().toUpperCase()]) {
        const response = await b.http.get(`/reports/${asked}${rest}`);
        expectNotFound(response);
        expectNothingOfA(response.body, acceptedA, draftA);
      }
    });

    it('answers B 404, not "no such version", for a version A does not have either', async () => {
      expectNotFound(await a.http.get(`/reports/${acceptedA}/versions/9`), 'REPORT.VERSION_NOT_FOUND');
      expectNotFound(await b.http.get(`/reports/${acceptedA}/versions/9`));
      expectNotFound(await b.http.get(`/reports/${acceptedA}/versions/9/receipt`));
    });
  });

  describe('lists', () => {
    const reportIds = (body: { items: { reportId: string }[] }) => body.items.map((item) => item.reportId);

    it.each([
      ['no filter', () => ''],
      ["A's deposit", () => `depositId=${a.deposit.depositId}`],
      ["A's plant", () => `facilityId=${a.facility.facilityId}`],
      ['drafts', () => 'state=draft'],
      ['accepted, 2025-Q3', () => 'state=accepted&period=2025-Q3'],
      ['2025-Q4', () => 'period=2025-Q4'],
    ])("never shows B A's reports (%s)", async (_, query) => {
      expect(reportIds((await a.http.get(`/reports?${query()}&pageSize=100`)).body)).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`${acceptedA}|${draftA}`))]),
      );

      const response = await b.http.get(`/reports?${query()}&pageSize=100`);

      expect(response.status).toBe(200);
      expect(response.body.items.every((item: { companyId: string }) => item.companyId === b.company.companyId)).toBe(
        true,
      );
      expectNothingOfA(response.body);
    });

    it("refuses B a list of A's company by name, in either case", async () => {
      for (const companyId of [a.company.companyId, a.company.companyId.toUpperCase()]) {
        const response = await b.http.get(`/reports?companyId=${companyId}&state=accepted`);
        expect([response.status, response.body.code]).toEqual([403, 'REPORT.OTHER_COMPANY']);
        expectNothingOfA(response.body);
      }
    });

    it.each(['overdue', 'due-soon'])("keeps A's obligations out of B's %s list", async (list) => {
      const own = await a.http.get(`/obligations/${list}?pageSize=100`);
      const response = await b.http.get(`/obligations/${list}?pageSize=100`);

      expect(response.status).toBe(200);
      expect(response.body.items.every((item: { companyId: string }) => item.companyId === b.company.companyId)).toBe(
        true,
      );
      expect(own.body.total).toBeGreaterThan(0);
      expect(response.body.total).toBe(own.body.total);
      expectNothingOfA(response.body);
      const named = await b.http.get(`/obligations/${list}?companyId=${a.company.companyId}`);
      expect([named.status, named.body.code]).toEqual([403, 'REPORT.OTHER_COMPANY']);
    });

    it('has obligations of A to hide: A sees them and so does staff, B sees only its own', async () => {
      const overdue = await a.http.get('/obligations/overdue?pageSize=100');
      expect(overdue.body.total).toBeGreaterThan(0);
      expect(overdue.body.items.every((item: { companyId: string }) => item.companyId === a.company.companyId)).toBe(
        true,
      );
      const analyst = await suite.reporting.staff('ministry_analyst');
      const staffView = await analyst.get(`/obligations/overdue?companyId=${a.company.companyId}&pageSize=100`);
      expect(staffView.body.total).toBe(overdue.body.total);
    });
  });

  describe("changing A's reports", () => {
    it.each<[string, (http: Agent) => Promise<{ status: number; body: { code?: string } }>]>([
      [
        'replacing the draft',
        (http) => http.put(`/reports/${draftA}`).send({ depositId: b.deposit.depositId, period: '2025-Q4', lines: [] }),
      ],
      ['submitting the draft', (http) => http.post(`/reports/${draftA}/submit`)],
      [
        'amending the accepted report',
        (http) =>
          http
            .post(`/reports/${acceptedA}/amendments`)
            .send({ lines: [line(b.carbonate, { quantity: '1' })], amendmentReason: 'Taken over' }),
      ],
      [
        'amending the draft',
        (http) => http.post(`/reports/${draftA}/amendments`).send({ lines: [], amendmentReason: 'Taken over' }),
      ],
    ])('refuses B %s with 404 and changes nothing', async (_, act) => {
      const before = { accepted: await footprint(acceptedA), draft: await footprint(draftA) };

      const response = await act(b.http);

      expectNotFound(response);
      expectNothingOfA(response.body, acceptedA, draftA);
      expect({ accepted: await footprint(acceptedA), draft: await footprint(draftA) }).toEqual(before);
    });

    it.each([
      ['a period A reported', '2025-Q3'],
      ['a period A did not report', '2024-Q3'],
    ])(
      "refuses B a report of A's deposit for %s, by the API and by CSV, before writing anything, alike",
      async (_, period) => {
        const before = await footprint(acceptedA);
        const tables = await suite.reporting.count(...FILING_TABLES);
        const csv = `${CSV_HEADER}\n${csvRow({ depositId: a.deposit.depositId }, period, line(b.carbonate))}\n`;

        const filed = await b.http
          .post('/reports')
          .send({ depositId: a.deposit.depositId, period, lines: [line(b.carbonate)], submit: true });
        const uploaded = await b.http
          .post('/reports/uploads')
          .attach('file', Buffer.from(csv), { filename: 'lines.csv', contentType: 'text/csv' });

        expect([filed.status, filed.body.code]).toEqual([400, 'REQUEST.INVALID']);
        expect(filed.body.errors).toEqual([
          { field: 'depositId', messages: [expect.stringContaining('licensed to another company')] },
        ]);
        expect([uploaded.status, uploaded.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
        expect(uploaded.body.errors).toEqual([
          { field: 'line 2', messages: [expect.stringContaining('licensed to another company')] },
        ]);
        expectNothingOfA(filed.body);
        expectNothingOfA(uploaded.body);
        expect(await suite.reporting.count(...FILING_TABLES)).toEqual(tables);
        expect(await footprint(acceptedA)).toEqual(before);
      },
    );

    it('still names the duplicate to A, whose deposit it is', async () => {
      const again = await a.http
        .post('/reports')
        .send({ depositId: a.deposit.depositId, period: '2025-Q3', lines: [line(a.carbonate)], submit: true });

      expect(again.body.reasons).toEqual([
        expect.objectContaining({
          code: 'REPORT.PERIOD_ALREADY_REPORTED',
          message: expect.stringContaining(`Report ${acceptedA}`),
        }),
      ]);
    });

    it("refuses B output from A's plant, by the API and by CSV, without naming A, A's untouched", async () => {
      const before = await footprint(acceptedA);
      const tables = await suite.reporting.count(...FILING_TABLES);

      const l = line(b.carbonate);
      const csv = `${CSV_HEADER}\n${csvRow({ facilityId: a.facility.facilityId }, '2025-Q2', line(b.carbonate))}\n`;
      const uploaded = await b.http
        .post('/reports/uploads')
        .attach('file', Buffer.from(csv), { filename: 'lines.csv', contentType: 'text/csv' });

      expect([uploaded.status, uploaded.body.code]).toEqual([400, 'UPLOAD.INVALID_ROWS']);
      expect(uploaded.body.errors).toEqual([
        { field: 'line 2', messages: [expect.stringContaining('operated by another company')] },
      ]);
      expectNothingOfA(uploaded.body);
      expect(await suite.reporting.count(...FILING_TABLES)).toEqual(tables);

      const filed = await b.http
        .post('/reports')
        .send({ facilityId: a.facility.facilityId, period: '2025-Q2', lines: [l], submit: true });
      expect([filed.status, filed.body.state]).toEqual([201, 'rejected']);
      expect(filed.body.reasons).toContainEqual(expect.objectContaining({ code: 'REPORT.NOT_OPERATOR' }));
      expectNothingOfA(filed.body);
      expect(await footprint(acceptedA)).toEqual(before);
    });

    it('lets A do the same to its own draft (the refusals above are about the company)', async () => {
      const replaced = await a.http.put(`/reports/${draftA}`).send({
        facilityId: a.facility.facilityId,
        period: '2025-Q4',
        lines: [line(a.hydroxide, { quantity: '77.7' })],
      });
      expect(replaced.status).toBe(200);
    });
  });

  describe('producers with no company, or one the registry does not know, and staff', () => {
    it('gives a producer token without company_id nothing, and lets it file nothing', async () => {
      const bearer = await suite.reporting.auth.bearer({ roles: ['producer'], userId: 'u-producer-nobody' });
      const nobody = (await suite.reporting.staff('admin')).set('authorization', bearer);

      expectNotFound(await nobody.get(`/reports/${acceptedA}`));
      expectNotFound(await nobody.get(`/reports/${acceptedA}/versions/1/receipt`));
      for (const [path, code] of [
        ['/reports', 'REPORT.NO_COMPANY'],
        [`/reports?companyId=${a.company.companyId}`, 'REPORT.OTHER_COMPANY'],
        ['/obligations/overdue', 'REPORT.NO_COMPANY'],
        ['/obligations/due-soon', 'REPORT.NO_COMPANY'],
      ]) {
        const response = await nobody.get(path);
        expect([path, response.status, response.body.code]).toEqual([path, 403, code]);
        expectNothingOfA(response.body);
      }
      const upload = await nobody
        .post('/reports/uploads')
        .attach(
          'file',
          Buffer.from(`${CSV_HEADER}\n${csvRow({ depositId: a.deposit.depositId }, '2025-Q3', line(b.carbonate))}\n`),
          {
            filename: 'lines.csv',
            contentType: 'text/csv',
          },
        );
      expect([upload.status, upload.body.code]).toEqual([403, 'REPORT.NO_COMPANY']);
      expect(await sql(`SELECT 1 FROM report WHERE created_by = $1`, ['u-producer-nobody'])).toEqual([]);
    });

    it('keeps a producer of a company unknown to the registry to its own (empty) company', async () => {
      const stranger = await suite.reporting.producer(randomUUID());

      expectNotFound(await stranger.get(`/reports/${acceptedA}`));
      const listed = await stranger.get(`/reports?depositId=${a.deposit.depositId}`);
      expect([listed.status, listed.body.total]).toEqual([200, 0]);
      const overdue = await stranger.get('/obligations/overdue');
      expect([overdue.status, overdue.body.total]).toEqual([200, 0]);
    });

    it("treats a token holding producer and a staff role as the producer: A's reports stay hidden", async () => {
      const bearer = await suite.reporting.auth.bearer({
        roles: ['producer', 'ministry_analyst'],
        companyId: b.company.companyId,
      });
      const dual = (await suite.reporting.staff('admin')).set('authorization', bearer);

      expectNotFound(await dual.get(`/reports/${acceptedA}`));
      expectNothingOfA((await dual.get(`/reports?depositId=${a.deposit.depositId}`)).body);
      expect((await dual.get(`/reports?companyId=${a.company.companyId}`)).body.code).toBe('REPORT.OTHER_COMPANY');
    });

    it("lets staff read A's submitted reports as documented, but not its draft", async () => {
      const analyst = await suite.reporting.staff('ministry_analyst');
      expect((await analyst.get(`/reports/${acceptedA}/versions/2/receipt`)).status).toBe(200);
      expectNotFound(await analyst.get(`/reports/${draftA}`));
    });
  });
});
