import { randomUUID } from 'node:crypto';
import {
  ClaimApprovalRaised,
  ClaimApprovalReduced,
  ClaimApprovalWithdrawn,
  ReportAccepted,
  ReportRejected,
  type ReportVersionSnapshot,
  TOPICS,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { readTopic, waitFor } from '@redmet/testing';
import {
  ADMIN,
  budgetReleases,
  committed2026,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  reportLine,
  reportRecorded,
  reportVersion,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';
import { ApprovalReassessment } from '../src/clawback/approval-reassessment';
import { LOWERED_APPROVALS_JOB } from '../src/clawback/lowered-approvals.scheduler';

const APPROVED = 175000000n; // each claim: 10 t × 500 000 RUB discount × 35%, below the four-eyes threshold

describe('a relied-on report lowered, rejected or amended back up after approval, before payment', () => {
  const suite = useSubsidyWorld({ companies: 9 });

  async function approved(index: number): Promise<string> {
    const companyId = suite.companies[index];
    const claim = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${claim.id}/take`);
    const answer = await officer.post(`/claims/${claim.id}/approve`).send({});
    expect(answer.body).toMatchObject({ state: 'approved', approvedKopecks: APPROVED.toString() });
    return claim.id;
  }

  const claimOf = async (id: string) => (await (await suite.subsidy.as(OFFICER_1)).get(`/claims/${id}`)).body;
  const version = (index: number, overrides: Partial<ReportVersionSnapshot>): ReportVersionSnapshot =>
    reportVersion(suite.companies[index], { reportId: suite.reports.get(suite.companies[index])!, ...overrides });
  const eventsOfType = async (id: string, type: string) =>
    (await suite.subsidy.eventsOf(id)).filter((eventType) => eventType === type);

  it('lowers the approved amount as a clawback would, releases the difference once, and pays what is left', async () => {
    const id = await approved(0);
    const before = await committed2026(suite.subsidy);
    // Half the metal content: k = 0.5
    const accepted = {
      ...sampleEvent(ReportAccepted),
      eventId: randomUUID(),
      aggregateId: suite.reports.get(suite.companies[0])!,
      payload: version(0, { version: 2, state: 'accepted', lines: [reportLine('322.575')] }),
    };
    const redeliver = await suite.subsidy.publishRaw(ReportAccepted, accepted);
    const claim = await waitFor(async () => {
      const current = await claimOf(id);
      return current.approvedKopecks === '87500000' && current;
    });
    expect(claim).toMatchObject({ state: 'approved', originallyApprovedKopecks: APPROVED.toString() });
    expect(claim.approvalAdjustmentReason).toContain('metal content 322.575 t instead of 645.15 t');
    expect(before - (await committed2026(suite.subsidy))).toBe(87500000n);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['87500000']);

    // The same event again, then the same figures in a new event: nothing more comes off.
    await redeliver();
    const repeated = { ...accepted, eventId: randomUUID() };
    await suite.subsidy.publishRaw(ReportAccepted, repeated);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [repeated.eventId]);
      return rows.length === 1;
    });
    expect((await claimOf(id)).approvedKopecks).toBe('87500000');
    expect(await eventsOfType(id, ClaimApprovalReduced.type)).toHaveLength(1);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['87500000']);
    expect(before - (await committed2026(suite.subsidy))).toBe(87500000n);

    const [event] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimApprovalReduced.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(event.value!)).toMatchObject({
      causationId: accepted.eventId,
      payload: {
        state: 'approved',
        approvedKopecks: '87500000',
        previousApprovedKopecks: APPROVED.toString(),
        releasedKopecks: '87500000',
        coefficient: '0.5',
      },
    });
    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'claim.approval_reduced',
      actorId: 'system',
      causationId: accepted.eventId,
      changes: {
        previousApprovedKopecks: APPROVED.toString(),
        approvedKopecks: '87500000',
        releasedKopecks: '87500000',
      },
    });

    // Paid at the lowered amount; the reports now stand where the amount rests, so nothing is demanded back.
    const finance = await suite.subsidy.as(FINANCE);
    const paid = await finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-0' });
    expect(paid.body).toMatchObject({ state: 'paid', paidKopecks: '87500000', clawbackKopecks: null });
  });

  it("never raises an approved amount above the officers' when a report goes up, and measures a later fall from what was relied on", async () => {
    const id = await approved(1);
    const before = await committed2026(suite.subsidy);
    const higher = version(1, { version: 2, state: 'accepted', lines: [reportLine('900')] });
    await suite.subsidy.publish(ReportAccepted, higher.reportId, higher);
    await reportRecorded(suite.subsidy, higher.reportId, 2, 'accepted');
    expect(await claimOf(id)).toMatchObject({
      state: 'approved',
      approvedKopecks: APPROVED.toString(),
      originallyApprovedKopecks: null,
    });
    expect(await committed2026(suite.subsidy)).toBe(before);
    expect(await suite.subsidy.eventsOf(id)).not.toContain(ClaimApprovalReduced.type);

    // 516.12 t against the 645.15 t the approval relied on (not the 900 t in between): k = 0.2
    const lower = version(1, { version: 3, state: 'accepted', lines: [reportLine('516.12')] });
    await suite.subsidy.publish(ReportAccepted, lower.reportId, lower);
    await reportRecorded(suite.subsidy, lower.reportId, 3, 'accepted');
    expect((await claimOf(id)).approvedKopecks).toBe('140000000');
    expect(before - (await committed2026(suite.subsidy))).toBe(35000000n);
  });

  it('withdraws the approval of a claim scheduled for payment when its relied-on version is rejected', async () => {
    const id = await approved(2);
    const finance = await suite.subsidy.as(FINANCE);
    expect((await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: '2026-06-20' })).status).toBe(200);
    const before = await committed2026(suite.subsidy);
    const rejected = {
      ...version(2, { state: 'rejected' }),
      reasons: [{ code: 'REPORT.LICENCE_NOT_ACTIVE', message: 'Licence suspended', lineNo: null }],
    };
    await suite.subsidy.publish(ReportRejected, rejected.reportId, rejected);
    await reportRecorded(suite.subsidy, rejected.reportId, 1, 'rejected');
    const claim = await claimOf(id);
    expect(claim).toMatchObject({
      state: 'under_review',
      approvedKopecks: null,
      originallyApprovedKopecks: APPROVED.toString(),
      paymentScheduledOn: null,
      assignedTo: { userId: OFFICER_1.userId },
    });
    expect(claim.approvalAdjustmentReason).toContain('is no longer accepted');
    expect(before - (await committed2026(suite.subsidy))).toBe(APPROVED);
    expect(await budgetReleases(suite.subsidy, id)).toEqual([APPROVED.toString()]);
    expect(await eventsOfType(id, ClaimApprovalWithdrawn.type)).toHaveLength(1);

    // Back on its officer's desk: nothing to pay, no approval without an accepted report, rejection possible.
    expect((await finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-2' })).status).toBe(
      409,
    );
    const officer = await suite.subsidy.as(OFFICER_1);
    expect((await officer.post(`/claims/${id}/approve`).send({})).body.code).toBe('CLAIM.REPORT_NOT_ACCEPTED');
    const rejection = await officer.post(`/claims/${id}/reject`).send({ reason: 'The relied-on report was rejected' });
    expect(rejection.body).toMatchObject({ state: 'rejected' });
    // The rejection's reason says why now; the withdrawn approval is in the audit trail.
    expect(await claimOf(id)).toMatchObject({
      state: 'rejected',
      originallyApprovedKopecks: null,
      approvalAdjustmentReason: null,
    });
    expect(await committed2026(suite.subsidy)).toBe(before - APPROVED);
  });

  it('withdraws a first approval of two when a relied-on report changes before the second, and needs two officers again', async () => {
    // 17.5 m RUB, above the 10 m RUB four-eyes threshold
    const claim = await submittedClaim(suite.subsidy, suite.companies[3], suite.reports.get(suite.companies[3])!, {
      lines: [discountLine('100')],
    });
    const id = claim.id;
    const first = await suite.subsidy.as(OFFICER_1);
    await first.post(`/claims/${id}/take`);
    const once = await first.post(`/claims/${id}/approve`).send({});
    expect(once.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });
    const before = await committed2026(suite.subsidy);

    const lower = version(3, { version: 2, state: 'accepted', lines: [reportLine('322.575')] });
    const accepted = {
      ...sampleEvent(ReportAccepted),
      eventId: randomUUID(),
      aggregateId: lower.reportId,
      payload: lower,
    };
    const redeliver = await suite.subsidy.publishRaw(ReportAccepted, accepted);
    const withdrawn = await waitFor(async () => {
      const current = await claimOf(id);
      return current.firstApproval === null && current;
    });
    expect(withdrawn).toMatchObject({
      state: 'under_review',
      approvedKopecks: null,
      assignedTo: { userId: OFFICER_1.userId },
    });
    expect(withdrawn.approvalAdjustmentReason).toContain('accepted as version 2, not the version 1');
    await redeliver();
    await reportRecorded(suite.subsidy, lower.reportId, 2, 'accepted');
    expect(await eventsOfType(id, ClaimApprovalWithdrawn.type)).toHaveLength(1);
    expect(await committed2026(suite.subsidy)).toBe(before);
    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'claim.first_approval_withdrawn',
      actorId: 'system',
      changes: { firstApprovalBy: { userId: OFFICER_1.userId }, firstApprovalKopecks: '1750000000' },
    });

    // The second officer's approval is now a first one; the first officer may then confirm it.
    const second = await suite.subsidy.as(OFFICER_2);
    const again = await second
      .post(`/claims/${id}/approve`)
      .send({ approvedKopecks: '875000000', reason: 'Half the metal' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CLAIM.NOT_ASSIGNED');
    const renewed = await first
      .post(`/claims/${id}/approve`)
      .send({ approvedKopecks: '1500000000', reason: 'Lower output' });
    expect(renewed.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });
    expect(await claimOf(id)).toMatchObject({
      firstApproval: { userId: OFFICER_1.userId },
      approvalAdjustmentReason: null,
    });
    const confirmed = await second.post(`/claims/${id}/approve`).send({});
    expect(confirmed.body).toMatchObject({
      state: 'approved',
      approvedKopecks: '1500000000',
      decidedBy: [{ userId: OFFICER_1.userId }, { userId: OFFICER_2.userId }],
    });
    const relied = await suite.subsidy.sql<{ version: number }>(
      `SELECT version FROM claim_relied_report WHERE claim_id = $1`,
      [id],
    );
    expect(relied).toEqual([{ version: 2 }]);
  });

  it('withdraws a first approval just the same when the report event names the report in upper case', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[8], suite.reports.get(suite.companies[8])!, {
      lines: [discountLine('100')],
    });
    const first = await suite.subsidy.as(OFFICER_1);
    await first.post(`/claims/${claim.id}/take`).expect(200);
    const once = await first.post(`/claims/${claim.id}/approve`).send({});
    expect(once.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });

    const lower = version(8, { version: 2, state: 'accepted', lines: [reportLine('322.575')] });
    const upperCase = lower.reportId.toUpperCase();
    await suite.subsidy.publish(ReportAccepted, upperCase, { ...lower, reportId: upperCase });
    // The withdrawal commits with the version it follows from.
    await reportRecorded(suite.subsidy, lower.reportId, 2, 'accepted');
    expect(await claimOf(claim.id)).toMatchObject({
      state: 'under_review',
      firstApproval: null,
      approvalAdjustmentReason: expect.stringContaining(`Report ${lower.reportId} is now accepted as version 2`),
    });
    expect(await eventsOfType(claim.id, ClaimApprovalWithdrawn.type)).toHaveLength(1);
  });

  it('lowers an approval that was under way when the report went down: the decision waits for it, not misses it', async () => {
    const id = (await submittedClaim(suite.subsidy, suite.companies[4], suite.reports.get(suite.companies[4])!)).id;
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${id}/take`);
    const lower = version(4, { version: 2, state: 'accepted', lines: [reportLine('322.575')] });
    const recorded = async () =>
      (await suite.subsidy.sql(`SELECT 1 FROM report_version WHERE report_id = $1 AND version = 2`, [lower.reportId]))
        .length === 1;
    const waiting = async () =>
      (
        await suite.subsidy.sql(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).length;
    // Holding the budget row stops the approval after it has locked the claim and read version 1, before it commits.
    const budget = suite.subsidy.app.get(DataSource).createQueryRunner();
    await budget.startTransaction();
    try {
      await budget.query(`SELECT 1 FROM programme WHERE year = 2026 FOR UPDATE`);
      const approval = officer
        .post(`/claims/${id}/approve`)
        .send({})
        .then((answer) => answer);
      await waitFor(async () => (await waiting()) === 1, { description: 'the approval to wait for the budget' });

      await suite.subsidy.publish(ReportAccepted, lower.reportId, lower);
      // Either the decision waits for the claim, or (without the claims' lock) it is recorded meanwhile.
      await waitFor(async () => (await waiting()) === 2 || (await recorded()), {
        description: 'the decision to wait or be recorded',
      });
      await budget.commitTransaction();
      expect((await approval).body).toMatchObject({ state: 'approved', approvedKopecks: APPROVED.toString() });
    } finally {
      if (budget.isTransactionActive) await budget.rollbackTransaction();
      await budget.release();
    }

    const lowered = await waitFor(async () => {
      const current = await claimOf(id);
      return current.approvedKopecks === '87500000' && current;
    });
    expect(lowered).toMatchObject({ state: 'approved', originallyApprovedKopecks: APPROVED.toString() });
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['87500000']);
  });

  const accept = async (index: number, reportVersionNo: number, metalContent: string) => {
    const payload = version(index, { version: reportVersionNo, state: 'accepted', lines: [reportLine(metalContent)] });
    const event = { ...sampleEvent(ReportAccepted), eventId: randomUUID(), aggregateId: payload.reportId, payload };
    const redeliver = await suite.subsidy.publishRaw(ReportAccepted, event);
    await reportRecorded(suite.subsidy, payload.reportId, reportVersionNo, 'accepted');
    return { event, redeliver };
  };
  const reliedOn = (id: string) =>
    suite.subsidy.sql<{ version: number; metal: string }>(
      `SELECT version, metal_content_tonnes::text AS metal FROM claim_relied_report WHERE claim_id = $1`,
      [id],
    );

  it("raises a lowered approval again when the report goes back up, never above the officers' amount", async () => {
    const id = await approved(5);
    const before = await committed2026(suite.subsidy);
    await accept(5, 2, '322.575'); // k = 0.5
    expect((await claimOf(id)).approvedKopecks).toBe('87500000');

    // 516.12 t of the 645.15 t approved on: k = 0.2, measured from the officers' amount, not the lowered one
    const partly = await accept(5, 3, '516.12');
    expect(await claimOf(id)).toMatchObject({
      state: 'approved',
      approvedKopecks: '140000000',
      originallyApprovedKopecks: APPROVED.toString(),
    });
    expect(before - (await committed2026(suite.subsidy))).toBe(35000000n);
    const [raised] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimApprovalRaised.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(raised.value!)).toMatchObject({
      causationId: partly.event.eventId,
      payload: {
        approvedKopecks: '140000000',
        previousApprovedKopecks: '87500000',
        reservedKopecks: '52500000',
        coefficient: '0.2',
      },
    });
    expect(await reliedOn(id)).toEqual([{ version: 3, metal: '516.12' }]);

    // Back where it was approved: the whole amount again, no adjustment shown, and a redelivery changes nothing.
    const back = await accept(5, 4, '645.15');
    await back.redeliver();
    await accept(5, 4, '645.15');
    expect(await claimOf(id)).toMatchObject({
      state: 'approved',
      approvedKopecks: APPROVED.toString(),
      originallyApprovedKopecks: null,
      approvalAdjustmentReason: null,
    });
    expect(await committed2026(suite.subsidy)).toBe(before);
    expect(await eventsOfType(id, ClaimApprovalRaised.type)).toHaveLength(2);
    expect(await reliedOn(id)).toEqual([{ version: 1, metal: '645.15' }]);
    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'claim.approval_raised',
      actorId: 'system',
      causationId: back.event.eventId,
      changes: {
        previousApprovedKopecks: '140000000',
        approvedKopecks: APPROVED.toString(),
        reservedKopecks: '35000000',
      },
    });

    // Paid in full; a later fall is measured from the figures the officers approved on.
    const finance = await suite.subsidy.as(FINANCE);
    const paid = await finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-5' });
    expect(paid.body).toMatchObject({ state: 'paid', paidKopecks: APPROVED.toString(), clawbackKopecks: null });
  });

  it('raises a lowered approval only as far as the budget has money left', async () => {
    const id = await approved(6);
    await accept(6, 2, '322.575');
    expect((await claimOf(id)).approvedKopecks).toBe('87500000');
    const left = 50000000n;
    const admin = await suite.subsidy.as(ADMIN);
    const cut = await admin.post('/programmes/2026/versions').send({
      effectiveFrom: '2026-06-01',
      reason: 'Budget cut',
      totalKopecks: ((await committed2026(suite.subsidy)) + left).toString(),
    });
    expect(cut.status).toBe(201);

    await accept(6, 3, '645.15');
    const claim = await claimOf(id);
    expect(claim).toMatchObject({
      state: 'approved',
      approvedKopecks: (87500000n + left).toString(),
      originallyApprovedKopecks: APPROVED.toString(),
    });
    expect(claim.approvalAdjustmentReason).toContain(`The programme budget had ${left} of the 87500000 kopecks`);
    const [budget] = await suite.subsidy.sql<{ available: string }>(
      `SELECT (total_kopecks - committed_kopecks)::text AS available FROM programme WHERE year = 2026`,
    );
    expect(budget.available).toBe('0');

    // Money comes back to the budget later: the scheduled run gives it to the lowered approval.
    const reassessment = suite.subsidy.app.get(ApprovalReassessment);
    expect(await reassessment.reassessLowered(suite.subsidy.app.get(DataSource))).toBe(0);
    const more = await admin.post('/programmes/2026/versions').send({
      effectiveFrom: '2026-06-01',
      reason: 'Budget topped up',
      totalKopecks: ((await committed2026(suite.subsidy)) + 100000000n).toString(),
    });
    expect(more.status).toBe(201);
    expect(await reassessment.reassessLowered(suite.subsidy.app.get(DataSource))).toBe(1);
    expect(await claimOf(id)).toMatchObject({
      approvedKopecks: APPROVED.toString(),
      originallyApprovedKopecks: null,
      approvalAdjustmentReason: null,
    });
    expect(await reassessment.reassessLowered(suite.subsidy.app.get(DataSource))).toBe(0);
    expect(suite.subsidy.app.get(SchedulerRegistry).getCronJob(LOWERED_APPROVALS_JOB).isActive).toBe(true);
  });

  it('measures a clawback after payment from the figures the officers approved on, not from where a partial raise left it', async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const budgetLeaving = async (effectiveFrom: string, left: bigint) => {
      const version = await admin.post('/programmes/2026/versions').send({
        effectiveFrom,
        reason: 'Budget for this claim',
        totalKopecks: ((await committed2026(suite.subsidy)) + left).toString(),
      });
      expect(version.status).toBe(201);
    };
    await budgetLeaving('2026-06-02', APPROVED);
    const id = await approved(7);
    await accept(7, 2, '322.575');
    expect((await claimOf(id)).approvedKopecks).toBe('87500000');
    await budgetLeaving('2026-06-03', 30000000n);
    // 516.12 t supports 140 m; the budget has 30 m of the 52.5 m: 117.5 m
    await accept(7, 3, '516.12');
    expect((await claimOf(id)).approvedKopecks).toBe('117500000');
    const finance = await suite.subsidy.as(FINANCE);
    const paid = await finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-7' });
    expect(paid.body).toMatchObject({ state: 'paid', paidKopecks: '117500000' });

    // 510 t still supports 138.34 m, more than was paid: nothing is owed.
    await accept(7, 4, '510');
    expect(await claimOf(id)).toMatchObject({ state: 'paid', clawbackKopecks: null });
    // 300 t supports 81,376,575 of the officers' 175 m: what was paid beyond it is owed.
    await accept(7, 5, '300');
    expect(await claimOf(id)).toMatchObject({
      state: 'under_clawback',
      clawbackKopecks: '36123425',
      clawbackCoefficient: '0.307433',
    });
  });
});
