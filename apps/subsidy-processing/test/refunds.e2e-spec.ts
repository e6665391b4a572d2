import { randomUUID } from 'node:crypto';
import {
  BudgetReserved,
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimClawbackRefunded,
  ClaimClawbackSettled,
  ReportAccepted,
  TOPICS,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { readTopic, waitFor } from '@redmet/testing';
import {
  ADMIN,
  budgetReleases,
  committed2026,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  paidClaim,
  producerOf,
  reportLine,
  reportRecorded,
  reportVersion,
  useSubsidyWorld,
} from './support/fixtures';
import { type Caller, TODAY } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-kuznetsova', name: 'M. Kuznetsova' };

/**
 * Every claim is paid 175 000 000 kopecks. Results of 750 against 1000
 * planned demand a quarter of it back (43 750 000); corrected results then
 * lower the demand below what was repaid, and the excess is due back.
 */
describe('clawback refunds: a demand lowered below what was repaid owes the excess back', () => {
  const suite = useSubsidyWorld({ companies: 4 });

  const paid = (index: number) =>
    paidClaim(suite.subsidy, suite.companies[index], suite.reports.get(suite.companies[index])!, {
      paidOn: TODAY,
      reference: `PP-F${index}`,
    });

  /** Results of 1000 planned and `actual` achieved, recorded by an officer: the report's id. */
  const results = async (index: number, actual: string) => {
    const recorded = await (await suite.subsidy.as(OFFICER_1)).post('/results-reports').send({
      companyId: suite.companies[index],
      programmeYear: 2026,
      indicator: 'REO output, t',
      planned: '1000',
      actual,
    });
    expect(recorded.status).toBe(201);
    return recorded.body.report.id as string;
  };

  /** Nobody corrects their own correction, so corrections in a row alternate between two officers. */
  const correctActual = async (reportId: string, actual: string, officer = OFFICER_2) => {
    const corrected = await (
      await suite.subsidy.as(officer)
    )
      .post(`/results-reports/${reportId}/corrections`)
      .send({ actual, reason: `Audited accounts show ${actual} t` });
    expect(corrected.status).toBe(201);
    return {
      clawbacks: corrected.body.clawbacks as string[],
      reducedClawbacks: corrected.body.reducedClawbacks as string[],
    };
  };

  const repay = async (id: string, amountKopecks: string, reference: string) => {
    const repaid = await (
      await suite.subsidy.as(FINANCE)
    )
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks, repaidOn: TODAY, reference });
    expect(repaid.status).toBe(201);
  };

  const refund = async (id: string, body: Record<string, unknown>) =>
    (await suite.subsidy.as(FINANCE))
      .post(`/claims/${id}/clawback/refunds`)
      .send({ refundedOn: TODAY, reference: `PP-OUT-${randomUUID().slice(0, 8)}`, ...body });

  const claimOf = async (id: string) => (await (await suite.subsidy.as(FINANCE)).get(`/claims/${id}`)).body;

  const payloads = (id: string, type: string) =>
    suite.subsidy
      .sql<{ payload: Record<string, unknown> }>(
        `SELECT envelope -> 'payload' AS payload FROM outbox_message
          WHERE message_key = $1 AND event_type = $2 ORDER BY id`,
        [id, type],
      )
      .then((rows) => rows.map((row) => row.payload));

  /** The amounts of every BudgetReserved for one claim, oldest first: its approval, then refunds. */
  const budgetReservations = (id: string) =>
    suite.subsidy
      .sql<{ amount: string }>(
        `SELECT envelope -> 'payload' ->> 'amountKopecks' AS amount FROM outbox_message
          WHERE event_type = $1 AND envelope -> 'payload' ->> 'claimId' = $2 ORDER BY id`,
        [BudgetReserved.type, id],
      )
      .then((rows) => rows.map((row) => row.amount));

  const refundRows = (id: string) =>
    suite.subsidy.sql<{ n: number }>(`SELECT count(*)::int AS n FROM clawback_refund WHERE claim_id = $1`, [id]);

  const auditOf = async (id: string) =>
    (await (await suite.subsidy.as(OFFICER_1)).get('/audit').query({ subjectType: 'claim', subjectId: id })).body.items;

  it('shows the excess as refund due, then records it in parts, each reserved from the budget', async () => {
    const id = await paid(0);
    const reportId = await results(0, '750');
    await repay(id, '30000000', 'PP-IN-F0');
    const committed = await committed2026(suite.subsidy);

    // Demand 175 000 000 × 0.1 = 17 500 000 against 30 000 000 repaid: 12 500 000 due back.
    expect(await correctActual(reportId, '900')).toEqual({ clawbacks: [], reducedClawbacks: [id] });
    expect(await committed2026(suite.subsidy)).toBe(committed);
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    expect((await producer.get(`/claims/${id}`)).body).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '17500000',
      clawbackSettledKopecks: '30000000',
      clawbackOutstandingKopecks: '0',
      clawbackRefundDueKopecks: '12500000',
      clawbackRefundedKopecks: null,
    });
    expect((await producer.get(`/claims/${id}/clawback`)).body).toMatchObject({
      clawbackKopecks: '17500000',
      repaidKopecks: '30000000',
      outstandingKopecks: '0',
      refundedKopecks: '0',
      refundDueKopecks: '12500000',
      refunds: [],
    });
    expect((await suite.subsidy.eventsOf(id)).slice(-2)).toEqual([
      ClaimClawbackReduced.type,
      ClaimClawbackSettled.type,
    ]);
    expect(await payloads(id, ClaimClawbackReduced.type)).toEqual([
      expect.objectContaining({
        state: 'clawed_back',
        previousClawbackKopecks: '43750000',
        clawbackKopecks: '17500000',
        repaidKopecks: '30000000',
        outstandingKopecks: '0',
        refundDueKopecks: '12500000',
      }),
    ]);
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'claim.clawback_refund_due',
      actorId: OFFICER_2.userId,
      changes: { clawbackKopecks: '17500000', refundDueKopecks: '12500000' },
    });

    const first = await refund(id, { amountKopecks: '5000000', reference: 'PP-OUT-F0-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      refund: { amountKopecks: '5000000', refundedOn: TODAY, reference: 'PP-OUT-F0-1' },
      claim: { state: 'clawed_back', clawbackRefundedKopecks: '5000000', clawbackRefundDueKopecks: '7500000' },
    });
    expect((await committed2026(suite.subsidy)) - committed).toBe(5000000n);

    const last = await refund(id, { amountKopecks: '7500000', reference: 'PP-OUT-F0-2' });
    expect(last.body.claim).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '17500000',
      clawbackRefundedKopecks: '12500000',
      clawbackRefundDueKopecks: '0',
    });
    expect((await committed2026(suite.subsidy)) - committed).toBe(12500000n);
    expect(await budgetReservations(id)).toEqual(['175000000', '5000000', '7500000']);
    expect((await suite.subsidy.eventsOf(id)).slice(-3)).toEqual([
      ClaimClawbackSettled.type,
      ClaimClawbackRefunded.type,
      ClaimClawbackRefunded.type,
    ]);
    const messages = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimClawbackRefunded.type,
      (found) => found.length >= 2,
    );
    expect(messages.map((message) => JSON.parse(message.value!).payload)).toMatchObject([
      {
        amountKopecks: '5000000',
        refundedOn: TODAY,
        clawbackKopecks: '17500000',
        repaidKopecks: '30000000',
        refundedKopecks: '5000000',
        refundDueKopecks: '7500000',
      },
      { amountKopecks: '7500000', refundedKopecks: '12500000', refundDueKopecks: '0', state: 'clawed_back' },
    ]);
    expect((await auditOf(id)).slice(-2)).toMatchObject([
      { action: 'claim.clawback_refunded', actorId: FINANCE.userId, changes: { reference: 'PP-OUT-F0-1' } },
      { action: 'claim.clawback_refunded', changes: { amountKopecks: '7500000', refundDueKopecks: '0' } },
    ]);
    expect((await producer.get(`/claims/${id}/clawback`)).body).toMatchObject({
      refundedKopecks: '12500000',
      refundDueKopecks: '0',
      refunds: [
        { amountKopecks: '5000000', reference: 'PP-OUT-F0-1', recordedBy: { userId: FINANCE.userId } },
        { amountKopecks: '7500000', reference: 'PP-OUT-F0-2' },
      ],
    });

    const nothingDue = await refund(id, { amountKopecks: '1' });
    expect(nothingDue.status).toBe(409);
    expect(nothingDue.body.code).toBe('CLAWBACK.NO_REFUND_DUE');
  });

  it('refuses an over-refund, one dated before the repayment, a budget that cannot pay it, bad input and other roles, writing nothing', async () => {
    const id = await paid(1);
    const reportId = await results(1, '750');
    await repay(id, '43750000', 'PP-IN-F1');
    // Results met after all: nothing is owed and all 43 750 000 is due back.
    await correctActual(reportId, '1000');
    expect(await claimOf(id)).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '0',
      clawbackRefundDueKopecks: '43750000',
    });
    const before = { committed: await committed2026(suite.subsidy), events: await suite.subsidy.eventsOf(id) };

    const over = await refund(id, { amountKopecks: '43750001' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: 'CLAWBACK.OVER_REFUND',
      errors: [{ field: 'amountKopecks', messages: [expect.stringContaining('43750000 kopecks refund due')] }],
    });
    const future = await refund(id, { amountKopecks: '1000', refundedOn: '2026-06-16' });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'PAYMENT.DATE_IN_FUTURE', errors: [{ field: 'refundedOn' }] });
    // Repaid on TODAY: nothing was there to give back the day before.
    const early = await refund(id, { amountKopecks: '1000', refundedOn: '2026-06-14' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'CLAWBACK.REFUNDED_BEFORE_REPAYMENT',
      errors: [{ field: 'refundedOn', messages: [expect.stringContaining(TODAY)] }],
    });
    const invalid = await (
      await suite.subsidy.as(FINANCE)
    )
      .post(`/claims/${id}/clawback/refunds`)
      .send({ amountKopecks: '0', refundedOn: '2026-02-30' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'amountKopecks',
      'reference',
      'refundedOn',
    ]);
    for (const caller of [producerOf(suite.companies[1]), OFFICER_1, ADMIN]) {
      const refused = await (
        await suite.subsidy.as(caller)
      )
        .post(`/claims/${id}/clawback/refunds`)
        .send({ amountKopecks: '1000', refundedOn: TODAY, reference: 'PP-OUT-X' });
      expect(refused.status).toBe(403);
    }

    // The repayment's money went to other claims meanwhile: less is available than the refund needs.
    const [{ total }] = await suite.subsidy.sql<{ total: string }>(
      `SELECT total_kopecks AS total FROM programme WHERE year = 2026`,
    );
    await suite.subsidy.sql(`UPDATE programme SET total_kopecks = committed_kopecks + 1000000 WHERE year = 2026`);
    try {
      const exceeded = await refund(id, { amountKopecks: '1000001' });
      expect(exceeded.status).toBe(409);
      expect(exceeded.body.code).toBe('CLAIM.BUDGET_EXCEEDED');
    } finally {
      await suite.subsidy.sql(`UPDATE programme SET total_kopecks = $1 WHERE year = 2026`, [total]);
    }

    expect(await committed2026(suite.subsidy)).toBe(before.committed);
    expect(await suite.subsidy.eventsOf(id)).toEqual(before.events);
    expect(await refundRows(id)).toEqual([{ n: 0 }]);
    expect(await claimOf(id)).toMatchObject({ clawbackRefundedKopecks: null, clawbackRefundDueKopecks: '43750000' });

    expect((await refund(id, { amountKopecks: '1000000', reference: 'PP-OUT-F1' })).status).toBe(201);
    const again = await refund(id, { amountKopecks: '1000', reference: 'PP-OUT-F1' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CLAWBACK.DUPLICATE_REFERENCE', errors: [{ field: 'reference' }] });
    expect(await refundRows(id)).toEqual([{ n: 1 }]);

    // Everything given back of a demand that came down to nothing: no demand is left, the claim is paid.
    const rest = await refund(id, { amountKopecks: '42750000' });
    expect(rest.body.claim).toMatchObject({
      state: 'paid',
      clawbackKopecks: null,
      clawbackOutstandingKopecks: null,
      clawbackRefundDueKopecks: '0',
      clawbackSettledKopecks: '43750000',
      clawbackRefundedKopecks: '43750000',
    });
    expect(before.committed - (await committed2026(suite.subsidy))).toBe(-43750000n);
  });

  it('lets a demand that rises again before the refund eat into the refund due first, moving no money', async () => {
    const id = await paid(2);
    const reportId = await results(2, '750');
    await repay(id, '43750000', 'PP-IN-F2');
    await correctActual(reportId, '900');
    expect(await claimOf(id)).toMatchObject({ clawbackKopecks: '17500000', clawbackRefundDueKopecks: '26250000' });
    const committed = await committed2026(suite.subsidy);

    // 175 000 000 × 0.2 = 35 000 000 demanded, 43 750 000 repaid: 8 750 000 still due back.
    expect(await correctActual(reportId, '800', OFFICER_3)).toEqual({ clawbacks: [id], reducedClawbacks: [] });
    expect(await claimOf(id)).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '35000000',
      clawbackOutstandingKopecks: '0',
      clawbackRefundDueKopecks: '8750000',
    });
    expect((await payloads(id, ClaimClawbackDemanded.type)).at(-1)).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '35000000',
      refundDueKopecks: '8750000',
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'claim.clawback_demanded',
      changes: { refundDueKopecks: '8750000' },
    });

    // 175 000 000 × 0.3 = 52 500 000: the refund is gone and 8 750 000 is owed again.
    await correctActual(reportId, '700');
    expect(await claimOf(id)).toMatchObject({
      state: 'under_clawback',
      clawbackKopecks: '52500000',
      clawbackOutstandingKopecks: '8750000',
      clawbackRefundDueKopecks: '0',
      clawbackSettledOn: null,
    });
    expect(await committed2026(suite.subsidy)).toBe(committed);
    expect(await budgetReservations(id)).toEqual(['175000000']);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['43750000']);
    expect((await refund(id, { amountKopecks: '1' })).body.code).toBe('CLAWBACK.NO_REFUND_DUE');
  });

  it('owes the refund once when the report event that lowers the demand is delivered again', async () => {
    const id = await paid(3);
    const reportId = suite.reports.get(suite.companies[3])!;
    const accept = async (version: number, metalContent: string) => {
      const payload = reportVersion(suite.companies[3], {
        reportId,
        version,
        state: 'accepted',
        lines: [reportLine(metalContent)],
      });
      const event = { ...sampleEvent(ReportAccepted), eventId: randomUUID(), aggregateId: reportId, payload };
      const redeliver = await suite.subsidy.publishRaw(ReportAccepted, event);
      await reportRecorded(suite.subsidy, reportId, version, 'accepted');
      return { event, redeliver };
    };
    // Half the metal content: half the subsidy back, repaid in full.
    await accept(2, '322.575');
    expect(await claimOf(id)).toMatchObject({ state: 'under_clawback', clawbackKopecks: '87500000' });
    await repay(id, '87500000', 'PP-IN-F3');
    const committed = await committed2026(suite.subsidy);

    // Amended back up: nothing owed, all 87 500 000 due back.
    const { event, redeliver } = await accept(3, '645.15');
    expect(await claimOf(id)).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '0',
      clawbackRefundDueKopecks: '87500000',
    });
    await redeliver();
    const repeated = { ...event, eventId: randomUUID() };
    await suite.subsidy.publishRaw(ReportAccepted, repeated);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [repeated.eventId]);
      return rows.length === 1;
    });

    expect(await claimOf(id)).toMatchObject({ clawbackKopecks: '0', clawbackRefundDueKopecks: '87500000' });
    expect(await payloads(id, ClaimClawbackReduced.type)).toEqual([
      expect.objectContaining({ clawbackKopecks: '0', refundDueKopecks: '87500000' }),
    ]);
    expect(
      (await auditOf(id)).filter((entry: { action: string }) => entry.action === 'claim.clawback_refund_due'),
    ).toEqual([expect.objectContaining({ actorId: 'system' })]);
    expect(await committed2026(suite.subsidy)).toBe(committed);
  });
});
