import { ClaimClawbackRepaid, ClaimClawbackSettled, ReportAccepted, TOPICS } from '@redmet/contracts';
import { readTopic, waitFor } from '@redmet/testing';
import {
  budgetReleases,
  committed2026,
  FINANCE,
  OFFICER_1,
  producerOf,
  reportLine,
  reportVersion,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';

const DEMANDED = '87500000'; // half of a 175 000 000 kopeck subsidy: the relied-on metal content halved
const DUE = '2026-06-29'; // ten working days after Monday 15 June

describe('clawback repayments: partial, each released to the budget, overdue demands listed', () => {
  const demanded: string[] = [];

  const suite = useSubsidyWorld({ companies: 4 });

  /** A paid claim per company, then each relied-on report halved: every claim owes DEMANDED by DUE. */
  beforeAll(async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const finance = await suite.subsidy.as(FINANCE);
    for (const [index, companyId] of suite.companies.entries()) {
      const claim = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!);
      await officer.post(`/claims/${claim.id}/take`);
      await officer.post(`/claims/${claim.id}/approve`).send({});
      await finance.post(`/claims/${claim.id}/pay`).send({ paidOn: '2026-06-15', reference: `PP-${index}` });
      demanded.push(claim.id);
    }
    const lower = suite.companies.map((companyId) =>
      reportVersion(companyId, {
        reportId: suite.reports.get(companyId)!,
        version: 2,
        state: 'accepted',
        lines: [reportLine('322.575')],
      }),
    );
    await suite.subsidy.publishMany(
      ReportAccepted,
      lower.map((report) => [report.reportId, report]),
    );
    await waitFor(async () => {
      const [row] = await suite.subsidy.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM claim WHERE id = ANY($1) AND state = 'under_clawback'`,
        [demanded],
      );
      return row.n === demanded.length;
    });
  });

  afterEach(() => suite.subsidy.travelTo());

  const repayments = (id: string) =>
    suite.subsidy.sql<{ n: number }>(`SELECT count(*)::int AS n FROM clawback_repayment WHERE claim_id = $1`, [id]);

  it('keeps a demand open until it is repaid in full, releasing each repayment to the budget', async () => {
    const id = demanded[0];
    const finance = await suite.subsidy.as(FINANCE);
    expect((await finance.get(`/claims/${id}`)).body).toMatchObject({
      state: 'under_clawback',
      clawbackKopecks: DEMANDED,
      clawbackOutstandingKopecks: DEMANDED,
      clawbackDueOn: DUE,
    });
    const before = await committed2026(suite.subsidy);

    const first = await finance
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '50000000', repaidOn: '2026-06-15', reference: 'PP-IN-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      repayment: { amountKopecks: '50000000', repaidOn: '2026-06-15', reference: 'PP-IN-1' },
      claim: {
        state: 'under_clawback',
        clawbackSettledKopecks: '50000000',
        clawbackOutstandingKopecks: '37500000',
        clawbackSettledOn: null,
      },
    });
    expect(before - (await committed2026(suite.subsidy))).toBe(50000000n);
    expect((await finance.get(`/claims/${id}`)).body.clawbackOutstandingKopecks).toBe('37500000');

    const last = await finance
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '37500000', repaidOn: '2026-06-15', reference: 'PP-IN-2' });
    expect(last.body.claim).toMatchObject({
      state: 'clawed_back',
      clawbackSettledKopecks: DEMANDED,
      clawbackOutstandingKopecks: '0',
      clawbackSettledOn: '2026-06-15',
    });
    expect(before - (await committed2026(suite.subsidy))).toBe(87500000n);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['50000000', '37500000']);
    const types = (await suite.subsidy.eventsOf(id)).slice(-3);
    expect(types).toEqual([ClaimClawbackRepaid.type, ClaimClawbackRepaid.type, ClaimClawbackSettled.type]);

    const statement = await (await suite.subsidy.as(producerOf(suite.companies[0]))).get(`/claims/${id}/clawback`);
    expect(statement.body).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: DEMANDED,
      repaidKopecks: DEMANDED,
      outstandingKopecks: '0',
      dueOn: DUE,
      overdue: false,
      repayments: [
        { amountKopecks: '50000000', reference: 'PP-IN-1', recordedBy: { userId: FINANCE.userId } },
        { amountKopecks: '37500000', reference: 'PP-IN-2' },
      ],
    });
    const audit = await finance.get('/audit').query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.slice(-2)).toMatchObject([
      { action: 'claim.clawback_repaid', changes: { amountKopecks: '50000000', outstandingKopecks: '37500000' } },
      { action: 'claim.clawback_settled', changes: { amountKopecks: '37500000', outstandingKopecks: '0' } },
    ]);

    const messages = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimClawbackRepaid.type,
      (found) => found.length >= 2,
    );
    expect(messages.map((message) => JSON.parse(message.value!).payload)).toMatchObject([
      { amountKopecks: '50000000', repaidKopecks: '50000000', outstandingKopecks: '37500000', dueOn: DUE },
      { amountKopecks: '37500000', repaidKopecks: DEMANDED, outstandingKopecks: '0', state: 'clawed_back' },
    ]);

    const more = await finance
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '1', repaidOn: '2026-06-15', reference: 'PP-IN-3' });
    expect(more.body.code).toBe('CLAIM.ILLEGAL_TRANSITION');
  });

  it('refuses an over-repayment, a repeated reference, bad input and other roles, writing nothing', async () => {
    const id = demanded[1];
    const finance = await suite.subsidy.as(FINANCE);
    await finance
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '80000000', repaidOn: '2026-06-15', reference: 'PP-IN-A' });
    const before = { committed: await committed2026(suite.subsidy), events: await suite.subsidy.eventsOf(id) };
    const repay = (body: Record<string, unknown>) =>
      finance
        .post(`/claims/${id}/clawback/repayments`)
        .send({ amountKopecks: '1000', repaidOn: '2026-06-15', reference: 'PP-IN-B', ...body });

    const over = await repay({ amountKopecks: '7500001' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: 'CLAWBACK.OVERPAYMENT',
      errors: [{ field: 'amountKopecks', messages: [expect.stringContaining('7500000 kopecks outstanding')] }],
    });
    const again = await repay({ reference: 'PP-IN-A' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CLAWBACK.DUPLICATE_REFERENCE', errors: [{ field: 'reference' }] });
    const future = await repay({ repaidOn: '2026-06-16' });
    expect(future.body).toMatchObject({ code: 'PAYMENT.DATE_IN_FUTURE', errors: [{ field: 'repaidOn' }] });
    const early = await repay({ repaidOn: '2026-06-14' });
    expect(early.body).toMatchObject({ code: 'CLAWBACK.REPAID_BEFORE_PAYMENT', errors: [{ field: 'repaidOn' }] });
    const invalid = await finance
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '-5', repaidOn: '2026-02-30' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'amountKopecks',
      'reference',
      'repaidOn',
    ]);
    for (const amountKopecks of ['0', '1.5', 7500000]) {
      expect((await repay({ amountKopecks })).status).toBe(400);
    }
    const producer = await suite.subsidy.as(producerOf(suite.companies[1]));
    expect((await producer.post(`/claims/${id}/clawback/repayments`).send({})).status).toBe(403);
    expect((await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${id}/clawback/settle`).send({})).status).toBe(403);

    expect(await committed2026(suite.subsidy)).toBe(before.committed);
    expect(await suite.subsidy.eventsOf(id)).toEqual(before.events);
    expect(await repayments(id)).toEqual([{ n: 1 }]);
    expect((await finance.get(`/claims/${id}`)).body).toMatchObject({
      state: 'under_clawback',
      clawbackOutstandingKopecks: '7500000',
    });
  });

  it('settles what is outstanding after a partial repayment through the settle route', async () => {
    const id = demanded[1]; // 80 000 000 of 87 500 000 repaid above
    const finance = await suite.subsidy.as(FINANCE);
    const before = await committed2026(suite.subsidy);
    const settled = await finance
      .post(`/claims/${id}/clawback/settle`)
      .send({ settledOn: '2026-06-15', reference: 'PP-IN-C' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({
      state: 'clawed_back',
      clawbackSettledKopecks: DEMANDED,
      clawbackOutstandingKopecks: '0',
    });
    expect(before - (await committed2026(suite.subsidy))).toBe(7500000n);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['80000000', '7500000']);
    expect(await repayments(id)).toEqual([{ n: 2 }]);
  });

  it('lists the demands past their due day and not fully repaid', async () => {
    const [, , partly, untouched] = demanded;
    const finance = await suite.subsidy.as(FINANCE);
    await finance
      .post(`/claims/${partly}/clawback/repayments`)
      .send({ amountKopecks: '10000000', repaidOn: '2026-06-15', reference: 'PP-IN-D' });
    const overdueIds = async () => {
      const page = await finance.get('/claims').query({ clawbackOverdue: 'true', sort: 'clawbackDue', pageSize: 100 });
      expect(page.status).toBe(200);
      return page.body.items.map((claim: { id: string }) => claim.id).sort();
    };
    expect(await overdueIds()).toEqual([]);

    suite.subsidy.travelTo('2026-06-29'); // the due day itself: not yet overdue
    expect(await overdueIds()).toEqual([]);

    suite.subsidy.travelTo('2026-06-30');
    expect(await overdueIds()).toEqual([partly, untouched].sort());
    const statement = await finance.get(`/claims/${partly}/clawback`);
    expect(statement.body).toMatchObject({ outstandingKopecks: '77500000', dueOn: DUE, overdue: true });
    const notOverdue = await finance.get('/claims').query({ clawbackOverdue: 'false', pageSize: 100 });
    const notOverdueIds = notOverdue.body.items.map((claim: { id: string }) => claim.id);
    expect(notOverdueIds).toEqual(expect.arrayContaining([demanded[0], demanded[1]]));
    expect(notOverdueIds).not.toContain(partly);

    // Repaid late, in full: no longer overdue.
    await finance
      .post(`/claims/${partly}/clawback/repayments`)
      .send({ amountKopecks: '77500000', repaidOn: '2026-06-30', reference: 'PP-IN-E' });
    expect(await overdueIds()).toEqual([untouched]);
    const invalid = await finance.get('/claims').query({ clawbackOverdue: 'maybe' });
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual(['clawbackOverdue']);
  });
});
