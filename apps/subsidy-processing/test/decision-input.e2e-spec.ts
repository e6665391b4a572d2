import { DataSource } from 'typeorm';
import { ClaimApprovalWithdrawn, ClaimSubmitted, ClaimTakenForReview, TOPICS } from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
import { ClaimEditorsFromDocumentsAndSubmissions1764401800000 } from '../src/database/migrations/1764401800000-claim-editors-from-documents-and-submissions';
import {
  ADMIN,
  approvedClaim,
  claimBody,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';
import { type Caller, type SubsidyTestApp, TODAY } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-ivanova', name: 'N. Ivanova' };

/** An account holding both roles, bound to the company as a producer is (the gateway gives none, other providers might). */
function producerAndOfficerOf(companyId: string): Caller {
  return { roles: ['producer', 'subsidy_officer'], userId: `u-both-${companyId.slice(0, 8)}`, companyId };
}

/** Four eyes, reasons and payment dates: what the audit trail and the money rest on; a refusal names the field and writes nothing. */
describe('decisions and payments: four eyes, real reasons, possible dates', () => {
  const suite = useSubsidyWorld({ companies: 10 });

  const stateOf = async (id: string) =>
    (
      await suite.subsidy.sql<{ state: string; version: number }>(`SELECT state, version FROM claim WHERE id = $1`, [
        id,
      ])
    )[0];

  it('refuses a blank reason for a reduced approval, a rejection, a return or a reassignment (400, naming it)', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[0], suite.reports.get(suite.companies[0])!);
    const officer = await suite.subsidy.as(OFFICER_1);
    expect((await officer.post(`/claims/${claim.id}/take`)).status).toBe(200);
    const before = { claim: await stateOf(claim.id), events: await suite.subsidy.eventsOf(claim.id) };

    const refusals = [
      ['approve', { approvedKopecks: '1000', reason: '   ' }, 'reason'],
      ['reject', { reason: ' \n\t ' }, 'reason'],
      ['return', { reason: ' ', missing: ['Invoice INV-1'] }, 'reason'],
      ['return', { reason: 'Invoices missing', missing: ['  '] }, 'missing'],
      ['reassign', { officerId: 'u-officer-volkova', reason: '  ' }, 'reason'],
      // Handed to nobody, the claim would wait for an admin.
      ['reassign', { officerId: '   ', reason: 'Workload' }, 'officerId'],
    ] as const;
    for (const [action, body, field] of refusals) {
      const refused = await officer.post(`/claims/${claim.id}/${action}`).send(body);
      expect({
        action,
        status: refused.status,
        fields: refused.body.errors?.map((e: { field: string }) => e.field),
      }).toEqual({
        action,
        status: 400,
        fields: [field],
      });
    }
    expect(await stateOf(claim.id)).toEqual(before.claim);
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual(before.events);
  });

  it('refuses a blank reason for correcting results (400, naming it)', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const recorded = await officer.post('/results-reports').send({
      companyId: suite.companies[0],
      programmeYear: 2026,
      indicator: 'REO output, t',
      planned: '1000',
      actual: '900',
    });
    expect(recorded.status).toBe(201);
    const corrected = await (
      await suite.subsidy.as(OFFICER_2)
    )
      .post(`/results-reports/${recorded.body.report.id}/corrections`)
      .send({ actual: '1000', reason: ' ' });
    expect(corrected.status).toBe(400);
    expect(corrected.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const [report] = await suite.subsidy.sql(`SELECT actual::text, corrections FROM results_report WHERE id = $1`, [
      recorded.body.report.id,
    ]);
    expect(report).toEqual({ actual: '900', corrections: [] });
  });

  it('refuses blank text where someone must say something: a comment, a line, an indicator, a rule change (400, naming it)', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[3], suite.reports.get(suite.companies[3])!);
    const producer = await suite.subsidy.as(producerOf(suite.companies[3]));
    const officer = await suite.subsidy.as(OFFICER_1);
    const admin = await suite.subsidy.as(ADMIN);
    const counts = () =>
      suite.subsidy
        .sql(`SELECT (SELECT count(*) FROM claim_comment) AS comments, (SELECT count(*) FROM claim) AS claims,
                          (SELECT count(*) FROM results_report) AS results,
                          (SELECT count(*) FROM programme_version) AS versions, (SELECT count(*) FROM audit_entry) AS audit`);
    const before = await counts();

    const refusals = [
      [producer.post(`/claims/${claim.id}/comments`).send({ text: ' \n ', visibility: 'producer' }), 'text'],
      [
        producer.post('/claims').send(
          claimBody(suite.reports.get(suite.companies[3])!, {
            lines: [
              { basis: 'cost', category: 'energy', description: '  ', amountKopecks: '1000', documentNumber: 'E-1' },
            ],
          }),
        ),
        'lines.0.description',
      ],
      [
        producer
          .post('/claims')
          .send(claimBody(suite.reports.get(suite.companies[3])!, { lines: [{ ...discountLine(), buyerName: '\t' }] })),
        'lines.0.buyerName',
      ],
      [
        officer.post('/results-reports').send({
          companyId: suite.companies[3],
          programmeYear: 2026,
          indicator: '  ',
          planned: '1000',
          actual: '900',
        }),
        'indicator',
      ],
      [
        admin
          .post('/programmes/2026/versions')
          .send({ effectiveFrom: TODAY, reason: '   ', fourEyesThresholdKopecks: '1' }),
        'reason',
      ],
    ] as const;
    for (const [request, field] of refusals) {
      const refused = await request;
      expect({ status: refused.status, fields: refused.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        status: 400,
        fields: [field],
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps an officer who keyed in and edited a claim from taking, deciding or being handed it, whoever edited it after', async () => {
    // An officer edits only a paper claim they keyed in (test/own-work.e2e-spec.ts), returned here to its company.
    const producer = await suite.subsidy.as(producerOf(suite.companies[2]));
    const editor = await suite.subsidy.as(OFFICER_2);
    const officer = await suite.subsidy.as(OFFICER_1);
    const keyedIn = await editor.post('/claims').send({
      ...claimBody(suite.reports.get(suite.companies[2])!, { lines: [discountLine('1')] }),
      companyId: suite.companies[2],
    });
    const created = (await editor.post(`/claims/${keyedIn.body.id}/submit`).expect(200)).body;
    await officer.post(`/claims/${created.id}/take`).expect(200);
    await officer
      .post(`/claims/${created.id}/return`)
      .send({ reason: 'Amounts', missing: ['Invoices'] })
      .expect(200);
    expect((await editor.patch(`/claims/${created.id}`).send({ lines: [discountLine('10')] })).status).toBe(200);
    expect((await producer.patch(`/claims/${created.id}`).send({ noTaxArrears: true })).status).toBe(200);
    expect((await producer.post(`/claims/${created.id}/submit`)).status).toBe(200);

    const taken = await editor.post(`/claims/${created.id}/take`);
    expect(taken.status).toBe(403);
    expect(taken.body.code).toBe('CLAIM.SELF_DECISION');
    expect((await officer.post(`/claims/${created.id}/take`)).status).toBe(200);
    const handed = await officer
      .post(`/claims/${created.id}/reassign`)
      .send({ officerId: OFFICER_2.userId, reason: 'Workload' });
    expect(handed.status).toBe(403);
    expect(handed.body).toMatchObject({ code: 'CLAIM.SELF_DECISION', errors: [{ field: 'officerId' }] });
    const before = { claim: await stateOf(created.id), events: await suite.subsidy.eventsOf(created.id) };
    expect((await editor.post(`/claims/${created.id}/approve`).send({})).body.code).toBe('CLAIM.SELF_DECISION');
    expect(await stateOf(created.id)).toEqual(before.claim);
    expect(await suite.subsidy.eventsOf(created.id)).toEqual(before.events);
  });

  const editorsOf = async (id: string) =>
    (await suite.subsidy.sql<{ edited_by: string[] }>(`SELECT edited_by FROM claim WHERE id = $1`, [id]))[0].edited_by;

  const upload = (caller: Awaited<ReturnType<SubsidyTestApp['as']>>, id: string) =>
    caller
      .post(`/claims/${id}/documents`)
      .attach('file', PDF, { filename: 'note.pdf', contentType: 'application/pdf' });

  it('counts an officer who uploads a document as an editor of the claim: refused taking, deciding or being handed it', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[4], suite.reports.get(suite.companies[4])!);
    const uploader = await suite.subsidy.as(OFFICER_2);
    expect((await upload(uploader, claim.id)).status).toBe(201);
    expect((await uploader.post(`/claims/${claim.id}/take`)).body.code).toBe('CLAIM.SELF_DECISION');

    const assignee = await suite.subsidy.as(OFFICER_1);
    expect((await assignee.post(`/claims/${claim.id}/take`)).status).toBe(200);
    const handed = await assignee
      .post(`/claims/${claim.id}/reassign`)
      .send({ officerId: OFFICER_2.userId, reason: 'Workload' });
    expect(handed.body).toMatchObject({ code: 'CLAIM.SELF_DECISION', errors: [{ field: 'officerId' }] });

    // The assignee's own upload changes what is decided on: someone else must decide it now.
    expect((await upload(assignee, claim.id)).status).toBe(201);
    const before = { claim: await stateOf(claim.id), events: await suite.subsidy.eventsOf(claim.id) };
    for (const [action, body] of [
      ['approve', {}],
      ['reject', { reason: 'Not documented' }],
      ['return', { reason: 'Invoices missing', missing: ['Invoice INV-1'] }],
    ] as const) {
      const refused = await assignee.post(`/claims/${claim.id}/${action}`).send(body);
      expect({ action, status: refused.status, code: refused.body.code }).toEqual({
        action,
        status: 403,
        code: 'CLAIM.SELF_DECISION',
      });
    }
    expect(await stateOf(claim.id)).toEqual(before.claim);
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual(before.events);
    expect(await editorsOf(claim.id)).toEqual([
      producerOf(suite.companies[4]).userId,
      OFFICER_2.userId,
      OFFICER_1.userId,
    ]);
  });

  it('withdraws a first approval whose officer then uploads a document: two officers who did not edit the claim decide it', async () => {
    // 17.5 m RUB, above the 10 m RUB four-eyes threshold
    const claim = await submittedClaim(suite.subsidy, suite.companies[8], suite.reports.get(suite.companies[8])!, {
      lines: [discountLine('100')],
    });
    const first = await suite.subsidy.as(OFFICER_1);
    expect((await first.post(`/claims/${claim.id}/take`)).status).toBe(200);
    const once = await first.post(`/claims/${claim.id}/approve`).send({});
    expect(once.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });

    expect((await upload(first, claim.id)).status).toBe(201);
    const withdrawn = (await first.get(`/claims/${claim.id}`)).body;
    expect(withdrawn).toMatchObject({
      state: 'under_review',
      firstApproval: null,
      approvedKopecks: null,
      assignedTo: { userId: OFFICER_1.userId },
      editedBy: [producerOf(suite.companies[8]).userId, OFFICER_1.userId],
    });
    expect(withdrawn.approvalAdjustmentReason).toContain('uploaded note.pdf after giving the first approval');
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimApprovalWithdrawn.type,
    ]);
    const audit = await first.get('/audit').query({ subjectType: 'claim', subjectId: claim.id });
    expect(audit.body.items.slice(-2)).toMatchObject([
      { action: 'claim.document_uploaded', actorId: OFFICER_1.userId },
      {
        action: 'claim.first_approval_withdrawn',
        actorId: OFFICER_1.userId,
        reason: withdrawn.approvalAdjustmentReason,
        changes: {
          state: 'under_review',
          releasedKopecks: '0',
          firstApprovalBy: { userId: OFFICER_1.userId },
          firstApprovalKopecks: '1750000000',
          version: withdrawn.version,
        },
      },
    ]);
    const [published] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === claim.id && JSON.parse(message.value!).type === ClaimApprovalWithdrawn.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(published.value!).payload).toMatchObject({
      claimId: claim.id,
      state: 'under_review',
      releasedKopecks: '0',
      reason: withdrawn.approvalAdjustmentReason,
      version: withdrawn.version,
    });

    // Nothing stands for a second officer to confirm; the claim waits with its officer, who must hand it on.
    const second = await suite.subsidy.as(OFFICER_2);
    expect((await second.post(`/claims/${claim.id}/approve`).send({})).body.code).toBe('CLAIM.NOT_ASSIGNED');
    const handed = await first
      .post(`/claims/${claim.id}/reassign`)
      .send({ officerId: OFFICER_2.userId, reason: 'I attached a document' });
    expect(handed.status).toBe(200);
    const renewed = await second.post(`/claims/${claim.id}/approve`).send({});
    expect(renewed.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_2.userId } });
    expect((await first.post(`/claims/${claim.id}/approve`).send({})).body.code).toBe('CLAIM.SELF_DECISION');
    const confirmed = await (await suite.subsidy.as(OFFICER_3)).post(`/claims/${claim.id}/approve`).send({});
    expect(confirmed.body).toMatchObject({
      state: 'approved',
      approvedKopecks: '1750000000',
      decidedBy: [{ userId: OFFICER_2.userId }, { userId: OFFICER_3.userId }],
    });
  });

  it("keeps a first approval when someone else uploads a document: the producer's evidence is for the second officer to judge", async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[9], suite.reports.get(suite.companies[9])!, {
      lines: [discountLine('100')],
    });
    const first = await suite.subsidy.as(OFFICER_1);
    expect((await first.post(`/claims/${claim.id}/take`)).status).toBe(200);
    expect((await first.post(`/claims/${claim.id}/approve`).send({})).body.firstApproval).toMatchObject({
      userId: OFFICER_1.userId,
    });

    expect((await upload(await suite.subsidy.as(producerOf(suite.companies[9])), claim.id)).status).toBe(201);
    expect((await first.get(`/claims/${claim.id}`)).body).toMatchObject({
      state: 'under_review',
      firstApproval: { userId: OFFICER_1.userId },
      approvalAdjustmentReason: null,
    });
    expect(await suite.subsidy.eventsOf(claim.id)).toEqual([ClaimSubmitted.type, ClaimTakenForReview.type]);
    const confirmed = await (await suite.subsidy.as(OFFICER_2)).post(`/claims/${claim.id}/approve`).send({});
    expect(confirmed.body).toMatchObject({
      state: 'approved',
      decidedBy: [{ userId: OFFICER_1.userId }, { userId: OFFICER_2.userId }],
    });
  });

  it('counts whoever submits a claim among its editors, and lets an account that is producer and officer decide nothing', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[5]));
    const created = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[5])!));
    const both = await suite.subsidy.as(producerAndOfficerOf(suite.companies[5]));
    expect((await both.post(`/claims/${created.body.id}/submit`)).status).toBe(200);

    // A producer's token decides nothing, whatever staff role it carries too (the claim's officers are others).
    const taken = await both.post(`/claims/${created.body.id}/take`);
    expect(taken.status).toBe(403);
    expect(taken.body.code).toBe('AUTH.ROLE_REQUIRED');
    expect(await editorsOf(created.body.id)).toEqual([
      producerOf(suite.companies[5]).userId,
      producerAndOfficerOf(suite.companies[5]).userId,
    ]);
  });

  it('gives claims recorded before this rule their uploaders and submitters as editors, from the audit trail', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[6]));
    const created = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[6])!));
    expect(
      (
        await (
          await suite.subsidy.as(producerAndOfficerOf(suite.companies[6]))
        ).post(`/claims/${created.body.id}/submit`)
      ).status,
    ).toBe(200);
    expect((await upload(await suite.subsidy.as(OFFICER_2), created.body.id)).status).toBe(201);
    // As the earlier migration left them: the creator and whoever edited through PATCH.
    await suite.subsidy.sql(`UPDATE claim SET edited_by = ARRAY[created_by] WHERE id = $1`, [created.body.id]);

    const runner = suite.subsidy.app.get(DataSource).createQueryRunner();
    try {
      await new ClaimEditorsFromDocumentsAndSubmissions1764401800000().up(runner);
    } finally {
      await runner.release();
    }
    expect([...(await editorsOf(created.body.id))].sort()).toEqual(
      [producerOf(suite.companies[6]).userId, OFFICER_2.userId, producerAndOfficerOf(suite.companies[6]).userId].sort(),
    );
  });

  it('refuses a payment scheduled on a day already past (422) or after the year that follows the programme year (400), naming scheduledOn, writing nothing', async () => {
    const id = await approvedClaim(suite.subsidy, suite.companies[7], suite.reports.get(suite.companies[7])!);
    const before = { claim: await stateOf(id), events: await suite.subsidy.eventsOf(id) };
    const finance = await suite.subsidy.as(FINANCE);

    const past = await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: '2026-06-14' });
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ code: 'PAYMENT.DATE_IN_PAST', errors: [{ field: 'scheduledOn' }] });
    for (const scheduledOn of ['2028-01-01', '9999-12-31']) {
      const late = await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn });
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({
        code: 'PROGRAMME.DATE_TOO_LATE',
        errors: [{ field: 'scheduledOn', messages: [expect.stringContaining('2027-12-31')] }],
      });
    }
    expect(await stateOf(id)).toEqual(before.claim);
    expect(await suite.subsidy.eventsOf(id)).toEqual(before.events);

    const today = await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: TODAY });
    expect(today.body).toMatchObject({ state: 'payment_scheduled', paymentScheduledOn: TODAY });
  });

  it('refuses a blank payment reference (400) and a payment dated before the claim was submitted (422), naming them', async () => {
    const id = await approvedClaim(suite.subsidy, suite.companies[1], suite.reports.get(suite.companies[1])!);
    const before = { claim: await stateOf(id), events: await suite.subsidy.eventsOf(id) };
    const finance = await suite.subsidy.as(FINANCE);

    const blank = await finance.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'reference' })]);
    const early = await finance.post(`/claims/${id}/pay`).send({ paidOn: '2020-01-01', reference: 'PP-EARLY' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'PAYMENT.BEFORE_SUBMISSION', errors: [{ field: 'paidOn' }] });
    expect(await stateOf(id)).toEqual(before.claim);
    expect(await suite.subsidy.eventsOf(id)).toEqual(before.events);

    expect((await finance.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-ON-TIME' })).status).toBe(200);
  });
});
