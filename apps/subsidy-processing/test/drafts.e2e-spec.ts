import { randomUUID } from 'node:crypto';
import {
  ADMIN,
  claimBody,
  claimFootprint,
  committed2026,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';
import { type Caller, TODAY, type Agent } from './support/subsidy-app';

const STAFF: [string, Caller][] = [
  ['an officer', OFFICER_1],
  ['finance', FINANCE],
  ['an admin', ADMIN],
];

type Response = { status: number; body: { code?: string } };

/**
 * A draft is its writer's until it is submitted: the company's producers, or the officer who keys in a paper
 * claim. To every other member of staff it does not exist: no list, queue or audit trail shows it, every route
 * under it answers as for an unknown id, and no command touches it. Once submitted it is theirs to review, and
 * a claim returned for changes, having been submitted, stays in view.
 */
describe('subsidy-processing: drafts are hidden from staff until submitted', () => {
  let producer: Agent;
  let draft: string;
  let document: string;
  let committedBefore: bigint;

  const suite = useSubsidyWorld({ companies: 3 });

  beforeAll(async () => {
    committedBefore = await committed2026(suite.subsidy);
    producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const created = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[0])!));
    expect(created.status).toBe(201);
    draft = created.body.id;
    await producer
      .patch(`/claims/${draft}`)
      .send({ lines: [discountLine('12')] })
      .expect(200);
    const uploaded = await producer
      .post(`/claims/${draft}/documents`)
      .attach('file', PDF, { filename: 'invoice.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    document = uploaded.body.id;
    await producer.post(`/claims/${draft}/comments`).send({ text: 'Ready soon', visibility: 'producer' }).expect(201);
  });

  const expectNotFound = (response: Response) =>
    expect([response.status, response.body.code]).toEqual([404, 'CLAIM.NOT_FOUND']);

  /** Each route under a claim, the staff who may call it, and whether the producer may (the review is staff's). */
  const reads: [string, (id: string) => string, Caller[], boolean][] = [
    ['the claim', (id) => `/claims/${id}`, [OFFICER_1, FINANCE, ADMIN], true],
    ['its eligibility', (id) => `/claims/${id}/eligibility`, [OFFICER_1], true],
    ['its review', (id) => `/claims/${id}/review`, [OFFICER_1, FINANCE, ADMIN], false],
    ['its documents', (id) => `/claims/${id}/documents`, [OFFICER_1, FINANCE, ADMIN], true],
    ['a document of it', (id) => `/claims/${id}/documents/${document}`, [OFFICER_1, FINANCE, ADMIN], true],
    ['its comments', (id) => `/claims/${id}/comments`, [OFFICER_1, FINANCE, ADMIN], true],
    ['its clawback statement', (id) => `/claims/${id}/clawback`, [OFFICER_1, FINANCE, ADMIN], true],
  ];

  it.each(reads)(
    "answers staff 404 for %s of a producer's draft, as for an unknown id",
    async (_, path, callers, producerReads) => {
      if (producerReads) expect((await producer.get(path(draft))).status).toBe(200);
      for (const caller of callers) {
        const staff = await suite.subsidy.as(caller);
        const response = await staff.get(path(draft));
        expectNotFound(response);
        expect(JSON.stringify(response.body)).not.toContain('invoice.pdf');
        expectNotFound(await staff.get(path(randomUUID())));
      }
    },
  );

  it.each<[string, Caller, (http: Agent) => Promise<Response>]>([
    ['an officer editing it', OFFICER_1, (http) => http.patch(`/claims/${draft}`).send({ noTaxArrears: false })],
    ['an officer submitting it', OFFICER_1, (http) => http.post(`/claims/${draft}/submit`)],
    ['an officer taking it', OFFICER_1, (http) => http.post(`/claims/${draft}/take`)],
    [
      'an admin reassigning it',
      ADMIN,
      (http) => http.post(`/claims/${draft}/reassign`).send({ officerId: OFFICER_2.userId, reason: 'Workload' }),
    ],
    ['an officer approving it', OFFICER_1, (http) => http.post(`/claims/${draft}/approve`).send({})],
    ['an officer rejecting it', OFFICER_1, (http) => http.post(`/claims/${draft}/reject`).send({ reason: 'No' })],
    [
      'an officer returning it',
      OFFICER_1,
      (http) => http.post(`/claims/${draft}/return`).send({ reason: 'Incomplete', missing: ['Invoices'] }),
    ],
    [
      'finance scheduling its payment',
      FINANCE,
      (http) => http.post(`/claims/${draft}/schedule-payment`).send({ scheduledOn: TODAY }),
    ],
    [
      'finance paying it',
      FINANCE,
      (http) => http.post(`/claims/${draft}/pay`).send({ paidOn: TODAY, reference: 'PP' }),
    ],
    [
      'finance recording a repayment',
      FINANCE,
      (http) =>
        http
          .post(`/claims/${draft}/clawback/repayments`)
          .send({ amountKopecks: '1', repaidOn: TODAY, reference: 'PP-IN' }),
    ],
    [
      'finance settling its clawback',
      FINANCE,
      (http) => http.post(`/claims/${draft}/clawback/settle`).send({ settledOn: TODAY, reference: 'PP-IN' }),
    ],
    [
      'finance recording a refund',
      FINANCE,
      (http) =>
        http
          .post(`/claims/${draft}/clawback/refunds`)
          .send({ amountKopecks: '1', refundedOn: TODAY, reference: 'PP-OUT' }),
    ],
    [
      'an officer attaching a document',
      OFFICER_1,
      (http) =>
        http
          .post(`/claims/${draft}/documents`)
          .attach('file', PDF, { filename: 'planted.pdf', contentType: 'application/pdf' }),
    ],
    [
      'an admin commenting',
      ADMIN,
      (http) => http.post(`/claims/${draft}/comments`).send({ text: 'Seen it', visibility: 'internal' }),
    ],
  ])("refuses %s with 404 and changes nothing of the producer's draft", async (_, caller, act) => {
    const before = await claimFootprint(suite.subsidy, draft);

    expectNotFound(await act(await suite.subsidy.as(caller)));

    expect(await claimFootprint(suite.subsidy, draft)).toEqual(before);
  });

  it.each(STAFF)('leaves the draft out of every list and its audit trail for %s', async (_, caller) => {
    const staff = await suite.subsidy.as(caller);
    for (const query of [
      '',
      'state=draft',
      `companyId=${suite.companies[0]}`,
      'period=2026-Q1&sort=recent',
      'sort=largest',
    ]) {
      const listed = await staff.get(`/claims?${query}&pageSize=200`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((claim: { id: string }) => claim.id)).not.toContain(draft);
    }
    const byCompany = await staff.get(`/claims?companyId=${suite.companies[0]}`);
    expect([byCompany.body.total, byCompany.body.items]).toEqual([0, []]);
    const trail = await staff.get('/audit').query({ subjectType: 'claim', subjectId: draft });
    expect([trail.status, trail.body.total, trail.body.items]).toEqual([200, 0, []]);
    const all = await staff.get('/audit').query({ pageSize: 200 });
    expect(all.body.items.map((entry: { subjectId: string }) => entry.subjectId)).not.toContain(draft);
    const byProducer = await staff.get('/audit').query({ actorId: producerOf(suite.companies[0]).userId });
    expect(byProducer.body.total).toBe(0);
  });

  it('leaves the producer everything of its draft, and reserves nothing for it', async () => {
    expect((await producer.get(`/claims/${draft}`)).body).toMatchObject({ state: 'draft', lines: [{ lineNo: 1 }] });
    expect((await producer.get('/claims?state=draft')).body.items.map((claim: { id: string }) => claim.id)).toEqual([
      draft,
    ]);
    expect((await producer.get(`/claims/${draft}/eligibility`)).body).toMatchObject({ eligible: true });
    expect((await producer.get(`/claims/${draft}/comments`)).body).toEqual([
      expect.objectContaining({ text: 'Ready soon' }),
    ]);
    expect(await committed2026(suite.subsidy)).toBe(committedBefore);
    expect(await suite.subsidy.eventsOf(draft)).toEqual([]);
  });

  it('keeps an officer’s paper draft to that officer until it is submitted', async () => {
    const keying = await suite.subsidy.as(OFFICER_2);
    const keyedIn = await keying
      .post('/claims')
      .send({ ...claimBody(suite.reports.get(suite.companies[1])!), companyId: suite.companies[1] });
    expect(keyedIn.status).toBe(201);
    const id = keyedIn.body.id as string;
    expect((await keying.get(`/claims/${id}`)).status).toBe(200);
    expect((await keying.get('/claims?state=draft')).body.items.map((claim: { id: string }) => claim.id)).toEqual([id]);
    await keying
      .patch(`/claims/${id}`)
      .send({ lines: [discountLine('11')] })
      .expect(200);
    expect((await keying.get('/audit').query({ subjectId: id })).body.total).toBe(2);
    expect((await (await suite.subsidy.as(producerOf(suite.companies[1]))).get(`/claims/${id}`)).status).toBe(200);
    for (const caller of [OFFICER_1, FINANCE, ADMIN]) {
      const other = await suite.subsidy.as(caller);
      expectNotFound(await other.get(`/claims/${id}`));
      expect((await other.get('/claims?state=draft')).body.items).toEqual([]);
    }

    expect((await keying.post(`/claims/${id}/submit`)).status).toBe(200);

    expect((await (await suite.subsidy.as(OFFICER_1)).get(`/claims/${id}`)).body.state).toBe('submitted');
  });

  it('shows staff a claim once submitted, with its history, and still when returned for changes', async () => {
    const own = await suite.subsidy.as(producerOf(suite.companies[2]));
    const created = await own.post('/claims').send(claimBody(suite.reports.get(suite.companies[2])!));
    const id = created.body.id as string;
    const officer = await suite.subsidy.as(OFFICER_1);
    expectNotFound(await officer.get(`/claims/${id}`));

    expect((await own.post(`/claims/${id}/submit`)).status).toBe(200);
    expect((await officer.get(`/claims/${id}`)).body.state).toBe('submitted');
    const trail = await officer.get('/audit').query({ subjectType: 'claim', subjectId: id });
    expect(trail.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'claim.created',
      'claim.submitted',
    ]);
    await officer.post(`/claims/${id}/take`).expect(200);
    await officer
      .post(`/claims/${id}/return`)
      .send({ reason: 'Invoices', missing: ['Invoice 1'] })
      .expect(200);

    const finance = await suite.subsidy.as(FINANCE);
    expect((await finance.get(`/claims/${id}`)).body.state).toBe('returned');
    const queue = await finance.get('/claims?state=returned');
    expect(queue.body.items.map((claim: { id: string }) => claim.id)).toEqual([id]);
    expect((await officer.get(`/claims/${id}/eligibility`)).status).toBe(200);
  });
});
