import { randomUUID } from 'node:crypto';
import {
  BudgetReleased,
  ClaimApproved,
  ClaimPaymentScheduled,
  ClaimRejected,
  ClaimSubmitted,
  ClaimTakenForReview,
  TOPICS,
} from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
import {
  budgetReleases,
  claimBody,
  committed2026,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  paidClaim,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
  capAtOneClaim,
  ONE_CLAIM_CAP,
} from './support/fixtures';
import { type Caller, TODAY } from './support/subsidy-app';

const KEYING: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-keying', name: 'K. Keying' };

/** The statuses of answers to requests sent at once, in one order whichever was served first. */
const statuses = (answers: { status: number }[]) => answers.map((answer) => answer.status).sort();

/**
 * An approval not yet paid can be revoked: the claim ends rejected and gives back everything the approval
 * held (the budget's reservation, the company's cap room and quarter, its invoices), in one transaction
 * with its event and audit entry.
 */
describe('revoking an approval before payment', () => {
  const suite = useSubsidyWorld({ companies: 6 });

  beforeAll(() => capAtOneClaim(suite.subsidy));

  /** Company `index`'s claim on one invoice, taken and approved in full by OFFICER_1: its id. */
  async function approvedClaim(index: number, invoice = `INV-${randomUUID().slice(0, 8)}`): Promise<string> {
    const companyId = suite.companies[index];
    const claim = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!, {
      lines: [discountLine('10', invoice)],
    });
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${claim.id}/take`);
    const approved = await officer.post(`/claims/${claim.id}/approve`).send({});
    expect(approved.body).toMatchObject({ state: 'approved', approvedKopecks: ONE_CLAIM_CAP.toString() });
    return claim.id;
  }

  const revoke = async (caller: Caller, id: string, body: Record<string, unknown> = { reason: 'Forged invoice' }) =>
    (await suite.subsidy.as(caller)).post(`/claims/${id}/revoke`).send(body);

  it('rejects an approved claim, freeing its reservation, cap room and invoice, with an event and an audit entry', async () => {
    const companyId = suite.companies[0];
    const invoice = `INV-${randomUUID().slice(0, 8)}`;
    const before = await committed2026(suite.subsidy);
    const id = await approvedClaim(0, invoice);
    expect(await committed2026(suite.subsidy)).toBe(before + ONE_CLAIM_CAP);
    const producer = await suite.subsidy.as(producerOf(companyId));
    const { body: draft } = await producer
      .post('/claims')
      .send(claimBody(suite.reports.get(companyId)!, { lines: [discountLine('10', invoice)] }));
    const held = await producer.get(`/claims/${draft.id}/eligibility`);
    expect(held.body.failures.map((failure: { code: string }) => failure.code).sort()).toEqual([
      'CLAIM.ALREADY_CLAIMED_THIS_QUARTER',
      'CLAIM.INVOICE_ALREADY_CLAIMED',
      'CLAIM.NOTHING_REQUESTED',
    ]);

    const revoked = await revoke(OFFICER_2, id, { reason: 'The buyer never received the goods' });

    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'rejected',
      approvedKopecks: null,
      originallyApprovedKopecks: ONE_CLAIM_CAP.toString(),
      decidedBy: [{ userId: OFFICER_2.userId, name: OFFICER_2.name }],
      decisionReason: 'The buyer never received the goods',
    });
    expect(revoked.body).toEqual((await producer.get(`/claims/${id}`)).body);
    expect(await committed2026(suite.subsidy)).toBe(before);
    const review = await (await suite.subsidy.as(OFFICER_2)).get(`/claims/${id}/review`);
    expect(review.body.budget.committedKopecks).toBe(before.toString());

    // The same invoice, the same quarter and the whole cap go to the company's new claim.
    expect((await producer.get(`/claims/${draft.id}/eligibility`)).body).toMatchObject({ eligible: true });
    const submitted = await producer.post(`/claims/${draft.id}/submit`);
    expect(submitted.body).toMatchObject({ state: 'submitted', requestedKopecks: ONE_CLAIM_CAP.toString() });

    const published = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id,
      (found) => found.length >= 4,
    );
    const events = published.map((message) => JSON.parse(message.value!));
    expect(events.map((event) => event.type)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimApproved.type,
      ClaimRejected.type,
    ]);
    expect(events[3]).toMatchObject({
      aggregateId: id,
      payload: {
        claimId: id,
        companyId,
        state: 'rejected',
        approvedKopecks: null,
        decidedBy: [{ userId: OFFICER_2.userId }],
        reason: 'The buyer never received the goods',
        version: events[2].payload.version + 1,
      },
    });
    const [released] = await readTopic(
      TOPICS.subsidyBudget.name,
      (message) => {
        const event = JSON.parse(message.value!);
        return event.type === BudgetReleased.type && event.payload.claimId === id;
      },
      (found) => found.length >= 1,
    );
    expect(JSON.parse(released.value!).payload).toMatchObject({
      amountKopecks: ONE_CLAIM_CAP.toString(),
      committedKopecks: before.toString(),
    });

    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'claim.approval_revoked',
      actorId: OFFICER_2.userId,
      reason: 'The buyer never received the goods',
      changes: {
        state: 'rejected',
        releasedKopecks: ONE_CLAIM_CAP.toString(),
        previousApprovedKopecks: ONE_CLAIM_CAP.toString(),
      },
    });
  });

  it('revokes a claim scheduled for payment, which can then not be paid', async () => {
    const id = await approvedClaim(1);
    const finance = await suite.subsidy.as(FINANCE);
    expect((await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: TODAY })).status).toBe(200);

    const revoked = await revoke(OFFICER_2, id);

    expect(revoked.body).toMatchObject({ state: 'rejected', approvedKopecks: null, paymentScheduledOn: null });
    expect(await budgetReleases(suite.subsidy, id)).toEqual([ONE_CLAIM_CAP.toString()]);
    expect(await suite.subsidy.eventsOf(id)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimApproved.type,
      ClaimPaymentScheduled.type,
      ClaimRejected.type,
    ]);
    const paid = await finance.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-REVOKED' });
    expect([paid.status, paid.body.code]).toEqual([409, 'CLAIM.ILLEGAL_TRANSITION']);
  });

  it('refuses a producer, the claim’s writer, a paid claim, a claim not yet approved and a missing reason', async () => {
    const companyId = suite.companies[2];
    const keyedIn = await (
      await suite.subsidy.as(KEYING)
    )
      .post('/claims')
      .send({ ...claimBody(suite.reports.get(companyId)!), companyId });
    const id = keyedIn.body.id as string;
    await (await suite.subsidy.as(KEYING)).post(`/claims/${id}/submit`).expect(200);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${id}/take`).expect(200);
    const underReview = await revoke(OFFICER_2, id);
    expect([underReview.status, underReview.body.code]).toEqual([409, 'CLAIM.ILLEGAL_TRANSITION']);
    await officer.post(`/claims/${id}/approve`).send({}).expect(200);

    expect((await revoke(producerOf(companyId), id)).status).toBe(403);
    const ownWork = await revoke(KEYING, id);
    expect([ownWork.status, ownWork.body.code]).toEqual([403, 'CLAIM.SELF_DECISION']);
    for (const body of [{}, { reason: ' \n\t ' }]) {
      const noReason = await revoke(OFFICER_2, id, body);
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((error: { field: string }) => error.field)).toEqual(['reason']);
    }
    expect((await suite.subsidy.sql(`SELECT state FROM claim WHERE id = $1`, [id]))[0]).toEqual({ state: 'approved' });

    const paid = await paidClaim(suite.subsidy, suite.companies[3], suite.reports.get(suite.companies[3])!, {
      paidOn: TODAY,
      reference: 'PP-PAID-1',
    });
    const afterPayment = await revoke(OFFICER_2, paid);
    expect([afterPayment.status, afterPayment.body.code]).toEqual([409, 'CLAIM.ILLEGAL_TRANSITION']);
    expect(await budgetReleases(suite.subsidy, paid)).toEqual([]);
  });

  it('lets one of two officers revoking at once win, releasing the money once', async () => {
    const id = await approvedClaim(4);
    const before = await committed2026(suite.subsidy);

    const answers = await Promise.all([revoke(OFFICER_1, id), revoke(OFFICER_2, id)]);

    expect(statuses(answers)).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('CLAIM.ILLEGAL_TRANSITION');
    expect((await suite.subsidy.eventsOf(id)).filter((type) => type === ClaimRejected.type)).toHaveLength(1);
    expect(await budgetReleases(suite.subsidy, id)).toEqual([ONE_CLAIM_CAP.toString()]);
    expect(await committed2026(suite.subsidy)).toBe(before - ONE_CLAIM_CAP);
  });
});
