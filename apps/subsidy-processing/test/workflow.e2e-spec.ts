import {
  BudgetReserved,
  ClaimApproved,
  ClaimPaid,
  ClaimPaymentScheduled,
  ClaimReturned,
  ClaimSubmitted,
  ClaimTakenForReview,
  TOPICS,
} from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
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

describe('claim workflow over HTTP: submit, review with four eyes, pay', () => {
  const suite = useSubsidyWorld({ companies: 6 });

  const claimOf = (index: number, overrides: Record<string, unknown> = {}) =>
    submittedClaim(suite.subsidy, suite.companies[index], suite.reports.get(suite.companies[index])!, overrides);

  it('takes an accepted report through claim, two approvals above the threshold and payment, with events on Kafka', async () => {
    // 100 t × 500 000 RUB discount × 35% = 17.5 m RUB, above the 10 m RUB four-eyes threshold
    const claim = await claimOf(0, { lines: [discountLine('100')] });
    expect(claim).toMatchObject({ state: 'submitted', requestedKopecks: '1750000000', programmeVersion: 1 });
    const first = await suite.subsidy.as(OFFICER_1);
    const second = await suite.subsidy.as(OFFICER_2);

    expect((await first.post(`/claims/${claim.id}/take`)).body).toMatchObject({ state: 'under_review' });
    const firstApproval = await first.post(`/claims/${claim.id}/approve`).send({});
    expect(firstApproval.status).toBe(200);
    expect(firstApproval.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });
    const again = await first.post(`/claims/${claim.id}/approve`).send({});
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('CLAIM.SAME_APPROVER');
    const [untouched] = await suite.subsidy.sql<{ committed_kopecks: string }>(
      `SELECT committed_kopecks FROM programme WHERE year = 2026`,
    );
    expect(untouched.committed_kopecks).toBe('0');

    const approved = await second.post(`/claims/${claim.id}/approve`).send({});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      approvedKopecks: '1750000000',
      decidedBy: [{ userId: OFFICER_1.userId }, { userId: OFFICER_2.userId }],
    });
    const review = await second.get(`/claims/${claim.id}/review`);
    expect(review.body).toMatchObject({
      budget: {
        totalKopecks: '107000000000',
        committedKopecks: '1750000000',
        availableKopecks: '105250000000',
        utilisationPercent: '1.63',
      },
      reports: [
        {
          reportId: suite.reports.get(suite.companies[0]),
          relied: { version: 1, metalContentTonnes: '645.15' },
          latestAccepted: { version: 1 },
        },
      ],
    });

    const finance = await suite.subsidy.as(FINANCE);
    expect(
      (await finance.post(`/claims/${claim.id}/schedule-payment`).send({ scheduledOn: '2026-06-20' })).body.state,
    ).toBe('payment_scheduled');
    const paid = await finance
      .post(`/claims/${claim.id}/pay`)
      .send({ paidOn: '2026-06-15', reference: 'PP-2026-004512' });
    expect(paid.body).toMatchObject({ state: 'paid', paidKopecks: '1750000000', paidOn: '2026-06-15' });

    const published = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === claim.id,
      (found) => found.length >= 5,
    );
    expect(published.map((message) => JSON.parse(message.value!).type)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimApproved.type,
      ClaimPaymentScheduled.type,
      ClaimPaid.type,
    ]);
    const [reserved] = await readTopic(
      TOPICS.subsidyBudget.name,
      (message) => JSON.parse(message.value!).payload.claimId === claim.id,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(reserved.value!)).toMatchObject({
      type: BudgetReserved.type,
      payload: { amountKopecks: '1750000000', committedKopecks: '1750000000', utilisationPercent: '1.63' },
    });
  });

  it('approves below the threshold with one officer, reducing the amount with a reason', async () => {
    const claim = await claimOf(1);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${claim.id}/take`);
    // Null is not leaving a field out: refused by name, not failed on.
    const nulls = await officer.post(`/claims/${claim.id}/approve`).send({ approvedKopecks: null, reason: null });
    expect(nulls.status).toBe(400);
    expect(nulls.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'approvedKopecks',
      'reason',
    ]);
    const noReason = await officer.post(`/claims/${claim.id}/approve`).send({ approvedKopecks: '150000000' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ code: 'CLAIM.REDUCTION_REASON_REQUIRED', errors: [{ field: 'reason' }] });

    const approved = await officer
      .post(`/claims/${claim.id}/approve`)
      .send({ approvedKopecks: '150000000', reason: 'One invoice lacks the buyer signature' });
    expect(approved.body).toMatchObject({
      state: 'approved',
      approvedKopecks: '150000000',
      decidedBy: [{ userId: OFFICER_1.userId }],
    });
  });

  it('refuses a decision by whoever created or last edited the claim', async () => {
    const companyId = suite.companies[2];
    // An officer keying in a paper claim for the company
    const self = await suite.subsidy.as({ roles: ['subsidy_officer'], userId: 'u-officer-keying' });
    const created = await self.post('/claims').send({ ...claimBody(suite.reports.get(companyId)!), companyId });
    expect((await self.post(`/claims/${created.body.id}/submit`)).status).toBe(200);

    const taken = await self.post(`/claims/${created.body.id}/take`);
    expect(taken.status).toBe(403);
    expect(taken.body.code).toBe('CLAIM.SELF_DECISION');

    // Another officer takes it; the creator still cannot approve it, nor can the producer role approve at all.
    await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${created.body.id}/take`);
    expect((await self.post(`/claims/${created.body.id}/approve`).send({})).body.code).toBe('CLAIM.SELF_DECISION');
    const producer = await suite.subsidy.as(producerOf(companyId));
    expect((await producer.post(`/claims/${created.body.id}/approve`).send({})).status).toBe(403);
  });

  it('returns a claim saying what is missing; the producer edits and resubmits', async () => {
    const claim = await claimOf(3);
    const officer = await suite.subsidy.as(OFFICER_2);
    await officer.post(`/claims/${claim.id}/take`);
    const returned = await officer.post(`/claims/${claim.id}/return`).send({
      reason: 'The discounted sales are not supported',
      missing: ['Invoice INV-0012', 'Sales policy for 2026'],
    });
    expect(returned.body).toMatchObject({
      state: 'returned',
      missingItems: ['Invoice INV-0012', 'Sales policy for 2026'],
    });
    await officer
      .post(`/claims/${claim.id}/comments`)
      .send({ text: 'Buyer looks related to the producer', visibility: 'internal' });

    const producer = await suite.subsidy.as(producerOf(suite.companies[3]));
    const comments = await producer.get(`/claims/${claim.id}/comments`);
    expect(comments.body).toEqual([
      expect.objectContaining({ visibility: 'producer', text: expect.stringContaining('Sales policy for 2026') }),
    ]);
    const cleared = await producer.patch(`/claims/${claim.id}`).send({ noTaxArrears: null, period: null });
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'noTaxArrears',
      'period',
    ]);
    const edited = await producer.patch(`/claims/${claim.id}`).send({ lines: [discountLine('12')] });
    expect(edited.body).toMatchObject({ state: 'returned', requestedKopecks: '210000000' });
    const resubmitted = await producer.post(`/claims/${claim.id}/submit`);
    expect(resubmitted.body).toMatchObject({ state: 'submitted', missingItems: [], assignedTo: null });
    expect((await officer.get(`/claims/${claim.id}/comments`)).body).toHaveLength(2);

    const published = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === claim.id,
      (found) => found.length >= 4,
    );
    const events = published.map((message) => JSON.parse(message.value!));
    expect(events.map((event) => event.type)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimReturned.type,
      ClaimSubmitted.type,
    ]);
    expect(events[2]).toMatchObject({
      aggregateId: claim.id,
      payload: {
        claimId: claim.id,
        companyId: suite.companies[3],
        state: 'returned',
        decidedBy: [{ userId: OFFICER_2.userId }],
        reason: 'The discounted sales are not supported\nMissing:\n- Invoice INV-0012\n- Sales policy for 2026',
      },
    });
  });

  it("keeps producers to their own company's claims and officers to their own roles", async () => {
    const claim = await claimOf(4);
    const stranger = await suite.subsidy.as(producerOf(suite.companies[5]));
    expect((await stranger.get(`/claims/${claim.id}`)).status).toBe(404);
    expect((await stranger.patch(`/claims/${claim.id}`).send({ noTaxArrears: true })).status).toBe(404);
    expect((await stranger.get('/claims')).body.items).toEqual([]);
    const forOther = await stranger
      .post('/claims')
      .send({ ...claimBody(suite.reports.get(suite.companies[4])!), companyId: suite.companies[4] });
    expect(forOther.status).toBe(403);
    expect(forOther.body.code).toBe('CLAIM.OTHER_COMPANY');

    const finance = await suite.subsidy.as(FINANCE);
    expect((await finance.post(`/claims/${claim.id}/take`)).status).toBe(403);
    const officer = await suite.subsidy.as(OFFICER_1);
    expect((await officer.post(`/claims/${claim.id}/pay`).send({ paidOn: '2026-06-15', reference: 'x' })).status).toBe(
      403,
    );
  });

  it('lists the queue by age or by amount, filtered by state', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const oldest = await officer.get('/claims').query({ state: 'submitted', sort: 'oldest' });
    const largest = await officer.get('/claims').query({ state: 'submitted', sort: 'largest' });
    expect(oldest.status).toBe(200);
    const submittedAt = oldest.body.items.map((claim: { submittedAt: string }) => claim.submittedAt);
    expect(submittedAt).toEqual([...submittedAt].sort());
    const amounts = largest.body.items.map((claim: { requestedKopecks: string }) => BigInt(claim.requestedKopecks));
    expect(amounts).toEqual([...amounts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(oldest.body.items.length).toBeGreaterThanOrEqual(2);
    expect((await officer.get('/claims').query({ sort: 'cheapest' })).status).toBe(400);
  });
});
