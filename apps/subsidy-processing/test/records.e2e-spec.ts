import { createHash } from 'node:crypto';
import {
  acceptedReports,
  ADMIN,
  claimBody,
  OFFICER_1,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';

describe('documents, comments, audit trail and programme versions', () => {
  let claimId: string;

  const suite = useSubsidyWorld({ companies: 2, environment: { DOCUMENT_MAX_BYTES: '4096' } });

  beforeAll(async () => {
    const [companyId] = suite.companies;
    claimId = (await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!)).id;
  });

  describe('supporting documents', () => {
    it('stores an upload with its SHA-256; the owner and officers list and download it', async () => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
      const uploaded = await producer
        .post(`/claims/${claimId}/documents`)
        .attach('file', PDF, { filename: 'invoice-0012.pdf', contentType: 'application/pdf' });
      expect(uploaded.status).toBe(201);
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      expect(uploaded.body).toMatchObject({ fileName: 'invoice-0012.pdf', sizeBytes: PDF.length, sha256 });
      expect(uploaded.body.content).toBeUndefined();

      const officer = await suite.subsidy.as(OFFICER_1);
      expect((await officer.get(`/claims/${claimId}/documents`)).body).toEqual([expect.objectContaining({ sha256 })]);
      const downloaded = await officer
        .get(`/claims/${claimId}/documents/${uploaded.body.id}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(downloaded.status).toBe(200);
      expect(downloaded.headers['content-type']).toBe('application/pdf');
      expect(downloaded.headers['x-content-sha256']).toBe(sha256);
      expect(Buffer.compare(downloaded.body as Buffer, PDF)).toBe(0);

      const stranger = await suite.subsidy.as(producerOf(suite.companies[1]));
      expect((await stranger.get(`/claims/${claimId}/documents`)).status).toBe(404);
      expect((await stranger.get(`/claims/${claimId}/documents/${uploaded.body.id}`)).status).toBe(404);
    });

    it('keeps a Cyrillic file name as sent, and names the download with it', async () => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
      const fileName = 'Счёт-фактура №12.pdf';
      const uploaded = await producer
        .post(`/claims/${claimId}/documents`)
        .attach('file', PDF, { filename: fileName, contentType: 'application/pdf' });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.fileName).toBe(fileName);
      const downloaded = await producer.get(`/claims/${claimId}/documents/${uploaded.body.id}`);
      expect(downloaded.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    });

    it.each<[string, Buffer, string, number, string]>([
      [
        'an executable declared as a PDF',
        Buffer.from('MZ\x90\x00\x03'),
        'application/pdf',
        415,
        'DOCUMENT.UNSUPPORTED_TYPE',
      ],
      ['a type not accepted', Buffer.from('<html></html>'), 'text/html', 415, 'DOCUMENT.UNSUPPORTED_TYPE'],
      [
        'a file above the size limit',
        Buffer.concat([PDF, Buffer.alloc(5000)]),
        'application/pdf',
        413,
        'REQUEST.TOO_LARGE',
      ],
    ])('refuses %s and stores nothing', async (_case, content, contentType, status, code) => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
      const [before] = await suite.subsidy.sql(`SELECT count(*)::int AS n FROM claim_document`);
      const response = await producer
        .post(`/claims/${claimId}/documents`)
        .attach('file', content, { filename: 'x', contentType });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(await suite.subsidy.sql(`SELECT count(*)::int AS n FROM claim_document`)).toEqual([before]);
    });

    it('refuses a request without a file (400)', async () => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
      const response = await producer.post(`/claims/${claimId}/documents`).field('note', 'no file');
      expect(response.status).toBe(400);
    });
  });

  it('keeps internal comments from the producer, and lets it write only visible ones', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    await officer.post(`/claims/${claimId}/comments`).send({ text: 'Check the buyer', visibility: 'internal' });
    await officer
      .post(`/claims/${claimId}/comments`)
      .send({ text: 'We are reviewing your claim', visibility: 'producer' });
    const internal = await producer.post(`/claims/${claimId}/comments`).send({ text: 'x', visibility: 'internal' });
    expect(internal.status).toBe(403);
    expect(internal.body.code).toBe('COMMENT.INTERNAL_FOR_OFFICERS');
    expect(
      (await producer.post(`/claims/${claimId}/comments`).send({ text: 'Thank you', visibility: 'producer' })).status,
    ).toBe(201);

    expect((await producer.get(`/claims/${claimId}/comments`)).body.map((c: { text: string }) => c.text)).toEqual([
      'We are reviewing your claim',
      'Thank you',
    ]);
    expect((await officer.get(`/claims/${claimId}/comments`)).body).toHaveLength(3);
  });

  describe('the audit trail', () => {
    it('records every action with who, when, what and why, readable by officers and admins only', async () => {
      const officer = await suite.subsidy.as(OFFICER_1);
      const audit = await officer.get('/audit').query({ subjectType: 'claim', subjectId: claimId });
      expect(audit.status).toBe(200);
      const actions = audit.body.items.map((entry: { action: string }) => entry.action);
      expect(actions.slice(0, 3)).toEqual(['claim.created', 'claim.submitted', 'claim.document_uploaded']);
      expect(audit.body.items[1]).toMatchObject({
        actorId: producerOf(suite.companies[0]).userId,
        actorRoles: ['producer'],
        changes: { state: 'submitted', requestedKopecks: '175000000' },
        correlationId: expect.any(String),
      });
      expect((await (await suite.subsidy.as(producerOf(suite.companies[0]))).get('/audit')).status).toBe(403);
      expect((await (await suite.subsidy.as(ADMIN)).get('/audit')).status).toBe(200);
    });

    it('cannot be edited: no route changes it, and the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      const admin = await suite.subsidy.as(ADMIN);
      expect((await admin.delete('/audit').query({ subjectId: claimId })).status).toBe(404);
      await expect(suite.subsidy.sql(`UPDATE audit_entry SET reason = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(suite.subsidy.sql(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
      await expect(suite.subsidy.sql(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    });
  });

  describe('programme configuration', () => {
    it('starts with the 2026–2028 budgets from the federal project', async () => {
      const programmes = await (await suite.subsidy.as(producerOf(suite.companies[1]))).get('/programmes');
      expect(
        programmes.body.map((p: { budget: { year: number; totalKopecks: string } }) => [
          p.budget.year,
          p.budget.totalKopecks,
        ]),
      ).toEqual([
        [2026, '107000000000'],
        [2027, '108000000000'],
        [2028, '170000000000'],
      ]);
    });

    it('adds versions that apply from their effective date, audited; new claims are priced by the rules in force', async () => {
      const admin = await suite.subsidy.as(ADMIN);
      const now = await admin
        .post('/programmes/2026/versions')
        .send({ effectiveFrom: '2026-06-15', reason: 'Order No. 1234', rates: { buyer_discount: '0.3' } });
      expect(now.status).toBe(201);
      expect(now.body).toMatchObject({
        version: 2,
        rates: { buyer_discount: '0.3', equipment: '0.5' },
        createdBy: ADMIN.userId,
      });
      const later = await admin
        .post('/programmes/2026/versions')
        .send({ effectiveFrom: '2026-07-01', reason: 'From July', rates: { buyer_discount: '0.2' } });
      expect(later.body.version).toBe(3);

      const programme = await admin.get('/programmes/2026');
      expect(programme.body).toMatchObject({ inForce: { version: 2 }, latest: { version: 3 } });
      const listed = (await admin.get('/programmes')).body;
      expect(listed.map((p: { budget: { year: number } }) => p.budget.year)).toEqual([2026, 2027, 2028]);
      expect(listed[0]).toMatchObject({ inForce: { version: 2 }, latest: { version: 3 } });
      expect(listed[1]).toMatchObject({ latest: { year: 2027, version: 1 } });
      expect((await admin.get('/programmes/2026/versions')).body.map((v: { version: number }) => v.version)).toEqual([
        1, 2, 3,
      ]);
      const audit = await admin.get('/audit').query({ subjectType: 'programme', subjectId: '2026' });
      expect(audit.body.items[0]).toMatchObject({
        action: 'programme.version_added',
        actorId: ADMIN.userId,
        changes: { version: 2, rates: { buyer_discount: '0.3' } },
        reason: 'Order No. 1234',
      });

      const reports = await acceptedReports(suite.subsidy, [suite.companies[1]]);
      const draft = await (
        await suite.subsidy.as(producerOf(suite.companies[1]))
      )
        .post('/claims')
        .send(claimBody(reports.get(suite.companies[1])!));
      expect(draft.body).toMatchObject({ programmeVersion: 2, requestedKopecks: '150000000' });
    });

    it.each<[string, number, Record<string, unknown>, number, string]>([
      ['a rate above 1', 2026, { rates: { buyer_discount: '1.5' } }, 400, 'rates.buyer_discount'],
      ['money as a number', 2026, { totalKopecks: 107000000000 }, 400, 'totalKopecks'],
      ['an incomplete first version of a new year', 2029, { totalKopecks: '1' }, 422, 'eligibleProductCodes'],
      [
        'a version taking effect after the year that follows',
        2026,
        { effectiveFrom: '2028-01-01' },
        400,
        'effectiveFrom',
      ],
      ['a version taking effect in 9999', 2026, { effectiveFrom: '9999-12-31' }, 400, 'effectiveFrom'],
      ['a claim cut-off in 9999', 2026, { claimCutoff: '9999-12-31' }, 400, 'claimCutoff'],
      ['results due after the year that follows', 2026, { resultsDueOn: '2028-01-01' }, 400, 'resultsDueOn'],
    ])('refuses %s', async (_case, year, change, status, field) => {
      const admin = await suite.subsidy.as(ADMIN);
      const response = await admin
        .post(`/programmes/${year}/versions`)
        .send({ effectiveFrom: '2026-08-01', reason: 'x', ...change });
      expect(response.status).toBe(status);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('lets only admins change it', async () => {
      const officer = await suite.subsidy.as(OFFICER_1);
      const response = await officer
        .post('/programmes/2026/versions')
        .send({ effectiveFrom: '2026-08-01', reason: 'x' });
      expect(response.status).toBe(403);
      expect((await officer.get('/programmes/20x6')).status).toBe(400);
    });
  });
});
