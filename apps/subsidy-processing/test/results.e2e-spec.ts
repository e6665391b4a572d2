import { ClaimClawbackDemanded, ClaimClawbackReduced, ClaimClawbackSettled } from '@redmet/contracts';
import { DataSource } from 'typeorm';
import { waitFor } from '@redmet/testing';
import {
  ADMIN,
  approvedClaim,
  budgetReleases,
  FINANCE,
  paidClaim,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  useSubsidyWorld,
} from './support/fixtures';
import { type Caller, TODAY } from './support/subsidy-app';

const INDICATOR = 'REO output, t';
const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-kuznetsova', name: 'M. Kuznetsova' };

describe('results reports: the plan comes from officers, corrections re-assess, each claim keeps its multiplier', () => {
  const suite = useSubsidyWorld({ companies: 7 });

  /** A claim of 175 000 000 kopecks, approved and paid. */
  const paid = (index: number) =>
    paidClaim(suite.subsidy, suite.companies[index], suite.reports.get(suite.companies[index])!, {
      paidOn: TODAY,
      reference: `PP-R${index}`,
    });

  const claimRow = (id: string) =>
    suite.subsidy
      .sql<Record<string, string>>(
        `SELECT state, clawback_kopecks, clawback_coefficient::text AS k, programme_version::text AS version
           FROM claim WHERE id = $1`,
        [id],
      )
      .then(([row]) => row);

  const demands = async (id: string) =>
    (await suite.subsidy.eventsOf(id)).filter((type) => type === ClaimClawbackDemanded.type).length;

  const reductions = (id: string) =>
    suite.subsidy
      .sql<{ payload: Record<string, string | null> }>(
        `SELECT envelope -> 'payload' AS payload FROM outbox_message
          WHERE message_key = $1 AND event_type = $2 ORDER BY id`,
        [id, ClaimClawbackReduced.type],
      )
      .then((rows) => rows.map((row) => row.payload));

  /** Results of 1000 planned and `actual` achieved for company `index`, recorded by an officer: the report's id. */
  const results = async (index: number, actual: string) => {
    const recorded = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .post('/results-reports')
      .send({ companyId: suite.companies[index], programmeYear: 2026, indicator: INDICATOR, planned: '1000', actual });
    return recorded.body.report.id as string;
  };

  /** Nobody corrects their own correction, so corrections in a row alternate between two officers. */
  const correctActual = async (reportId: string, actual: string, officer = OFFICER_2) =>
    (await suite.subsidy.as(officer))
      .post(`/results-reports/${reportId}/corrections`)
      .send({ actual, reason: `Audited accounts show ${actual} t` });

  it('refuses a plan from the producer the results judge, takes its actual, and claws back once an officer sets the plan', async () => {
    const id = await paid(0);
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const ownPlan = await producer
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: INDICATOR, planned: '800', actual: '800' });
    expect(ownPlan.status).toBe(403);
    expect(ownPlan.body).toMatchObject({
      code: 'RESULTS.PLAN_SET_BY_OFFICER',
      errors: [{ field: 'planned', messages: [expect.stringContaining('subsidy officer')] }],
    });
    expect(
      await suite.subsidy.sql(`SELECT 1 FROM results_report WHERE company_id = $1`, [suite.companies[0]]),
    ).toHaveLength(0);

    const actualOnly = await producer
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: INDICATOR, actual: '800' });
    expect(actualOnly.status).toBe(201);
    expect(actualOnly.body).toMatchObject({ report: { planned: null, actual: '800', shortfall: null }, clawbacks: [] });
    expect((await claimRow(id)).state).toBe('paid');

    const officer = await suite.subsidy.as(OFFICER_1);
    const outstanding = await officer.get('/results-reports/outstanding?programmeYear=2026');
    expect(outstanding.body).toContainEqual(
      expect.objectContaining({ companyId: suite.companies[0], awaitingPlan: true, overdue: false }),
    );
    const officerPost = await officer.post('/results-reports').send({
      companyId: suite.companies[0],
      programmeYear: 2026,
      indicator: INDICATOR,
      planned: '1000',
      actual: '800',
    });
    expect(officerPost.status).toBe(409);
    const noPlan = await officer
      .post('/results-reports')
      .send({ companyId: suite.companies[1], programmeYear: 2026, indicator: INDICATOR, actual: '800' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.errors).toEqual([expect.objectContaining({ field: 'planned' })]);

    const reportId = actualOnly.body.report.id;
    const byProducer = await producer
      .post(`/results-reports/${reportId}/corrections`)
      .send({ planned: '800', reason: 'Our plan' });
    expect(byProducer.status).toBe(403);
    const plan = await officer
      .post(`/results-reports/${reportId}/corrections`)
      .send({ planned: '1000', reason: 'Target of subsidy agreement No. 17' });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ report: { planned: '1000', shortfall: '0.2' }, clawbacks: [id] });
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '35000000', k: '0.2' });
    const after = await officer.get('/results-reports/outstanding?programmeYear=2026');
    expect(after.body.map((row: { companyId: string }) => row.companyId)).not.toContain(suite.companies[0]);
  });

  it('re-assesses the paid claims when an officer corrects recorded results, once, keeping who, when, why and the figures replaced', async () => {
    const id = await paid(1);
    const officer = await suite.subsidy.as(OFFICER_1);
    const recorded = await officer.post('/results-reports').send({
      companyId: suite.companies[1],
      programmeYear: 2026,
      indicator: INDICATOR,
      planned: '1000',
      actual: '1000',
    });
    expect(recorded.body).toMatchObject({ report: { shortfall: '0' }, clawbacks: [] });
    const reportId = recorded.body.report.id;

    const correction = { actual: '750', reason: 'Audited annual accounts show 750 t' };
    const corrector = await suite.subsidy.as(OFFICER_2);
    const corrected = await corrector.post(`/results-reports/${reportId}/corrections`).send(correction);
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      report: {
        planned: '1000',
        actual: '750',
        shortfall: '0.25',
        corrections: [
          {
            correctedBy: OFFICER_2.userId,
            correctedByName: OFFICER_2.name,
            reason: correction.reason,
            previous: { indicator: INDICATOR, planned: '1000', actual: '1000' },
            corrected: { indicator: INDICATOR, planned: '1000', actual: '750' },
          },
        ],
      },
      clawbacks: [id],
    });
    expect(corrected.body.report.corrections[0].correctedAt).toMatch(/^2026-06-15T/);
    // 175 000 000 × 0.25
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '43750000', k: '0.25' });

    const reviewer = await suite.subsidy.as(OFFICER_3);
    const repeated = await reviewer.post(`/results-reports/${reportId}/corrections`).send(correction);
    expect(repeated.status).toBe(422);
    expect(repeated.body.code).toBe('RESULTS.NOTHING_CORRECTED');
    const renamed = await reviewer
      .post(`/results-reports/${reportId}/corrections`)
      .send({ indicator: 'REO output (oxides), t', reason: 'Indicator named as in the agreement' });
    expect(renamed.body.clawbacks).toEqual([]);
    expect(await demands(id)).toBe(1);

    const [listed] = (await (await suite.subsidy.as(producerOf(suite.companies[1]))).get('/results-reports')).body;
    expect(listed.corrections.map((entry: { previous: { actual: string } }) => entry.previous.actual)).toEqual([
      '1000',
      '750',
    ]);
    const audit = await officer.get('/audit').query({ subjectType: 'results_report', subjectId: reportId });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'results.recorded',
      'results.corrected',
      'results.corrected',
    ]);
    expect(audit.body.items[1]).toMatchObject({
      actorId: OFFICER_2.userId,
      reason: correction.reason,
      changes: { previous: { actual: '1000' }, corrected: { actual: '750' }, shortfall: '0.25' },
    });
    const claimAudit = await officer.get('/audit').query({ subjectType: 'claim', subjectId: id });
    expect(claimAudit.body.items.at(-1)).toMatchObject({
      action: 'claim.clawback_demanded',
      actorId: OFFICER_2.userId,
      changes: { coefficient: '0.25' },
    });
  });

  it('lowers a demand when corrected results call for less, withdraws it when they call for nothing, and demands again when they fall', async () => {
    const id = await paid(2);
    const reportId = await results(2, '750');
    const demanded = await claimRow(id);
    expect(demanded).toMatchObject({ state: 'under_clawback', clawback_kopecks: '43750000' });
    const [{ clawback_due_on: due }] = await suite.subsidy.sql<{ clawback_due_on: string }>(
      `SELECT clawback_due_on::text FROM claim WHERE id = $1`,
      [id],
    );

    const lowered = await correctActual(reportId, '900');
    expect(lowered.status).toBe(201);
    expect(lowered.body).toMatchObject({ clawbacks: [], reducedClawbacks: [id] });
    // 175 000 000 × 0.1
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '17500000', k: '0.1' });
    const claim = (await (await suite.subsidy.as(producerOf(suite.companies[2]))).get(`/claims/${id}`)).body;
    expect(claim).toMatchObject({ clawbackOutstandingKopecks: '17500000', clawbackDueOn: due });
    expect(claim.clawbackReason).toContain('900 against 1000 planned');

    const withdrawn = await correctActual(reportId, '1000', OFFICER_3);
    expect(withdrawn.body.reducedClawbacks).toEqual([id]);
    expect(await claimRow(id)).toMatchObject({ state: 'paid', clawback_kopecks: null, k: null });
    expect(await reductions(id)).toEqual([
      expect.objectContaining({
        state: 'under_clawback',
        previousClawbackKopecks: '43750000',
        clawbackKopecks: '17500000',
        coefficient: '0.1',
        repaidKopecks: '0',
        outstandingKopecks: '17500000',
        dueOn: due,
      }),
      expect.objectContaining({
        state: 'paid',
        previousClawbackKopecks: '17500000',
        clawbackKopecks: '0',
        coefficient: '0',
        outstandingKopecks: '0',
        dueOn: null,
        reason: expect.stringContaining('no longer fall short'),
      }),
    ]);
    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.slice(-2)).toEqual([
      expect.objectContaining({ action: 'claim.clawback_reduced', actorId: OFFICER_2.userId }),
      expect.objectContaining({ action: 'claim.clawback_withdrawn', actorId: OFFICER_3.userId }),
    ]);

    const again = await correctActual(reportId, '800');
    expect(again.body).toMatchObject({ clawbacks: [id], reducedClawbacks: [] });
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '35000000', k: '0.2' });
  });

  it('lowers a demand below what was repaid: the repayments settle it, the excess is due back, and the budget waits for the refund', async () => {
    const id = await paid(3);
    const reportId = await results(3, '750');
    const repaid = await (
      await suite.subsidy.as(FINANCE)
    )
      .post(`/claims/${id}/clawback/repayments`)
      .send({ amountKopecks: '20000000', repaidOn: '2026-06-15', reference: 'PP-R3-1' });
    expect(repaid.status).toBe(201);

    const corrected = await correctActual(reportId, '1000');
    expect(corrected.body.reducedClawbacks).toEqual([id]);
    expect(await claimRow(id)).toMatchObject({ state: 'clawed_back', clawback_kopecks: '0' });
    expect(await reductions(id)).toEqual([
      expect.objectContaining({
        state: 'clawed_back',
        previousClawbackKopecks: '43750000',
        clawbackKopecks: '0',
        repaidKopecks: '20000000',
        outstandingKopecks: '0',
        refundDueKopecks: '20000000',
        dueOn: null,
      }),
    ]);
    expect((await suite.subsidy.eventsOf(id)).slice(-2)).toEqual([
      ClaimClawbackReduced.type,
      ClaimClawbackSettled.type,
    ]);
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['20000000']);
    const repeated = await correctActual(reportId, '1000.0', OFFICER_3);
    expect(repeated.body.code).toBe('RESULTS.NOTHING_CORRECTED');
  });

  it('claws back a claim whose payment was under way, on another instance, while the results were recorded', async () => {
    const id = await approvedClaim(suite.subsidy, suite.companies[6], suite.reports.get(suite.companies[6])!);
    // The payment holds the claim's lock and has written it paid, having found no results to judge it by.
    const payment = suite.subsidy.app.get(DataSource).createQueryRunner();
    await payment.connect();
    let recorded: Promise<{ body: { clawbacks: string[] } }>;
    try {
      await payment.startTransaction();
      await payment.query(
        `UPDATE claim SET state = 'paid', paid_kopecks = approved_kopecks, paid_on = $2, payment_reference = 'PP-R6',
                version = version + 1 WHERE id = $1`,
        [id, TODAY],
      );
      let answered = false;
      recorded = (await suite.subsidy.as(OFFICER_1))
        .post('/results-reports')
        .send({
          companyId: suite.companies[6],
          programmeYear: 2026,
          indicator: INDICATOR,
          planned: '1000',
          actual: '800',
        })
        .then((answer) => {
          answered = true;
          return answer;
        });
      await waitFor(async () => {
        const [waiting] = await suite.subsidy.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return answered || waiting.n > 0;
      });
      await payment.commitTransaction();
    } finally {
      await payment.release();
    }
    expect((await recorded).body.clawbacks).toEqual([id]);
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '35000000', k: '0.2' });
  });

  it("applies the multiplier of the programme version each claim was priced under, not today's", async () => {
    const underVersion1 = await paid(4);
    const admin = await suite.subsidy.as(ADMIN);
    const version2 = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: TODAY, reason: 'Clawback doubled', clawbackMultiplier: '2' });
    expect(version2.body).toMatchObject({ version: 2, clawbackMultiplier: '2' });
    const underVersion2 = await paid(5);
    expect((await claimRow(underVersion1)).version).toBe('1');
    expect((await claimRow(underVersion2)).version).toBe('2');

    const officer = await suite.subsidy.as(OFFICER_1);
    const recorded = [];
    for (const index of [4, 5])
      recorded.push(
        await officer.post('/results-reports').send({
          companyId: suite.companies[index],
          programmeYear: 2026,
          indicator: INDICATOR,
          planned: '1000',
          actual: '900',
        }),
      );
    // 175 000 000 × 1 × 0.1, and × 2 × 0.1
    expect(await claimRow(underVersion1)).toMatchObject({ clawback_kopecks: '17500000', k: '0.1' });
    expect(await claimRow(underVersion2)).toMatchObject({ clawback_kopecks: '35000000', k: '0.2' });
    expect(recorded.map((answer) => answer.body.report.shortfall)).toEqual(['0.1', '0.1']);
  });
});
