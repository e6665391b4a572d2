import {
  claimBody,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';
import { type Caller, TODAY, type Agent } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-orlov', name: 'P. Orlov' };

type Answer = { status: number; body: Record<string, unknown> };

/**
 * A command answers the claim as it is stored, lines included: the columns the database fills in (generated
 * ones, `updatedAt`) and every line by number, so a client need not GET the claim again to see what it just did.
 */
describe('subsidy-processing: a command answers the claim as a GET then shows it', () => {
  const suite = useSubsidyWorld({ companies: 4 });

  /**
   * The claim in the answer (`claimOf` finds it in answers that carry more) equals the claim `reader` reads
   * afterwards, lines and all.
   */
  async function expectAsStored(
    reader: Agent,
    answer: Answer,
    status: number,
    claimOf = (body: Record<string, unknown>) => body,
  ): Promise<Record<string, unknown>> {
    expect([answer.status, answer.body.code]).toEqual([status, undefined]);
    const claim = claimOf(answer.body);
    const stored = await reader.get(`/claims/${claim.id as string}`);
    expect(stored.body.lines).toEqual([expect.objectContaining({ lineNo: 1 })]);
    expect(claim).toEqual(stored.body);
    return claim;
  }

  it('describes every answer in the OpenAPI document as the claim with its lines', async () => {
    const { body: document } = await (await suite.subsidy.as(OFFICER_1)).get('/docs/openapi.json').expect(200);
    const claimView = '#/components/schemas/ClaimView';
    const answers: [string, 'get' | 'post' | 'patch', string][] = [
      ['/claims', 'post', '201'],
      ...(['get', 'patch'] as const).map((method): [string, typeof method, string] => ['/claims/{id}', method, '200']),
      ...[
        'submit',
        'take',
        'reassign',
        'approve',
        'reject',
        'revoke',
        'return',
        'schedule-payment',
        'pay',
        'clawback/settle',
      ].map((command): [string, 'post', string] => [`/claims/{id}/${command}`, 'post', '200']),
    ];
    for (const [path, method, status] of answers) {
      const answer = document.paths[path][method].responses[status].content['application/json'].schema;
      expect({ path, method, answer }).toEqual({ path, method, answer: { $ref: claimView } });
    }
    const { schemas } = document.components;
    expect(schemas.ClaimView.properties.lines).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/ClaimLine' },
    });
    expect(Object.keys(schemas.ClaimView.properties)).toEqual(
      expect.arrayContaining(['id', 'state', 'needsAnotherOfficer', 'clawbackOutstandingKopecks', 'updatedAt']),
    );
    for (const result of ['RepaymentResult', 'RefundResult']) {
      expect(schemas[result].properties.claim).toMatchObject({ $ref: claimView });
    }
  });

  it('answers create, edit, submit, take, approve, schedule and pay with every stored column', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const created = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[0])!));
    await expectAsStored(producer, created, 201);
    expect(created.body).toMatchObject({ needsAnotherOfficer: false, clawbackRefundDueKopecks: '0' });
    const id = created.body.id as string;

    await expectAsStored(producer, await producer.patch(`/claims/${id}`).send({ lines: [discountLine('12')] }), 200);
    await expectAsStored(producer, await producer.post(`/claims/${id}/submit`), 200);
    const officer = await suite.subsidy.as(OFFICER_1);
    await expectAsStored(officer, await officer.post(`/claims/${id}/take`), 200);
    await expectAsStored(officer, await officer.post(`/claims/${id}/approve`).send({}), 200);
    const finance = await suite.subsidy.as(FINANCE);
    await expectAsStored(
      finance,
      await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: TODAY }),
      200,
    );
    await expectAsStored(
      finance,
      await finance.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-ANSWER-1' }),
      200,
    );
  });

  it('answers an officer keying in a claim, a reassignment, a return and the edit after it', async () => {
    const keying = await suite.subsidy.as(OFFICER_2);
    const keyedIn = await keying
      .post('/claims')
      .send({ ...claimBody(suite.reports.get(suite.companies[1])!), companyId: suite.companies[1] });
    await expectAsStored(keying, keyedIn, 201);
    const id = keyedIn.body.id as string;
    await expectAsStored(keying, await keying.post(`/claims/${id}/submit`), 200);
    const officer = await suite.subsidy.as(OFFICER_1);
    await expectAsStored(officer, await officer.post(`/claims/${id}/take`), 200);
    const reassigned = await officer
      .post(`/claims/${id}/reassign`)
      .send({ officerId: OFFICER_3.userId, reason: 'Back from leave' });
    await expectAsStored(officer, reassigned, 200);
    const third = await suite.subsidy.as(OFFICER_3);
    const returned = await third
      .post(`/claims/${id}/return`)
      .send({ reason: 'Invoice unreadable', missing: ['A readable invoice'] });
    await expectAsStored(third, returned, 200);
    const producer = await suite.subsidy.as(producerOf(suite.companies[1]));
    await expectAsStored(producer, await producer.patch(`/claims/${id}`).send({ lines: [discountLine('11')] }), 200);
  });

  it('answers a rejection', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[2], suite.reports.get(suite.companies[2])!);
    const officer = await suite.subsidy.as(OFFICER_1);
    await expectAsStored(officer, await officer.post(`/claims/${claim.id}/take`), 200);
    await expectAsStored(
      officer,
      await officer.post(`/claims/${claim.id}/reject`).send({ reason: 'Related buyer' }),
      200,
    );
  });

  it('answers both approvals of four eyes, and repayments, settling and refunds of a clawback with the claim', async () => {
    // 17.5 m RUB, above the 10 m RUB four-eyes threshold
    const claim = await submittedClaim(suite.subsidy, suite.companies[3], suite.reports.get(suite.companies[3])!, {
      lines: [discountLine('100')],
    });
    const first = await suite.subsidy.as(OFFICER_1);
    await expectAsStored(first, await first.post(`/claims/${claim.id}/take`), 200);
    const once = await expectAsStored(first, await first.post(`/claims/${claim.id}/approve`).send({}), 200);
    expect(once).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });
    const second = await suite.subsidy.as(OFFICER_2);
    await expectAsStored(second, await second.post(`/claims/${claim.id}/approve`).send({}), 200);
    const finance = await suite.subsidy.as(FINANCE);
    await expectAsStored(
      finance,
      await finance.post(`/claims/${claim.id}/pay`).send({ paidOn: TODAY, reference: 'PP-ANSWER-4' }),
      200,
    );

    // Results 25% below plan demand 437 500 000 back; corrected to 10% below, 175 000 000.
    const results = await first.post('/results-reports').send({
      companyId: suite.companies[3],
      programmeYear: 2026,
      indicator: 'REO output, t',
      planned: '1000',
      actual: '750',
    });
    expect(results.body.clawbacks).toEqual([claim.id]);
    const repaid = await finance
      .post(`/claims/${claim.id}/clawback/repayments`)
      .send({ amountKopecks: '100000000', repaidOn: TODAY, reference: 'PP-IN-1' });
    const answered = await expectAsStored(finance, repaid, 201, (body) => body.claim as Record<string, unknown>);
    expect(answered).toMatchObject({ state: 'under_clawback', clawbackOutstandingKopecks: '337500000' });
    const settled = await finance
      .post(`/claims/${claim.id}/clawback/settle`)
      .send({ settledOn: TODAY, reference: 'PP-IN-2' });
    expect(await expectAsStored(finance, settled, 200)).toMatchObject({ state: 'clawed_back' });
    const corrected = await second
      .post(`/results-reports/${results.body.report.id}/corrections`)
      .send({ actual: '900', reason: 'Audited accounts' });
    expect(corrected.body.reducedClawbacks).toEqual([claim.id]);
    const refunded = await finance
      .post(`/claims/${claim.id}/clawback/refunds`)
      .send({ amountKopecks: '100000000', refundedOn: TODAY, reference: 'PP-OUT-1' });
    expect(await expectAsStored(finance, refunded, 201, (body) => body.claim as Record<string, unknown>)).toMatchObject(
      { clawbackRefundDueKopecks: '162500000', clawbackOutstandingKopecks: '0' },
    );
  });
});
