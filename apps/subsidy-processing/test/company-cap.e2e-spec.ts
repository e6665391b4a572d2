import { randomUUID } from 'node:crypto';
import { ClaimApprovalRaised, ReportAccepted, ReportRejected } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { DataSource } from 'typeorm';
import { waitFor } from '@redmet/testing';
import { ApprovalReassessment } from '../src/clawback/approval-reassessment';
import {
  claimBody,
  committed2026,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  reportLine,
  reportRecorded,
  paidClaim,
  producerOf,
  reportVersion,
  sessionsWaitingOnLocks,
  submittedClaim,
  useSubsidyWorld,
  capAtOneClaim,
  ONE_CLAIM_CAP,
} from './support/fixtures';
import { TODAY } from './support/subsidy-app';

/**
 * A company's claims of a year never take more than its cap: the room an
 * approval frees when a report lowers it, or an officer approves less, may go
 * to the company's next claim, and then the first one cannot take it back.
 */
describe("the company's yearly cap when an approval comes back up or money comes back", () => {
  const suite = useSubsidyWorld({ companies: 4 });

  beforeAll(() => capAtOneClaim(suite.subsidy));

  const claimOf = async (id: string) => (await (await suite.subsidy.as(OFFICER_1)).get(`/claims/${id}`)).body;
  /** What the company's live claims keep: approved (else requested), less clawed-back money the programme kept. */
  const liveTotal = async (companyId: string) => {
    const [row] = await suite.subsidy.sql<{ total: string }>(
      `SELECT sum(coalesce(approved_kopecks, requested_kopecks) - coalesce(clawback_settled_kopecks, 0)
                  + coalesce(clawback_refunded_kopecks, 0))::text AS total FROM claim
        WHERE company_id = $1 AND state NOT IN ('draft', 'rejected')`,
      [companyId],
    );
    return BigInt(row.total);
  };

  /** An accepted report of the company for 2026-Q2: its id. */
  async function secondQuarterReport(companyId: string) {
    const report = reportVersion(companyId, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, report.reportId, report);
    await reportRecorded(suite.subsidy, report.reportId, 1, 'accepted');
    return report.reportId;
  }

  /** A second claim of the company, for 2026-Q2, on a report of that quarter. */
  async function secondQuarterClaim(companyId: string) {
    return submittedClaim(suite.subsidy, companyId, await secondQuarterReport(companyId), { period: '2026-Q2' });
  }

  it('does not raise a lowered approval into room a later claim took, and raises it once that room is free again', async () => {
    const companyId = suite.companies[0];
    const reportId = suite.reports.get(companyId)!;
    const first = await submittedClaim(suite.subsidy, companyId, reportId);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${first.id}/take`);
    expect((await officer.post(`/claims/${first.id}/approve`).send({})).body.approvedKopecks).toBe(
      ONE_CLAIM_CAP.toString(),
    );

    const halved = reportVersion(companyId, { reportId, version: 2, lines: [reportLine('322.575')] });
    await suite.subsidy.publish(ReportAccepted, reportId, halved);
    await waitFor(async () => (await claimOf(first.id)).approvedKopecks === '87500000');
    const second = await secondQuarterClaim(companyId);
    expect(second.requestedKopecks).toBe('87500000');
    const committed = await committed2026(suite.subsidy);

    const restored = {
      ...sampleEvent(ReportAccepted),
      eventId: randomUUID(),
      aggregateId: reportId,
      payload: reportVersion(companyId, { reportId, version: 3, lines: [reportLine()] }),
    };
    await suite.subsidy.publishRaw(ReportAccepted, restored);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [restored.eventId]);
      return rows.length === 1;
    });
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP);
    expect((await claimOf(first.id)).approvedKopecks).toBe('87500000');
    expect((await suite.subsidy.eventsOf(first.id)).filter((type) => type === ClaimApprovalRaised.type)).toEqual([]);
    expect(await committed2026(suite.subsidy)).toBe(committed);

    // The second claim is rejected: its room is free, and the scheduled run gives it back to the first.
    const colleague = await suite.subsidy.as(OFFICER_2);
    await colleague.post(`/claims/${second.id}/take`);
    expect((await colleague.post(`/claims/${second.id}/reject`).send({ reason: 'Not eligible' })).status).toBe(200);
    await suite.subsidy.app.get(ApprovalReassessment).reassessLowered(suite.subsidy.app.get(DataSource));
    expect(await claimOf(first.id)).toMatchObject({
      state: 'approved',
      approvedKopecks: ONE_CLAIM_CAP.toString(),
      originallyApprovedKopecks: null,
    });
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP);
    expect(await committed2026(suite.subsidy)).toBe(committed + 87500000n);
  });

  it('refuses to approve again, beyond the room left, a claim whose reduced approval was withdrawn', async () => {
    const companyId = suite.companies[1];
    const reportId = suite.reports.get(companyId)!;
    const first = await submittedClaim(suite.subsidy, companyId, reportId);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${first.id}/take`);
    const reduced = await officer
      .post(`/claims/${first.id}/approve`)
      .send({ approvedKopecks: '100000000', reason: 'Part of the discount is not documented' });
    expect(reduced.body).toMatchObject({ state: 'approved', approvedKopecks: '100000000' });
    const second = await secondQuarterClaim(companyId);
    expect(second.requestedKopecks).toBe('75000000');

    // The relied version is rejected (the approval is withdrawn), then a corrected one accepted.
    await suite.subsidy.publish(ReportRejected, reportId, {
      ...reportVersion(companyId, { reportId, state: 'rejected' }),
      reasons: [{ code: 'REPORT.LICENCE_NOT_ACTIVE', message: 'Licence suspended', lineNo: null }],
    });
    await waitFor(async () => (await claimOf(first.id)).state === 'under_review');
    await suite.subsidy.publish(ReportAccepted, reportId, reportVersion(companyId, { reportId, version: 2 }));
    await reportRecorded(suite.subsidy, reportId, 2, 'accepted');
    const before = { events: await suite.subsidy.eventsOf(first.id), committed: await committed2026(suite.subsidy) };

    const refused = await officer.post(`/claims/${first.id}/approve`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CLAIM.COMPANY_CAP_EXCEEDED' });
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['approvedKopecks']);
    expect(await claimOf(first.id)).toMatchObject({ state: 'under_review', approvedKopecks: null });
    expect(await suite.subsidy.eventsOf(first.id)).toEqual(before.events);
    expect(await committed2026(suite.subsidy)).toBe(before.committed);

    const approved = await officer
      .post(`/claims/${first.id}/approve`)
      .send({ approvedKopecks: '100000000', reason: 'Part of the discount is not documented' });
    expect(approved.body).toMatchObject({ state: 'approved', approvedKopecks: '100000000' });
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP);
  });

  it('frees the room clawed-back money returns, as the budget gets it, and takes it again for a refund only while there is room', async () => {
    const companyId = suite.companies[2];
    const producer = await suite.subsidy.as(producerOf(companyId));
    const finance = await suite.subsidy.as(FINANCE);
    const first = await paidClaim(suite.subsidy, companyId, suite.reports.get(companyId)!, {
      paidOn: TODAY,
      reference: 'PP-ONE_CLAIM_CAP',
    });
    // 750 t against 1000 planned: a quarter of the 175 000 000 paid is demanded back.
    const results = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .post('/results-reports')
      .send({ companyId, programmeYear: 2026, indicator: 'REO output, t', planned: '1000', actual: '750' });
    expect(results.body.clawbacks).toEqual([first]);
    const draft = await producer
      .post('/claims')
      .send(claimBody(await secondQuarterReport(companyId), { period: '2026-Q2' }));
    expect(draft.status).toBe(201);
    const requestable = async () => (await producer.get(`/claims/${draft.body.id}/eligibility`)).body.requestedKopecks;
    // Demanded is not returned: the budget still counts the money, and so does the cap.
    expect(await requestable()).toBe('0');

    const repay = (amountKopecks: string, reference: string) =>
      finance.post(`/claims/${first}/clawback/repayments`).send({ amountKopecks, repaidOn: TODAY, reference });
    expect((await repay('30000000', 'PP-ONE_CLAIM_CAP-IN-1')).status).toBe(201);
    expect(await requestable()).toBe('30000000');
    expect((await repay('13750000', 'PP-ONE_CLAIM_CAP-IN-2')).body.claim).toMatchObject({ state: 'clawed_back' });
    expect(await requestable()).toBe('43750000');
    const submitted = await producer.post(`/claims/${draft.body.id}/submit`);
    expect(submitted.body).toMatchObject({ state: 'submitted', requestedKopecks: '43750000' });
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP);

    // Results corrected up: 17 500 000 demanded, 26 250 000 repaid beyond it and due back, but the room is taken.
    const corrected = await (
      await suite.subsidy.as(OFFICER_2)
    )
      .post(`/results-reports/${results.body.report.id}/corrections`)
      .send({ actual: '900', reason: 'Audited accounts show 900 t' });
    expect(corrected.body.reducedClawbacks).toEqual([first]);
    const before = { claim: await claimOf(first), committed: await committed2026(suite.subsidy) };
    expect(before.claim.clawbackRefundDueKopecks).toBe('26250000');
    const refund = (amountKopecks: string, reference: string) =>
      finance.post(`/claims/${first}/clawback/refunds`).send({ amountKopecks, refundedOn: TODAY, reference });
    const refused = await refund('26250000', 'PP-ONE_CLAIM_CAP-OUT-1');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CLAIM.COMPANY_CAP_EXCEEDED' });
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['amountKopecks']);
    expect(await claimOf(first)).toEqual(before.claim);
    expect(await committed2026(suite.subsidy)).toBe(before.committed);

    // The later claim rejected, its room is free again and the refund goes through.
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${draft.body.id}/take`);
    expect((await officer.post(`/claims/${draft.body.id}/reject`).send({ reason: 'Not eligible' })).status).toBe(200);
    expect((await refund('26250000', 'PP-ONE_CLAIM_CAP-OUT-2')).status).toBe(201);
    expect(await claimOf(first)).toMatchObject({ clawbackRefundedKopecks: '26250000', clawbackRefundDueKopecks: '0' });
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP - 17500000n);
    expect(await committed2026(suite.subsidy)).toBe(before.committed + 26250000n);
  });

  it('prices two returned claims of a company edited at once one after the other, within its cap', async () => {
    const companyId = suite.companies[3];
    const producer = await suite.subsidy.as(producerOf(companyId));
    const officer = await suite.subsidy.as(OFFICER_1);
    // 4 t each: 70 000 000 of the 175 000 000 cap.
    const returned = async (reportId: string, period: string) => {
      const claim = await submittedClaim(suite.subsidy, companyId, reportId, { period, lines: [discountLine('4')] });
      await officer.post(`/claims/${claim.id}/take`);
      const answer = await officer
        .post(`/claims/${claim.id}/return`)
        .send({ reason: 'The invoices are unreadable', missing: ['Invoice scans'] });
      expect(answer.body.state).toBe('returned');
      return claim.id;
    };
    const first = await returned(suite.reports.get(companyId)!, '2026-Q1');
    const second = await returned(await secondQuarterReport(companyId), '2026-Q2');
    const edit = (id: string) => Promise.resolve(producer.patch(`/claims/${id}`).send({ lines: [discountLine('10')] }));
    // An edit writes its audit entry last: held there, the first one has priced its claim and not yet committed.
    const audit = suite.subsidy.app.get(DataSource).createQueryRunner();
    await audit.startTransaction();
    let answers: { body: Record<string, string> }[];
    try {
      await audit.query('LOCK TABLE audit_entry IN SHARE MODE');
      const editing = [edit(first)];
      await sessionsWaitingOnLocks(suite.subsidy, 1);
      editing.push(edit(second));
      await sessionsWaitingOnLocks(suite.subsidy, 2);
      await audit.commitTransaction();
      answers = await Promise.all(editing);
    } finally {
      if (audit.isTransactionActive) await audit.rollbackTransaction();
      await audit.release();
    }

    // The first takes the room the second leaves; the second, priced once the first has committed, what is left.
    expect(answers.map(({ body }) => body.requestedKopecks)).toEqual(['105000000', '70000000']);
    expect(await liveTotal(companyId)).toBe(ONE_CLAIM_CAP);
  });
});
