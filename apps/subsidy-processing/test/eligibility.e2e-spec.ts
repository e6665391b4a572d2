import { randomUUID } from 'node:crypto';
import {
  ClaimRejected,
  ClaimSubmitted,
  ClaimTakenForReview,
  CompanyRegistered,
  CompanyUpdated,
  FacilityOperatorChanged,
  FacilityStatusChanged,
  ReportAccepted,
  ReportSubmitted,
  TOPICS,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { readTopic, waitFor } from '@redmet/testing';
import {
  acceptedReports,
  ADMIN,
  claimBody,
  discountLine,
  firstVersion,
  OFFICER_1,
  producerOf,
  reportRecorded,
  reportVersion,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';

const SAME_REPORT = randomUUID();

describe('eligibility on submission: every failure with its reason, and nothing written', () => {
  const suite = useSubsidyWorld({ companies: 11 });
  afterEach(() => suite.subsidy.travelTo());

  /** Creates a draft as the company's producer and tries to submit it; the refusal must leave the draft as it was. */
  async function refusal(companyId: string, body: Record<string, unknown>) {
    const producer = await suite.subsidy.as(producerOf(companyId));
    const created = await producer.post('/claims').send(body);
    expect(created.status).toBe(201);
    const submitted = await producer.post(`/claims/${created.body.id}/submit`);
    expect(submitted.status).toBe(422);
    expect(submitted.body.code).toBe('CLAIM.NOT_ELIGIBLE');
    const [claim] = await suite.subsidy.sql<{ state: string; version: number }>(
      `SELECT state, version FROM claim WHERE id = $1`,
      [created.body.id],
    );
    expect(claim).toEqual({ state: 'draft', version: 1 });
    expect(await suite.subsidy.eventsOf(created.body.id)).toEqual([]);
    const preview = await producer.get(`/claims/${created.body.id}/eligibility`);
    expect(preview.body.eligible).toBe(false);
    return submitted.body.errors as { field: string; messages: string[] }[];
  }

  const failure = (code: string, field: string) =>
    expect.objectContaining({ field, messages: [expect.stringContaining(code)] });

  it('answers a producer another company’s report as a report nobody has (CLAIM.REPORT_NOT_ACCEPTED)', async () => {
    const elsewhere = suite.reports.get(suite.companies[1])!;
    const nowhere = randomUUID();
    const notAccepted = (index: number, reportId: string) => ({
      code: 'CLAIM.REPORT_NOT_ACCEPTED',
      field: `reportIds.${index}`,
      message: `Report ${reportId} has no accepted version`,
    });
    const expected = [notAccepted(0, elsewhere), notAccepted(1, nowhere)];

    const errors = await refusal(suite.companies[0], claimBody(elsewhere, { reportIds: [elsewhere, nowhere] }));

    expect(errors).toEqual(expected.map(({ code, field, message }) => ({ field, messages: [`${code}: ${message}`] })));
    const [draft] = await suite.subsidy.sql<{ id: string }>(`SELECT id FROM claim WHERE report_ids = $1::uuid[]`, [
      [elsewhere, nowhere],
    ]);
    const preview = await (
      await suite.subsidy.as(producerOf(suite.companies[0]))
    ).get(`/claims/${draft.id}/eligibility`);
    expect(preview.body.failures).toEqual(expected);
  });

  it('tells an officer who keyed in a claim that a report is another company’s (CLAIM.REPORT_OF_ANOTHER_COMPANY)', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const keyedIn = await officer
      .post('/claims')
      .send({ ...claimBody(suite.reports.get(suite.companies[1])!), companyId: suite.companies[0] });
    expect(keyedIn.status).toBe(201);

    const submitted = await officer.post(`/claims/${keyedIn.body.id}/submit`);

    expect([submitted.status, submitted.body.errors]).toEqual([
      422,
      [failure('CLAIM.REPORT_OF_ANOTHER_COMPANY', 'reportIds.0')],
    ]);
    const preview = await officer.get(`/claims/${keyedIn.body.id}/eligibility`);
    expect(preview.body.failures.map((found: { code: string }) => found.code)).toEqual([
      'CLAIM.REPORT_OF_ANOTHER_COMPANY',
    ]);
  });

  it('refuses reports that are not accepted or not known (CLAIM.REPORT_NOT_ACCEPTED)', async () => {
    const submittedOnly = reportVersion(suite.companies[0], { state: 'submitted' });
    await suite.subsidy.publish(ReportSubmitted, submittedOnly.reportId, submittedOnly);
    await reportRecorded(suite.subsidy, submittedOnly.reportId, 1, 'submitted');
    const errors = await refusal(
      suite.companies[0],
      claimBody(submittedOnly.reportId, { reportIds: [submittedOnly.reportId, randomUUID()] }),
    );
    expect(errors).toEqual([
      failure('CLAIM.REPORT_NOT_ACCEPTED', 'reportIds.0'),
      failure('CLAIM.REPORT_NOT_ACCEPTED', 'reportIds.1'),
    ]);
  });

  it('refuses a report of another quarter (CLAIM.REPORT_OF_ANOTHER_PERIOD)', async () => {
    const april = reportVersion(suite.companies[0], { period: '2026-04' });
    await suite.subsidy.publish(ReportAccepted, april.reportId, april);
    await reportRecorded(suite.subsidy, april.reportId, 1, 'accepted');
    expect(await refusal(suite.companies[0], claimBody(april.reportId))).toEqual([
      failure('CLAIM.REPORT_OF_ANOTHER_PERIOD', 'reportIds.0'),
    ]);
  });

  it('refuses revenue below twice the subsidy and missing declarations', async () => {
    // 175 000 000 kopecks requested: revenue must be at least 350 000 000
    const errors = await refusal(
      suite.companies[0],
      claimBody(suite.reports.get(suite.companies[0])!, { annualRevenueKopecks: '349999999', noTaxArrears: false }),
    );
    expect(errors).toEqual([
      failure('CLAIM.DECLARATION_MISSING', 'noTaxArrears'),
      failure('CLAIM.REVENUE_TOO_LOW', 'annualRevenueKopecks'),
    ]);
  });

  it("weighs the revenue against the company's live claims of the year together, naming the revenue and the year's total", async () => {
    const companyId = suite.companies[9];
    // Twice one claim's 175 000 000 kopecks, not twice two.
    const revenue = { annualRevenueKopecks: '400000000' };
    const first = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!, revenue);
    const q2 = reportVersion(companyId, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, q2.reportId, q2);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    const second = claimBody(q2.reportId, { period: '2026-Q2', ...revenue });
    expect(await refusal(companyId, second)).toEqual([
      {
        field: 'annualRevenueKopecks',
        messages: [
          'CLAIM.REVENUE_TOO_LOW: Annual revenue must be at least 2 × the subsidy: 700000000 kopecks, for the ' +
            "350000000 kopecks of the company's claims of 2026 (175000000 this claim, 175000000 its other claims); " +
            '400000000 kopecks is declared',
        ],
      },
    ]);

    // Decided, the first claim counts what was approved: 2 × (175 000 000 + 25 000 000) is the revenue declared.
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${first.id}/take`).expect(200);
    await officer
      .post(`/claims/${first.id}/approve`)
      .send({ approvedKopecks: '25000000', reason: 'Most invoices are not documented' })
      .expect(200);
    expect((await submittedClaim(suite.subsidy, companyId, q2.reportId, second)).state).toBe('submitted');
  });

  it('refuses a product outside the programme (CLAIM.PRODUCT_NOT_ELIGIBLE)', async () => {
    const line = { ...discountLine(), productCode: 'LI-CARBONATE' };
    const errors = await refusal(
      suite.companies[0],
      claimBody(suite.reports.get(suite.companies[0])!, { lines: [line] }),
    );
    expect(errors).toEqual([failure('CLAIM.PRODUCT_NOT_ELIGIBLE', 'lines.0.productCode')]);
  });

  it('refuses a company in liquidation, and one without a licence or plant', async () => {
    const [liquidating, unlicensed] = [suite.companies[2], randomUUID()];
    await suite.subsidy.publish(CompanyUpdated, liquidating, {
      ...samplePayload(CompanyUpdated),
      companyId: liquidating,
      status: 'in_liquidation',
      version: 2,
    });
    await suite.subsidy.publish(CompanyRegistered, unlicensed, {
      ...samplePayload(CompanyRegistered),
      companyId: unlicensed,
    });
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(
        `SELECT 1 FROM registry_company WHERE (company_id = $1 AND status = 'in_liquidation') OR company_id = $2`,
        [liquidating, unlicensed],
      );
      return rows.length === 2;
    });
    expect(await refusal(liquidating, claimBody(suite.reports.get(liquidating)!))).toEqual([
      failure('CLAIM.COMPANY_NOT_ACTIVE', 'companyId'),
    ]);
    const [report] = (await acceptedReports(suite.subsidy, [unlicensed])).values();
    expect(await refusal(unlicensed, claimBody(report))).toEqual([
      failure('CLAIM.NO_VALID_LICENCE_OR_FACILITY', 'companyId'),
    ]);
  });

  it('counts a plant only for a quarter in which the company ran it', async () => {
    const [earlier, later] = [randomUUID(), randomUUID()];
    for (const companyId of [earlier, later]) {
      await suite.subsidy.publish(CompanyRegistered, companyId, { ...samplePayload(CompanyRegistered), companyId });
    }
    // Handed over from the quarter after the claims' 2026-Q1: the earlier operator ran it then, the later did not.
    const plant = {
      ...samplePayload(FacilityOperatorChanged),
      facilityId: randomUUID(),
      status: 'commissioned' as const,
      statusSince: '2015-01-01',
      commissionedOn: '2015-01-01',
      operatorCompanyId: later,
      operators: [
        { operatorCompanyId: earlier, since: null },
        { operatorCompanyId: later, since: '2026-04-01' },
      ],
      previousOperatorCompanyId: earlier,
    };
    await suite.subsidy.publish(FacilityOperatorChanged, plant.facilityId, plant);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(
        `SELECT 1 FROM registry_facility WHERE facility_id = $1
          UNION ALL SELECT 1 FROM registry_company WHERE company_id = ANY($2)`,
        [plant.facilityId, [earlier, later]],
      );
      return rows.length === 3;
    });
    const reports = await acceptedReports(suite.subsidy, [earlier, later]);

    expect(await refusal(later, claimBody(reports.get(later)!))).toEqual([
      failure('CLAIM.NO_VALID_LICENCE_OR_FACILITY', 'companyId'),
    ]);
    expect(await submittedClaim(suite.subsidy, earlier, reports.get(earlier)!)).toMatchObject({ state: 'submitted' });
  });

  it('counts a plant closed for good up to the quarter it closed in, and refuses a later quarter naming the closure', async () => {
    const companyId = randomUUID();
    await suite.subsidy.publish(CompanyRegistered, companyId, { ...samplePayload(CompanyRegistered), companyId });
    // The company's only site, and no licence: the plant alone makes it eligible, while it runs.
    const plant = {
      ...samplePayload(FacilityStatusChanged),
      facilityId: randomUUID(),
      name: 'Karnasurt concentrator',
      operatorCompanyId: companyId,
      status: 'closed' as const,
      statusSince: '2026-05-15',
      commissionedOn: '2015-01-01',
      previousStatus: 'commissioned' as const,
    };
    await suite.subsidy.publish(FacilityStatusChanged, plant.facilityId, plant);
    const [q2, q3] = [reportVersion(companyId, { period: '2026-Q2' }), reportVersion(companyId, { period: '2026-Q3' })];
    await suite.subsidy.publishMany(ReportAccepted, [
      [q2.reportId, q2],
      [q3.reportId, q3],
    ]);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(
        `SELECT 1 FROM registry_facility WHERE facility_id = $1 AND status = 'closed'
          UNION ALL SELECT 1 FROM registry_company WHERE company_id = $2`,
        [plant.facilityId, companyId],
      );
      return rows.length === 2;
    });
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    await reportRecorded(suite.subsidy, q3.reportId, 1, 'accepted');
    const q1 = (await acceptedReports(suite.subsidy, [companyId])).get(companyId)!;

    expect(await submittedClaim(suite.subsidy, companyId, q1)).toMatchObject({ state: 'submitted' });
    expect(await submittedClaim(suite.subsidy, companyId, q2.reportId, { period: '2026-Q2' })).toMatchObject({
      state: 'submitted',
    });
    expect(await refusal(companyId, claimBody(q3.reportId, { period: '2026-Q3' }))).toEqual([
      {
        field: 'companyId',
        messages: [
          'CLAIM.NO_VALID_LICENCE_OR_FACILITY: No licence in force throughout 2026-07-01..2026-09-30 (no licence of ' +
            'the company is known) and no plant of the company running in it (Karnasurt concentrator closed on 2026-05-15)',
        ],
      },
    ]);
  });

  it('refuses a second claim for the quarter, and an invoice claimed before in another claim of the company', async () => {
    const companyId = suite.companies[3];
    const first = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!, {
      lines: [discountLine('10', 'INV 2026/0001')],
    });
    expect(await refusal(companyId, claimBody(suite.reports.get(companyId)!))).toEqual([
      failure('CLAIM.ALREADY_CLAIMED_THIS_QUARTER', 'period'),
    ]);

    const q2 = reportVersion(companyId, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, q2.reportId, q2);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    const sameInvoice = claimBody(q2.reportId, { period: '2026-Q2', lines: [discountLine('5', 'inv2026/0001')] });
    expect(await refusal(companyId, sameInvoice)).toEqual([
      failure('CLAIM.INVOICE_ALREADY_CLAIMED', 'lines.0.documentNumber'),
    ]);

    // Once the first claim is rejected its invoice is free again.
    const officer = await suite.subsidy.as(OFFICER_1);
    await officer.post(`/claims/${first.id}/take`);
    expect((await officer.post(`/claims/${first.id}/reject`).send({ reason: 'Buyer is a related party' })).status).toBe(
      200,
    );
    expect((await submittedClaim(suite.subsidy, companyId, q2.reportId, sameInvoice)).state).toBe('submitted');

    const published = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === first.id,
      (found) => found.length >= 3,
    );
    const events = published.map((message) => JSON.parse(message.value!));
    expect(events.map((event) => event.type)).toEqual([
      ClaimSubmitted.type,
      ClaimTakenForReview.type,
      ClaimRejected.type,
    ]);
    expect(events[2]).toMatchObject({
      aggregateId: first.id,
      payload: {
        claimId: first.id,
        companyId,
        state: 'rejected',
        decidedBy: [{ userId: OFFICER_1.userId }],
        reason: 'Buyer is a related party',
      },
    });
  });

  it('refuses a claim after the cut-off of its programme year (CLAIM.AFTER_CUTOFF)', async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const year2025 = await admin
      .post('/programmes/2025/versions')
      .send(firstVersion({ effectiveFrom: '2025-01-01', claimCutoff: '2025-12-01', resultsDueOn: '2026-02-01' }));
    expect(year2025.status).toBe(201);
    const q4 = reportVersion(suite.companies[4], { period: '2025-Q4' });
    await suite.subsidy.publish(ReportAccepted, q4.reportId, q4);
    await reportRecorded(suite.subsidy, q4.reportId, 1, 'accepted');
    expect(await refusal(suite.companies[4], claimBody(q4.reportId, { period: '2025-Q4' }))).toEqual([
      failure('CLAIM.AFTER_CUTOFF', 'period'),
    ]);
  });

  it('lets a claim submitted by the cut-off answer returns after it, and refuses a new claim then', async () => {
    const companyId = suite.companies[10];
    const claim = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!);
    const officer = await suite.subsidy.as(OFFICER_1);
    const producer = await suite.subsidy.as(producerOf(companyId));
    const returnAndAnswerOn = async (day: string) => {
      await officer.post(`/claims/${claim.id}/take`).expect(200);
      await officer
        .post(`/claims/${claim.id}/return`)
        .send({ reason: 'The discounted sales are not supported', missing: ['Invoice INV-0012'] })
        .expect(200);
      suite.subsidy.travelTo(day);
      return producer.post(`/claims/${claim.id}/submit`);
    };

    // The 2026 cut-off is 1 December; the claim was first submitted on 15 June.
    const answered = await returnAndAnswerOn('2026-12-02');
    expect([answered.status, answered.body.state]).toEqual([200, 'submitted']);
    // Answering again counts from the first submission, not from the answer before.
    const answeredAgain = await returnAndAnswerOn('2026-12-10');
    expect([answeredAgain.status, answeredAgain.body.state]).toEqual([200, 'submitted']);
    expect(answeredAgain.body).toMatchObject({
      submittedAt: expect.stringMatching(/^2026-12-10T/),
      firstSubmittedAt: expect.stringMatching(/^2026-06-15T/),
    });

    const q2 = reportVersion(companyId, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, q2.reportId, q2);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    expect(await refusal(companyId, claimBody(q2.reportId, { period: '2026-Q2' }))).toEqual([
      failure('CLAIM.AFTER_CUTOFF', 'period'),
    ]);
  });

  it("asks only for what the company's annual cap leaves, and refuses a claim once the cap is used up", async () => {
    // The 2026 rules cap each company at 150 m RUB a year; 10 t of discount are worth 1.75 m RUB.
    const companyId = suite.companies[8];
    const first = await submittedClaim(suite.subsidy, companyId, suite.reports.get(companyId)!, {
      lines: [discountLine('800')],
    });
    expect(first).toMatchObject({ computedKopecks: '14000000000', requestedKopecks: '14000000000' });

    const q2 = reportVersion(companyId, { period: '2026-Q2' });
    const q3 = reportVersion(companyId, { period: '2026-Q3' });
    await suite.subsidy.publishMany(ReportAccepted, [
      [q2.reportId, q2],
      [q3.reportId, q3],
    ]);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    await reportRecorded(suite.subsidy, q3.reportId, 1, 'accepted');
    const producer = await suite.subsidy.as(producerOf(companyId));
    const created = await producer
      .post('/claims')
      .send(claimBody(q2.reportId, { period: '2026-Q2', lines: [discountLine('100')] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ computedKopecks: '1750000000', requestedKopecks: '1000000000' });
    const submitted = await producer.post(`/claims/${created.body.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      state: 'submitted',
      computedKopecks: '1750000000',
      requestedKopecks: '1000000000',
    });

    const errors = await refusal(companyId, claimBody(q3.reportId, { period: '2026-Q3' }));
    expect(errors).toEqual([
      { field: 'lines', messages: [expect.stringMatching(/^CLAIM\.NOTHING_REQUESTED.*cap for the year is used up/)] },
    ]);
  });

  it('lists every failure at once', async () => {
    const errors = await refusal(
      suite.companies[5],
      claimBody(suite.reports.get(suite.companies[6])!, {
        annualRevenueKopecks: '1',
        notInLiquidation: false,
        lines: [{ ...discountLine(), productCode: 'TI-SPONGE' }],
      }),
    );
    expect(errors.map((error) => error.messages[0].split(':')[0])).toEqual([
      'CLAIM.REPORT_NOT_ACCEPTED',
      'CLAIM.DECLARATION_MISSING',
      'CLAIM.REVENUE_TOO_LOW',
      'CLAIM.PRODUCT_NOT_ELIGIBLE',
    ]);
  });

  it('takes report ids in lower case, so one id in two cases is one id when a claim is written or edited', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[7]));
    const reportId = suite.reports.get(suite.companies[7])!;
    const created = await producer.post('/claims').send(claimBody(reportId, { reportIds: [reportId.toUpperCase()] }));
    expect(created.status).toBe(201);
    expect(created.body.reportIds).toEqual([reportId]);

    const edited = await producer
      .patch(`/claims/${created.body.id}`)
      .send({ reportIds: [reportId, reportId.toUpperCase()] });
    expect(edited.status).toBe(400);
    expect(edited.body.errors).toEqual([expect.objectContaining({ field: 'reportIds' })]);
    const [claim] = await suite.subsidy.sql(
      `SELECT report_ids::text[] AS "reportIds", version FROM claim WHERE id = $1`,
      [created.body.id],
    );
    expect(claim).toEqual({ reportIds: [reportId], version: 1 });
  });

  it('names the period when its year has no programme rules in force, writing nothing', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[7]));
    const reportId = suite.reports.get(suite.companies[7])!;
    const admin = await suite.subsidy.as(ADMIN);
    const later = await admin
      .post('/programmes/2030/versions')
      .send(firstVersion({ effectiveFrom: '2029-01-01', claimCutoff: '2030-12-01', resultsDueOn: '2031-02-01' }));
    expect(later.status).toBe(201);
    const draft = await producer.post('/claims').send(claimBody(reportId));
    expect(draft.status).toBe(201);
    const written = () =>
      suite.subsidy.sql(
        `SELECT count(*)::int AS n, (SELECT period || ' v' || version FROM claim WHERE id = $1) AS draft
                     FROM claim`,
        [draft.body.id],
      );
    const before = await written();

    const refusals = [
      [producer.post('/claims').send(claimBody(reportId, { period: '2031-Q1' })), 404, 'PROGRAMME.NOT_FOUND'],
      [producer.post('/claims').send(claimBody(reportId, { period: '2030-Q1' })), 422, 'PROGRAMME.NOT_IN_FORCE'],
      [producer.patch(`/claims/${draft.body.id}`).send({ period: '2031-Q2' }), 404, 'PROGRAMME.NOT_FOUND'],
      [producer.patch(`/claims/${draft.body.id}`).send({ period: '2030-Q2' }), 422, 'PROGRAMME.NOT_IN_FORCE'],
    ] as const;
    for (const [request, status, code] of refusals) {
      const refused = await request;
      expect({ status: refused.status, code: refused.body.code, errors: refused.body.errors }).toEqual({
        status,
        code,
        errors: [{ field: 'period', messages: [expect.stringMatching(/^There is no|^No version/)] }],
      });
    }
    expect(await written()).toEqual(before);
  });

  describe('refuses bad input with field-level errors (400), writing nothing', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a month for a quarter', { period: '2026-03' }, 'period'],
      ['an unknown field', { priority: 'high' }, 'priority'],
      ['a float amount', { annualRevenueKopecks: 1.5 }, 'annualRevenueKopecks'],
      ['a negative price', { lines: [{ ...discountLine(), policyPriceKopecks: '-1' }] }, 'lines.0.policyPriceKopecks'],
      ['a discount without a buyer', { lines: [{ ...discountLine(), buyerName: undefined }] }, 'lines.0.buyerName'],
      [
        'a cost without an amount',
        { lines: [{ basis: 'cost', category: 'energy', description: 'x', documentNumber: 'E-1' }] },
        'lines.0.amountKopecks',
      ],
      [
        'an unknown cost category',
        { lines: [{ basis: 'cost', category: 'lunch', description: 'x', amountKopecks: '1', documentNumber: 'E-1' }] },
        'lines.0.category',
      ],
      [
        'a discount at or above the policy price',
        { lines: [{ ...discountLine(), invoicedPriceKopecks: '250000000' }] },
        'lines.0.invoicedPriceKopecks',
      ],
      [
        'the same invoice twice',
        { lines: [discountLine('1', 'INV 77'), discountLine('1', 'inv77')] },
        'lines.1.documentNumber',
      ],
      ['a report id that is not a UUID', { reportIds: ['last-quarter'] }, 'reportIds'],
      ['one report id twice, in two cases', { reportIds: [SAME_REPORT, SAME_REPORT.toUpperCase()] }, 'reportIds'],
      [
        'a discount too large to be real',
        {
          lines: [
            { ...discountLine('999999999999999'), policyPriceKopecks: '999999999999999999', invoicedPriceKopecks: '1' },
          ],
        },
        'lines.0',
      ],
    ])('%s', async (_case, change, field) => {
      const producer = await suite.subsidy.as(producerOf(suite.companies[7]));
      const [before] = await suite.subsidy.sql<{ n: number }>(`SELECT count(*)::int AS n FROM claim`);
      const response = await producer
        .post('/claims')
        .send({ ...claimBody(suite.reports.get(suite.companies[7])!), ...change });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await suite.subsidy.sql(`SELECT count(*)::int AS n FROM claim`)).toEqual([before]);
    });
  });
});
