import { randomUUID } from 'node:crypto';
import { ReportAccepted } from '@redmet/contracts';
import {
  ADMIN,
  claimBody,
  claimFootprint,
  FINANCE,
  OFFICER_1,
  paidClaim,
  producerOf,
  reportRecorded,
  reportVersion,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';
import { TODAY, type Agent } from './support/subsidy-app';

const INDICATOR = 'REO output, t';

/**
 * Company ownership, route by route, for every route a producer may call: a producer of company B
 * gets nothing of company A (404 for A's claim and everything under it, never A's rows in a list, 403
 * for a list that names A) and changes nothing of A's. Each refusal is paired with A's own producer
 * getting the same thing, so a 404 here means "not yours", not "not there".
 * (test/faults/fuzz.e2e-spec.ts proves the role of each route; this file proves the company.)
 */
describe('subsidy-processing: a producer sees and changes only its own company', () => {
  let companyA: string;
  let companyB: string;
  let ownerA: Agent;
  let producerB: Agent;
  /** A's claim paid in full (2026-Q1) with an officer's internal comment, and a draft of A's (2026-Q2) with a document and a comment. */
  let paidA: string;
  let draftA: string;
  let documentA: string;
  let resultsA: string;
  let draftB: string;

  const suite = useSubsidyWorld({ companies: 2 });

  beforeAll(async () => {
    [companyA, companyB] = suite.companies;
    const { reports } = suite;
    paidA = await paidClaim(suite.subsidy, companyA, reports.get(companyA)!, {
      paidOn: TODAY,
      reference: 'PP-TENANT-A',
    });
    const q2 = reportVersion(companyA, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, q2.reportId, q2);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');

    ownerA = await suite.subsidy.as(producerOf(companyA));
    producerB = await suite.subsidy.as(producerOf(companyB));
    const draft = await ownerA.post('/claims').send(claimBody(q2.reportId, { period: '2026-Q2' }));
    expect(draft.status).toBe(201);
    draftA = draft.body.id;
    const document = await ownerA
      .post(`/claims/${draftA}/documents`)
      .attach('file', PDF, { filename: 'invoice-A.pdf', contentType: 'application/pdf' });
    expect(document.status).toBe(201);
    documentA = document.body.id;
    await ownerA.post(`/claims/${draftA}/comments`).send({ text: 'Comment of A', visibility: 'producer' }).expect(201);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${paidA}/comments`).send({ text: 'Internal on A', visibility: 'internal' }).expect(201);
    const results = await ownerA
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: INDICATOR, actual: '800' });
    expect(results.status).toBe(201);
    resultsA = results.body.report.id;

    const own = await producerB.post('/claims').send(claimBody(reports.get(companyB)!));
    expect(own.status).toBe(201);
    draftB = own.body.id;
  });

  /**
   * The 403 a producer gets for naming a company not its own, in a list's query (as production-reporting's
   * lists do) or in what it files.
   */
  const expectOtherCompanyRefused = (response: { status: number; body: { code?: string; errors?: unknown } }) => {
    expect([response.status, response.body.code, response.body.errors]).toEqual([
      403,
      'CLAIM.OTHER_COMPANY',
      [{ field: 'companyId', messages: [expect.any(String)] }],
    ]);
  };

  /**
   * A's data must not appear in an answer meant for B: neither its company nor its claims, files or
   * comments, besides the ids B itself sent (a 404's detail names the id asked for).
   */
  const expectNothingOfA = (body: unknown, ...echoed: string[]) => {
    let text = JSON.stringify(body).toLowerCase();
    for (const id of echoed) text = text.split(id.toLowerCase()).join('<asked>');
    for (const secret of [companyA, paidA, draftA, documentA, resultsA, 'invoice-A.pdf', 'Comment of A']) {
      expect(text).not.toContain(secret.toLowerCase());
    }
  };

  const expectNotFound = (response: { status: number; body: unknown }) => {
    expect([response.status, (response.body as { code?: string }).code]).toEqual([404, 'CLAIM.NOT_FOUND']);
  };

  describe("reading A's claim and what hangs under it", () => {
    const reads: [string, (claim: () => string) => string][] = [
      ['the claim', (claim) => `/claims/${claim()}`],
      ['its eligibility', (claim) => `/claims/${claim()}/eligibility`],
      ['its documents', (claim) => `/claims/${claim()}/documents`],
      ['a document download', (claim) => `/claims/${claim()}/documents/${documentA}`],
      ['its comments', (claim) => `/claims/${claim()}/comments`],
    ];

    it.each(reads)('answers B 404 for %s of the draft, which A itself reads', async (_, path) => {
      expect((await ownerA.get(path(() => draftA))).status).toBe(200);

      const response = await producerB.get(path(() => draftA));
      expectNotFound(response);
      expectNothingOfA(response.body, draftA);
    });

    it.each([
      ['the paid claim', `/claims/{id}`],
      ['its clawback statement', `/claims/{id}/clawback`],
      ['its comments', `/claims/{id}/comments`],
      ['its documents', `/claims/{id}/documents`],
    ])('answers B 404 for %s, also with the id in upper case', async (_, template) => {
      const path = (id: string) => template.replace('{id}', id);
      expect((await ownerA.get(path(paidA))).status).toBe(200);

      for (const id of [paidA, paidA.toUpperCase()]) {
        const response = await producerB.get(path(id));
        expectNotFound(response);
        expectNothingOfA(response.body, paidA);
      }
    });

    it("does not hand B A's document through B's own claim", async () => {
      const response = await producerB.get(`/claims/${draftB}/documents/${documentA}`);

      expect([response.status, response.body.code]).toEqual([404, 'DOCUMENT.NOT_FOUND']);
      expectNothingOfA(response.body, documentA);
      expect(JSON.stringify(response.body)).not.toContain('%PDF');
      const listed = await producerB.get(`/claims/${draftB}/documents`);
      expect([listed.status, listed.body]).toEqual([200, []]);
    });

    it('lets staff read A as documented: officers everything submitted, internal comments included', async () => {
      const finance = await suite.subsidy.as(FINANCE);
      expect((await finance.get(`/claims/${paidA}`)).body.companyId).toBe(companyA);
      expect((await finance.get(`/claims/${paidA}/clawback`)).status).toBe(200);
      const comments = (await finance.get(`/claims/${paidA}/comments`)).body.map((c: { text: string }) => c.text);
      expect(comments).toEqual(['Internal on A']);
      expect((await ownerA.get(`/claims/${paidA}/comments`)).body).toEqual([]);
      const officer = await suite.subsidy.as(OFFICER_1);
      expect((await officer.get(`/claims/${paidA}/eligibility`)).status).toBe(200);
    });
  });

  describe('lists', () => {
    const claimIds = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

    it.each([
      '',
      'state=draft',
      'state=paid',
      'programmeYear=2026&sort=largest',
      'period=2026-Q2',
      'clawbackOverdue=false',
    ])("never shows B A's claims: GET /claims?%s", async (query) => {
      expect((await ownerA.get(`/claims?${query}`)).status).toBe(200);

      const response = await producerB.get(`/claims?${query}&pageSize=100`);

      expect(response.status).toBe(200);
      expect(claimIds(response.body)).not.toContain(paidA);
      expect(claimIds(response.body)).not.toContain(draftA);
      expectNothingOfA(response.body);
    });

    const namingA: [string, (company: string) => string][] = [
      ['GET /claims', (company) => `/claims?companyId=${company}`],
      ['GET /claims with other filters', (company) => `/claims?companyId=${company}&state=paid&pageSize=100`],
      ['GET /results-reports', (company) => `/results-reports?companyId=${company}`],
      [
        'GET /results-reports/outstanding',
        (company) => `/results-reports/outstanding?programmeYear=2026&companyId=${company}`,
      ],
    ];

    it.each(namingA)(
      'refuses B %s naming A, in any case, with 403 CLAIM.OTHER_COMPANY on companyId',
      async (_, path) => {
        expect((await ownerA.get(path(companyA))).status).toBe(200);

        for (const company of [companyA, companyA.toUpperCase()]) {
          const response = await producerB.get(path(company));
          expectOtherCompanyRefused(response);
          expectNothingOfA(response.body);
        }
      },
    );

    it.each(namingA)('answers A %s naming A in upper case as its own company', async (_, path) => {
      const lower = await ownerA.get(path(companyA));

      const upper = await ownerA.get(path(companyA.toUpperCase()));

      expect([upper.status, upper.body]).toEqual([200, lower.body]);
    });

    it('answers A its own company named by a token that has it in upper case', async () => {
      const ownerUpper = await suite.subsidy.as({ ...producerOf(companyA), companyId: companyA.toUpperCase() });

      const claims = await ownerUpper.get(`/claims?companyId=${companyA}&pageSize=100`);
      const results = await ownerUpper.get(`/results-reports?companyId=${companyA}`);

      expect([claims.status, claimIds(claims.body).sort()]).toEqual([200, [paidA, draftA].sort()]);
      expect([results.status, results.body.map((r: { id: string }) => r.id)]).toEqual([200, [resultsA]]);
    });

    it("shows A its own claims where B's token asks the same (the filters find them)", async () => {
      expect(claimIds((await ownerA.get('/claims?pageSize=100')).body).sort()).toEqual([paidA, draftA].sort());
      expect(claimIds((await ownerA.get(`/claims?companyId=${companyA}&pageSize=100`)).body).sort()).toEqual(
        [paidA, draftA].sort(),
      );
      expect(claimIds((await producerB.get('/claims?pageSize=100')).body)).toEqual([draftB]);
      // A's draft is A's own until submitted (test/drafts.e2e-spec.ts).
      const admin = await suite.subsidy.as(ADMIN);
      expect(claimIds((await admin.get(`/claims?companyId=${companyA}&pageSize=100`)).body)).toEqual([paidA]);
    });

    it("never shows B A's results reports when B names no company", async () => {
      expect((await ownerA.get('/results-reports')).body.map((r: { id: string }) => r.id)).toEqual([resultsA]);
      expect(
        (await ownerA.get(`/results-reports?companyId=${companyA}`)).body.map((r: { id: string }) => r.id),
      ).toEqual([resultsA]);

      const response = await producerB.get('/results-reports');

      expect([response.status, response.body]).toEqual([200, []]);
    });

    it("leaves A out of B's outstanding results", async () => {
      const ownA = await ownerA.get('/results-reports/outstanding?programmeYear=2026');
      expect(ownA.body).toEqual([expect.objectContaining({ companyId: companyA, awaitingPlan: true })]);

      const response = await producerB.get('/results-reports/outstanding?programmeYear=2026');

      expect([response.status, response.body]).toEqual([200, []]);
    });

    it('lets staff name any company in every list', async () => {
      for (const staff of [ADMIN, FINANCE, OFFICER_1]) {
        const http = await suite.subsidy.as(staff);
        for (const [, path] of namingA) expect((await http.get(path(companyA))).status).toBe(200);
      }
    });
  });

  describe("changing A's data", () => {
    it.each<[string, (http: Agent) => Promise<{ status: number; body: unknown }>]>([
      ['editing the draft', (http) => http.patch(`/claims/${draftA}`).send({ noTaxArrears: false })],
      ['submitting the draft', (http) => http.post(`/claims/${draftA}/submit`)],
      [
        'attaching a document',
        (http) =>
          http
            .post(`/claims/${draftA}/documents`)
            .attach('file', PDF, { filename: 'planted.pdf', contentType: 'application/pdf' }),
      ],
      [
        'commenting',
        (http) => http.post(`/claims/${draftA}/comments`).send({ text: 'Planted', visibility: 'producer' }),
      ],
      [
        'commenting on the paid claim',
        (http) => http.post(`/claims/${paidA}/comments`).send({ text: 'Planted', visibility: 'producer' }),
      ],
      [
        'attaching a document to the paid claim',
        (http) =>
          http
            .post(`/claims/${paidA}/documents`)
            .attach('file', PDF, { filename: 'planted.pdf', contentType: 'application/pdf' }),
      ],
    ])('refuses B %s with 404 and changes nothing', async (_, act) => {
      const before = {
        draft: await claimFootprint(suite.subsidy, draftA),
        paid: await claimFootprint(suite.subsidy, paidA),
      };

      const response = await act(producerB);

      expectNotFound(response);
      expectNothingOfA(response.body, draftA, paidA);
      expect({
        draft: await claimFootprint(suite.subsidy, draftA),
        paid: await claimFootprint(suite.subsidy, paidA),
      }).toEqual(before);
    });

    it('lets A do the same to its own draft (the refusals above are about the company)', async () => {
      await ownerA.patch(`/claims/${draftA}`).send({ noTaxArrears: true }).expect(200);
      await ownerA.post(`/claims/${draftA}/comments`).send({ text: 'Second of A', visibility: 'producer' }).expect(201);
    });

    it("refuses B a claim or results filed in A's name, writing nothing", async () => {
      const [before] = await suite.subsidy.sql(
        `SELECT (SELECT count(*) FROM claim WHERE company_id = $1)::int AS claims,
                (SELECT count(*) FROM results_report WHERE company_id = $1)::int AS results`,
        [companyA],
      );
      const claim = await producerB.post('/claims').send({ ...claimBody(randomUUID()), companyId: companyA });
      const results = await producerB
        .post('/results-reports')
        .send({ companyId: companyA, programmeYear: 2026, indicator: INDICATOR, actual: '1' });

      expectOtherCompanyRefused(claim);
      expectOtherCompanyRefused(results);
      const [after] = await suite.subsidy.sql(
        `SELECT (SELECT count(*) FROM claim WHERE company_id = $1)::int AS claims,
                (SELECT count(*) FROM results_report WHERE company_id = $1)::int AS results`,
        [companyA],
      );
      expect(after).toEqual(before);
    });
  });

  describe('producers with no company, or one the registry does not know', () => {
    it('gives a producer token without company_id nothing of anyone, and refuses it alike on every route', async () => {
      const nobody = await suite.subsidy.as({ roles: ['producer'], userId: 'u-producer-nobody' });
      const expectNoCompany = (response: { status: number; body: { code?: string; errors?: unknown } }) =>
        expect([response.status, response.body.code, response.body.errors]).toEqual([403, 'CLAIM.NO_COMPANY', []]);

      // Whether the claim exists or not: nothing is looked up for a token that names no company.
      const before = {
        draft: await claimFootprint(suite.subsidy, draftA),
        paid: await claimFootprint(suite.subsidy, paidA),
      };
      for (const id of [draftA, paidA, randomUUID()]) {
        for (const path of ['', '/eligibility', '/documents', `/documents/${documentA}`, '/comments', '/clawback']) {
          const response = await nobody.get(`/claims/${id}${path}`);
          expectNoCompany(response);
          expectNothingOfA(response.body);
        }
        expectNoCompany(await nobody.patch(`/claims/${id}`).send({ noTaxArrears: true }));
        expectNoCompany(await nobody.post(`/claims/${id}/submit`));
        expectNoCompany(
          await nobody
            .post(`/claims/${id}/documents`)
            .attach('file', PDF, { filename: 'planted.pdf', contentType: 'application/pdf' }),
        );
        expectNoCompany(await nobody.post(`/claims/${id}/comments`).send({ text: 'Planted', visibility: 'producer' }));
      }
      expect({
        draft: await claimFootprint(suite.subsidy, draftA),
        paid: await claimFootprint(suite.subsidy, paidA),
      }).toEqual(before);
      for (const path of ['/claims', '/results-reports', '/results-reports/outstanding?programmeYear=2026']) {
        expectNoCompany(await nobody.get(path));
        const naming = await nobody.get(`${path}${path.includes('?') ? '&' : '?'}companyId=${companyA}`);
        expectNoCompany(naming);
        expectNothingOfA(naming.body);
      }
      expectNoCompany(await nobody.post('/claims').send(claimBody(randomUUID())));
      expectNoCompany(await nobody.post('/claims').send({ ...claimBody(randomUUID()), companyId: companyA }));
      expectNoCompany(
        await nobody.post('/results-reports').send({ programmeYear: 2026, indicator: INDICATOR, actual: '1' }),
      );
    });

    it('keeps a producer of a company unknown to the registry to its own (empty) company', async () => {
      const stranger = await suite.subsidy.as(producerOf(randomUUID()));

      expectNotFound(await stranger.get(`/claims/${paidA}`));
      const listed = await stranger.get('/claims');
      expect([listed.status, listed.body.total]).toEqual([200, 0]);
      expect((await stranger.get('/results-reports')).body).toEqual([]);
      expect((await stranger.get('/results-reports/outstanding?programmeYear=2026')).body).toEqual([]);
    });

    it("treats a token holding producer and a staff role as the producer: A's claims stay hidden", async () => {
      const dual = await suite.subsidy.as({ ...producerOf(companyB), roles: ['producer', 'finance_officer'] });

      expectNotFound(await dual.get(`/claims/${paidA}`));
      // Its staff role counts for nothing: the review is the officers' and finance's.
      const review = await dual.get(`/claims/${paidA}/review`);
      expect([review.status, review.body.code]).toEqual([403, 'AUTH.ROLE_REQUIRED']);
      expectNotFound(await dual.get(`/claims/${paidA}/clawback`));
      const listed = await dual.get(`/claims?companyId=${companyA}`);
      expect([listed.status, listed.body.code]).toEqual([403, 'CLAIM.OTHER_COMPANY']);
    });
  });
});
