import { ClaimApproved, ClaimReturned } from '@redmet/contracts';
import {
  ADMIN,
  discountLine,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  claimBody,
  submittedClaim,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';

/** A character of two UTF-16 units, which a cut by units can split. */
const GEM = '\u{1F48E}';

/**
 * What careless or hostile clients send, and text cut where the service shortens it: a valid request is
 * answered as one, a mistake with a 4xx naming the field, and nothing is written for it.
 */
describe('client mistakes and long text', () => {
  const suite = useSubsidyWorld({ companies: 6 });

  const fieldsOf = (body: { errors?: { field: string }[] }) => body.errors?.map((error) => error.field);
  const count = async (table: string) =>
    (await suite.subsidy.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  describe('text the service shortens for an event', () => {
    it('returns a claim whose reason and missing items reach the event cut through a two-unit character', async () => {
      const claim = await submittedClaim(suite.subsidy, suite.companies[0], suite.reports.get(suite.companies[0])!);
      const officer = await suite.subsidy.as(OFFICER_1);
      expect((await officer.post(`/claims/${claim.id}/take`)).status).toBe(200);
      // The event's reason is "<reason>\nMissing:\n- <item>", cut to 1999 units and "…": the gem sits on the cut.
      const reason = 'a'.repeat(1986);
      const returned = await officer.post(`/claims/${claim.id}/return`).send({ reason, missing: [`${GEM} invoice`] });
      expect(returned.status).toBe(200);
      expect(returned.body.state).toBe('returned');
      const [event] = await suite.subsidy.sql<{ reason: string }>(
        `SELECT envelope -> 'payload' ->> 'reason' AS reason FROM outbox_message
          WHERE message_key = $1 AND event_type = $2`,
        [claim.id, ClaimReturned.type],
      );
      expect(event.reason).toBe(`${reason}\nMissing:\n- …`);
    });

    it('approves with four eyes when the two reasons together reach the event cut through a two-unit character', async () => {
      const claim = await submittedClaim(suite.subsidy, suite.companies[1], suite.reports.get(suite.companies[1])!, {
        lines: [discountLine('1000')],
      });
      const first = await suite.subsidy.as(OFFICER_1);
      expect((await first.post(`/claims/${claim.id}/take`)).status).toBe(200);
      const firstReason = 'r'.repeat(1000);
      const approved = await first
        .post(`/claims/${claim.id}/approve`)
        .send({ approvedKopecks: '1750000000', reason: firstReason });
      expect(approved.body.state).toBe('under_review');
      // The event's reason is "<first>; <second>", cut to 1999 units and "…": the first gem sits on the cut.
      const secondReason = `${'s'.repeat(996)}${GEM}${GEM}`;
      const confirmed = await (
        await suite.subsidy.as(OFFICER_2)
      )
        .post(`/claims/${claim.id}/approve`)
        .send({ reason: secondReason });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ state: 'approved', decisionReason: `${firstReason}; ${secondReason}` });
      const [event] = await suite.subsidy.sql<{ reason: string }>(
        `SELECT envelope -> 'payload' ->> 'reason' AS reason FROM outbox_message
          WHERE message_key = $1 AND event_type = $2`,
        [claim.id, ClaimApproved.type],
      );
      expect(event.reason).toBe(`${firstReason}; ${'s'.repeat(996)}…`);
    });
  });

  describe('document file names', () => {
    let claimId: string;

    beforeAll(async () => {
      claimId = (await submittedClaim(suite.subsidy, suite.companies[2], suite.reports.get(suite.companies[2])!)).id;
    });

    const upload = async (fileName: string, contentType = 'application/pdf') =>
      (await suite.subsidy.as(producerOf(suite.companies[2])))
        .post(`/claims/${claimId}/documents`)
        .attach('file', PDF, { filename: fileName, contentType });

    it('stores a long name cut in its stem before a two-unit character, not through it, keeping the extension', async () => {
      const uploaded = await upload(`${'a'.repeat(250)}${GEM}x.pdf`);
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.fileName).toBe(`${'a'.repeat(250)}.pdf`);
      const [stored] = await suite.subsidy.sql<{ file_name: string }>(
        `SELECT file_name FROM claim_document WHERE id = $1`,
        [uploaded.body.id],
      );
      expect(stored.file_name).toBe(`${'a'.repeat(250)}.pdf`);
    });

    it('stores a long name that hides another extension before its last under the extension it was judged by', async () => {
      const uploaded = await upload(`${'a'.repeat(251)}.exe.pdf`);
      expect([uploaded.status, uploaded.body.fileName]).toEqual([201, `${'a'.repeat(251)}.pdf`]);
      const download = await (
        await suite.subsidy.as(OFFICER_1)
      ).get(`/claims/${claimId}/documents/${uploaded.body.id}`);
      expect(download.headers['content-disposition']).toContain(`${'a'.repeat(251)}.pdf`);
    });

    it.each([
      [
        'a right-to-left override that shows invoice.exe as invoice…pdf',
        'invoice\u202Efdp.exe',
        400,
        'REQUEST.INVALID',
      ],
      ['a line break', 'invoice\r\nX-Injected: 1.pdf', 400, 'REQUEST.INVALID'],
      ['a PDF named as an executable', 'invoice.pdf.exe', 415, 'DOCUMENT.UNSUPPORTED_TYPE'],
      ['a PDF named as an image', 'scan.png', 415, 'DOCUMENT.UNSUPPORTED_TYPE'],
    ])('refuses %s, naming the file, and stores nothing', async (_case, fileName, status, code) => {
      const [documents, audit, version] = [
        await count('claim_document'),
        await count('audit_entry'),
        (await suite.subsidy.sql<{ version: number }>(`SELECT version FROM claim WHERE id = $1`, [claimId]))[0].version,
      ];
      const refused = await upload(fileName);
      expect({ status: refused.status, code: refused.body.code, fields: fieldsOf(refused.body) }).toEqual({
        status,
        code,
        fields: ['file'],
      });
      expect(await count('claim_document')).toBe(documents);
      expect(await count('audit_entry')).toBe(audit);
      expect((await suite.subsidy.sql(`SELECT version FROM claim WHERE id = $1`, [claimId]))[0]).toEqual({ version });
    });
  });

  describe('results reports', () => {
    it('names programmeYear when the year has no programme, recording or listing what is outstanding', async () => {
      const officer = await suite.subsidy.as(OFFICER_1);
      const reportsBefore = await count('results_report');
      const recorded = await officer.post('/results-reports').send({
        companyId: suite.companies[3],
        programmeYear: 2035,
        indicator: 'REO output, t',
        planned: '10',
        actual: '5',
      });
      expect({ status: recorded.status, code: recorded.body.code, fields: fieldsOf(recorded.body) }).toEqual({
        status: 404,
        code: 'PROGRAMME.NOT_FOUND',
        fields: ['programmeYear'],
      });
      expect(await count('results_report')).toBe(reportsBefore);
      const outstanding = await officer.get('/results-reports/outstanding').query({ programmeYear: 2035 });
      expect({ status: outstanding.status, fields: fieldsOf(outstanding.body) }).toEqual({
        status: 404,
        fields: ['programmeYear'],
      });
    });

    it("refuses a producer's null companyId as no UUID, not as another company's", async () => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[3]));
      const reportsBefore = await count('results_report');
      const refused = await producer
        .post('/results-reports')
        .send({ companyId: null, programmeYear: 2026, indicator: 'REO output, t', actual: '5' });
      expect({ status: refused.status, code: refused.body.code, fields: fieldsOf(refused.body) }).toEqual({
        status: 400,
        code: 'REQUEST.INVALID',
        fields: ['companyId'],
      });
      expect(await count('results_report')).toBe(reportsBefore);
    });
  });

  it('finds a claim’s audit entries by its id typed in upper case', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[3], suite.reports.get(suite.companies[3])!);
    const admin = await suite.subsidy.as(ADMIN);
    const lower = await admin.get('/audit').query({ subjectId: claim.id });
    const upper = await admin.get('/audit').query({ subjectId: claim.id.toUpperCase() });
    expect(lower.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'claim.created',
      'claim.submitted',
    ]);
    expect(upper.body).toEqual(lower.body);
  });

  it('refuses an admin who hands a claim to themselves, no officer, and leaves it with its officer', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[4], suite.reports.get(suite.companies[4])!);
    expect((await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${claim.id}/take`)).status).toBe(200);
    const events = await suite.subsidy.eventsOf(claim.id);
    const refused = await (
      await suite.subsidy.as(ADMIN)
    )
      .post(`/claims/${claim.id}/reassign`)
      .send({ officerId: ADMIN.userId, reason: 'I will look at it myself' });
    expect({ status: refused.status, code: refused.body.code, fields: fieldsOf(refused.body) }).toEqual({
      status: 422,
      code: 'CLAIM.NOT_AN_OFFICER',
      fields: ['officerId'],
    });
    const [stored] = await suite.subsidy.sql<{ assignee: string }>(
      `SELECT assigned_to ->> 'userId' AS assignee FROM claim WHERE id = $1`,
      [claim.id],
    );
    expect(stored.assignee).toBe(OFFICER_1.userId);
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual(events);
  });

  it('refuses a form sent where JSON belongs, with 415, rather than approving the whole amount asked for', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[5], suite.reports.get(suite.companies[5])!);
    const officer = await suite.subsidy.as(OFFICER_1);
    expect((await officer.post(`/claims/${claim.id}/take`)).status).toBe(200);
    const events = await suite.subsidy.eventsOf(claim.id);

    const refused = await officer
      .post(`/claims/${claim.id}/approve`)
      .field('approvedKopecks', '1000')
      .field('reason', 'only one invoice holds');

    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 415,
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    });
    expect((await suite.subsidy.sql(`SELECT state FROM claim WHERE id = $1`, [claim.id]))[0]).toEqual({
      state: 'under_review',
    });
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual(events);
  });

  it('refuses an edit naming nothing to change, recording no edit and no editor', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const draft = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[0])!));
    expect(draft.status).toBe(201);
    const audit = await count('audit_entry');

    const refused = await producer.patch(`/claims/${draft.body.id}`).send({});

    expect({ status: refused.status, code: refused.body.code, fields: fieldsOf(refused.body) }).toEqual({
      status: 400,
      code: 'CLAIM.EMPTY_CHANGE',
      fields: ['body'],
    });
    expect(await count('audit_entry')).toBe(audit);
    expect((await producer.get(`/claims/${draft.body.id}`)).body).toEqual(draft.body);
  });
});
