import {
  approvedClaim,
  claimBody,
  claimFootprint,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  paidClaim,
  PDF,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';
import { type Agent, type Caller, TODAY } from './support/subsidy-app';

const INDICATOR = 'REO output, t';
const FINANCE_2: Caller = { roles: ['finance_officer'], userId: 'u-finance-sokolov', name: 'P. Sokolov' };

/**
 * Four eyes past the decision: whoever wrote a claim neither pays it, records its money coming back or going
 * out again, nor records or corrects the results that judge it; nobody corrects results they recorded or the
 * figures of their own latest correction; and an officer edits only a claim they keyed in. Each refusal is 403 and writes nothing.
 */
describe('own work: staff keep their hands off the money, the results and the declarations of what they wrote', () => {
  const suite = useSubsidyWorld({ companies: 8 });

  const reportOf = (index: number) => suite.reports.get(suite.companies[index])!;

  /** The claim, its lines, documents, comments, audit entries and events, and the company's results reports. */
  const footprint = async (claimId: string, companyId: string) => ({
    ...(await claimFootprint(suite.subsidy, claimId)),
    results: await suite.subsidy.sql(`SELECT to_jsonb(r) AS row FROM results_report r WHERE company_id = $1`, [
      companyId,
    ]),
  });

  /** Sends the request and expects it refused as the four-eyes refusal is, with nothing written. */
  async function refusedAsOwnWork(
    claimId: string,
    companyId: string,
    request: () => PromiseLike<{ status: number; body: { code: string; detail: string } }>,
  ): Promise<string> {
    const before = await footprint(claimId, companyId);
    const refused = await request();
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'CLAIM.SELF_DECISION' });
    expect(await footprint(claimId, companyId)).toEqual(before);
    return refused.body.detail;
  }

  const officerResults = (officer: Agent, companyId: string, actual: string) =>
    officer
      .post('/results-reports')
      .send({ companyId, programmeYear: 2026, indicator: INDICATOR, planned: '1000', actual });

  it("refuses a correction withdrawing a clawback from the producer's account once it is an officer's, which created the claim and recorded the results", async () => {
    const companyId = suite.companies[0];
    const id = await paidClaim(suite.subsidy, companyId, reportOf(0), { paidOn: TODAY, reference: 'PP-OWN-0' });
    const recorded = await (
      await suite.subsidy.as(producerOf(companyId))
    )
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: INDICATOR, actual: '750' });
    expect(recorded.status).toBe(201);
    const reportId = recorded.body.report.id as string;
    const planned = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .post(`/results-reports/${reportId}/corrections`)
      .send({ planned: '1000', reason: 'Target of subsidy agreement No. 17' });
    expect(planned.body.clawbacks).toEqual([id]);

    const sameAccount = await suite.subsidy.as({ ...producerOf(companyId), roles: ['subsidy_officer'] });
    await refusedAsOwnWork(id, companyId, () =>
      sameAccount.post(`/results-reports/${reportId}/corrections`).send({ actual: '1000', reason: 'Plan met' }),
    );
  });

  it('leaves the correction of recorded results to an officer other than the one who recorded them', async () => {
    const companyId = suite.companies[1];
    const id = await paidClaim(suite.subsidy, companyId, reportOf(1), { paidOn: TODAY, reference: 'PP-OWN-1' });
    const recorder = await suite.subsidy.as(OFFICER_2);
    const recorded = await officerResults(recorder, companyId, '750');
    expect(recorded.body.clawbacks).toEqual([id]);
    const reportId = recorded.body.report.id as string;
    const correction = { actual: '1000', reason: 'Audited accounts show 1000 t' };

    const message = await refusedAsOwnWork(id, companyId, () =>
      recorder.post(`/results-reports/${reportId}/corrections`).send(correction),
    );
    expect(message).toBe('Nobody corrects results they recorded: another officer does');
    const corrected = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .post(`/results-reports/${reportId}/corrections`)
      .send(correction);
    expect(corrected.status).toBe(201);
    expect(corrected.body.reducedClawbacks).toEqual([id]);
  });

  it('leaves the correction of corrected figures to an officer other than the one who set them', async () => {
    const companyId = suite.companies[7];
    const id = await paidClaim(suite.subsidy, companyId, reportOf(7), { paidOn: TODAY, reference: 'PP-OWN-8' });
    const recorded = await (
      await suite.subsidy.as(producerOf(companyId))
    )
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: INDICATOR, actual: '750' });
    const reportId = recorded.body.report.id as string;
    const corrections = (officer: Agent, planned: string) =>
      officer
        .post(`/results-reports/${reportId}/corrections`)
        .send({ planned, reason: `Target of subsidy agreement No. 17: ${planned} t` });
    const [officerA, officerB] = [await suite.subsidy.as(OFFICER_2), await suite.subsidy.as(OFFICER_1)];
    const planned = await corrections(officerA, '1000');
    expect(planned.body.clawbacks).toEqual([id]);
    const rows = () =>
      suite.subsidy.sql(
        `SELECT (SELECT count(*)::int FROM audit_entry) AS audit, (SELECT count(*)::int FROM outbox_message) AS events,
                (SELECT jsonb_array_length(corrections) FROM results_report WHERE id = $1) AS corrections`,
        [reportId],
      );
    const before = await rows();

    const message = await refusedAsOwnWork(id, companyId, () => corrections(officerA, '800'));

    expect(message).toBe('Nobody corrects the figures of their own latest correction: another officer does');
    expect(await rows()).toEqual(before);
    const lowered = await corrections(officerB, '800');
    expect([lowered.status, lowered.body.reducedClawbacks]).toEqual([201, [id]]);
    // The figures standing are the second officer's now: the first may judge them.
    expect((await corrections(officerA, '900')).status).toBe(201);
  });

  it("keeps the officer who keyed in a paper claim from recording or correcting the results of the claim's company and year", async () => {
    const companyId = suite.companies[2];
    const keyer = await suite.subsidy.as(OFFICER_2);
    const keyedIn = await keyer.post('/claims').send({ ...claimBody(reportOf(2)), companyId });
    await keyer.post(`/claims/${keyedIn.body.id}/submit`).expect(200);
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${keyedIn.body.id}/take`).expect(200);
    await officer.post(`/claims/${keyedIn.body.id}/approve`).send({}).expect(200);
    const id = keyedIn.body.id as string;
    await (
      await suite.subsidy.as(FINANCE)
    )
      .post(`/claims/${id}/pay`)
      .send({ paidOn: TODAY, reference: 'PP-OWN-2' })
      .expect(200);

    const message = await refusedAsOwnWork(id, companyId, () => officerResults(keyer, companyId, '1000'));
    expect(message).toBe('Nobody records the results judging a claim they created or edited');
    const recorded = await officerResults(officer, companyId, '750');
    expect(recorded.body.clawbacks).toEqual([id]);
    await refusedAsOwnWork(id, companyId, () =>
      keyer
        .post(`/results-reports/${recorded.body.report.id}/corrections`)
        .send({ actual: '1000', reason: 'Audited accounts show 1000 t' }),
    );
  });

  it('keeps a finance officer who uploaded a document to a claim from paying it, recording repayments of it or refunding on it', async () => {
    const companyId = suite.companies[3];
    const id = await approvedClaim(suite.subsidy, companyId, reportOf(3));
    const uploader = await suite.subsidy.as(FINANCE);
    await uploader
      .post(`/claims/${id}/documents`)
      .attach('file', PDF, { filename: 'payment-order.pdf', contentType: 'application/pdf' })
      .expect(201);
    const cashier = await suite.subsidy.as(FINANCE_2);

    const message = await refusedAsOwnWork(id, companyId, () =>
      uploader.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-OWN-3' }),
    );
    expect(message).toBe('Nobody pays a claim they created or edited');
    await cashier.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-OWN-3' }).expect(200);

    // A quarter below plan: 43 750 000 of the 175 000 000 paid is demanded back.
    const recorded = await officerResults(await suite.subsidy.as(OFFICER_1), companyId, '750');
    expect(recorded.body.clawbacks).toEqual([id]);
    await refusedAsOwnWork(id, companyId, () =>
      uploader
        .post(`/claims/${id}/clawback/repayments`)
        .send({ amountKopecks: '10000000', repaidOn: TODAY, reference: 'PP-OWN-IN-1' }),
    );
    await refusedAsOwnWork(id, companyId, () =>
      uploader.post(`/claims/${id}/clawback/settle`).send({ settledOn: TODAY, reference: 'PP-OWN-IN-1' }),
    );
    await cashier
      .post(`/claims/${id}/clawback/settle`)
      .send({ settledOn: TODAY, reference: 'PP-OWN-IN-1' })
      .expect(200);

    // Corrected to 10% below plan: 17 500 000 is demanded, and the 26 250 000 repaid beyond it is due back.
    const corrected = await (
      await suite.subsidy.as(OFFICER_2)
    )
      .post(`/results-reports/${recorded.body.report.id}/corrections`)
      .send({ actual: '900', reason: 'Audited accounts show 900 t' });
    expect(corrected.body.reducedClawbacks).toEqual([id]);
    const refund = { amountKopecks: '26250000', refundedOn: TODAY, reference: 'PP-OWN-OUT-1' };
    await refusedAsOwnWork(id, companyId, () => uploader.post(`/claims/${id}/clawback/refunds`).send(refund));
    const refunded = await cashier.post(`/claims/${id}/clawback/refunds`).send(refund);
    expect(refunded.status).toBe(201);
    expect(refunded.body.claim).toMatchObject({ clawbackRefundDueKopecks: '0' });
  });

  it('keeps an account holding both officer roles from paying a claim it approved', async () => {
    const companyId = suite.companies[6];
    const claim = await submittedClaim(suite.subsidy, companyId, reportOf(6));
    const both = await suite.subsidy.as({ ...OFFICER_1, roles: ['subsidy_officer', 'finance_officer'] });
    await both.post(`/claims/${claim.id}/take`).expect(200);
    await both.post(`/claims/${claim.id}/approve`).send({}).expect(200);
    const message = await refusedAsOwnWork(claim.id, companyId, () =>
      both.post(`/claims/${claim.id}/pay`).send({ paidOn: TODAY, reference: 'PP-OWN-7' }),
    );
    expect(message).toBe('Nobody pays a claim they approved');
    await (
      await suite.subsidy.as(FINANCE)
    )
      .post(`/claims/${claim.id}/pay`)
      .send({ paidOn: TODAY, reference: 'PP-OWN-7' })
      .expect(200);
  });

  it("refuses an officer editing a producer's returned claim (CLAIM.EDITED_BY_OTHER), and lets the officer who keyed in a paper claim edit it", async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const returnToCompany = async (id: string) => {
      await officer.post(`/claims/${id}/take`).expect(200);
      await officer
        .post(`/claims/${id}/return`)
        .send({ reason: 'Invoices missing', missing: ['Invoice INV-1'] })
        .expect(200);
    };
    const producers = await submittedClaim(suite.subsidy, suite.companies[4], reportOf(4));
    await returnToCompany(producers.id);

    const before = await claimFootprint(suite.subsidy, producers.id);
    const rewritten = await officer
      .patch(`/claims/${producers.id}`)
      .send({ annualRevenueKopecks: '900000000000', lines: [discountLine('20')] });
    expect(rewritten.status).toBe(403);
    expect(rewritten.body.code).toBe('CLAIM.EDITED_BY_OTHER');
    expect(await claimFootprint(suite.subsidy, producers.id)).toEqual(before);
    const producer = await suite.subsidy.as(producerOf(suite.companies[4]));
    expect((await producer.patch(`/claims/${producers.id}`).send({ lines: [discountLine('20')] })).status).toBe(200);

    const keyer = await suite.subsidy.as(OFFICER_2);
    const keyedIn = await keyer.post('/claims').send({ ...claimBody(reportOf(5)), companyId: suite.companies[5] });
    await keyer.post(`/claims/${keyedIn.body.id}/submit`).expect(200);
    await returnToCompany(keyedIn.body.id);
    const edited = await keyer.patch(`/claims/${keyedIn.body.id}`).send({ lines: [discountLine('20')] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ state: 'returned', requestedKopecks: '350000000' });
  });
});
