import {
  BudgetReserved,
  ClaimApproved,
  ClaimPaid,
  ClaimPaymentScheduled,
  ClaimSubmitted,
  ClaimTakenForReview,
  ReportAccepted,
} from '@redmet/contracts';
import { waitFor } from '@redmet/testing';
import {
  ADMIN,
  approvedClaim,
  budgetReleases,
  claimBody,
  discountLine,
  FINANCE,
  firstVersion,
  OFFICER_1,
  OFFICER_2,
  paidClaim,
  producerOf,
  reportLine,
  reportVersion,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';
import { type Caller } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-sokolov', name: 'P. Sokolov' };
/** 35% of 100 t sold 500 000 RUB/t below the sales policy: above the four-eyes threshold. */
const FOUR_EYES_LINE = discountLine('100');

/** The statuses of answers to requests sent at once, in one order whichever was served first. */
const statuses = (answers: { status: number }[]) => answers.map((answer) => answer.status).sort();

/**
 * Double clicks, retries after a timeout and two officers acting at the same moment: each command locks its claim
 * (or the budget row, or meets a unique key), so exactly one of the requests takes effect, with one event, and the
 * others are refused with a 4xx that names what happened.
 */
describe('the same command sent twice at once, or by two people at the same moment', () => {
  const suite = useSubsidyWorld({ companies: 6 });

  const count = async (claimId: string, type: string) =>
    (await suite.subsidy.eventsOf(claimId)).filter((event) => event === type).length;

  const reservedFor = async (claimId: string) =>
    (
      await suite.subsidy.sql(
        `SELECT 1 FROM outbox_message WHERE event_type = $1 AND envelope -> 'payload' ->> 'claimId' = $2`,
        [BudgetReserved.type, claimId],
      )
    ).length;

  it('submits, takes and approves a claim once, reserving its money once', async () => {
    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const { body: draft } = await producer.post('/claims').send(claimBody(suite.reports.get(suite.companies[0])!));
    const submit = () => producer.post(`/claims/${draft.id}/submit`);
    expect(statuses(await Promise.all([submit(), submit()]))).toEqual([200, 409]);
    const taken = await Promise.all(
      [OFFICER_1, OFFICER_2].map(async (officer) => (await suite.subsidy.as(officer)).post(`/claims/${draft.id}/take`)),
    );
    expect(statuses(taken)).toEqual([200, 409]);
    const assignee = await suite.subsidy.as(taken[0].status === 200 ? OFFICER_1 : OFFICER_2);
    const approve = () => assignee.post(`/claims/${draft.id}/approve`).send({});

    const approved = await Promise.all([approve(), approve()]);

    expect(statuses(approved)).toEqual([200, 409]);
    expect(approved.find((answer) => answer.status === 409)?.body.code).toBe('CLAIM.ILLEGAL_TRANSITION');
    expect(await count(draft.id, ClaimSubmitted.type)).toBe(1);
    expect(await count(draft.id, ClaimTakenForReview.type)).toBe(1);
    expect(await count(draft.id, ClaimApproved.type)).toBe(1);
    expect(await reservedFor(draft.id)).toBe(1);
  });

  it('records a first approval once, and lets one of two other officers confirm it', async () => {
    const claim = await submittedClaim(suite.subsidy, suite.companies[1], suite.reports.get(suite.companies[1])!, {
      lines: [FOUR_EYES_LINE],
    });
    const first = await suite.subsidy.as(OFFICER_1);
    await first.post(`/claims/${claim.id}/take`);

    const firsts = await Promise.all([1, 2].map(() => first.post(`/claims/${claim.id}/approve`).send({})));
    // The second request finds the first approval given, by the same officer.
    expect(statuses(firsts)).toEqual([200, 403]);
    expect(firsts.find((answer) => answer.status === 403)?.body.code).toBe('CLAIM.SAME_APPROVER');
    const confirmations = await Promise.all(
      [OFFICER_2, OFFICER_3].map(async (officer) =>
        (await suite.subsidy.as(officer)).post(`/claims/${claim.id}/approve`).send({}),
      ),
    );

    expect(statuses(confirmations)).toEqual([200, 409]);
    expect(await count(claim.id, ClaimApproved.type)).toBe(1);
    expect(await reservedFor(claim.id)).toBe(1);
    const [{ n }] = await suite.subsidy.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_entry WHERE subject_id = $1 AND action = 'claim.first_approval'`,
      [claim.id],
    );
    expect(n).toBe(1);
  });

  it('schedules and pays a claim once (the last day a 2026 payment may be scheduled: 2027-12-31)', async () => {
    const id = await approvedClaim(suite.subsidy, suite.companies[2], suite.reports.get(suite.companies[2])!);
    const finance = await suite.subsidy.as(FINANCE);
    const schedule = () => finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: '2027-12-31' });
    expect(statuses(await Promise.all([schedule(), schedule()]))).toEqual([200, 409]);
    const pay = () => finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-ONCE' });

    expect(statuses(await Promise.all([pay(), pay()]))).toEqual([200, 409]);
    expect(await count(id, ClaimPaymentScheduled.type)).toBe(1);
    expect(await count(id, ClaimPaid.type)).toBe(1);
  });

  it('records a repayment once per reference, and never more than is outstanding, releasing only what it recorded', async () => {
    const companyId = suite.companies[3];
    const reportId = suite.reports.get(companyId)!;
    const id = await paidClaim(suite.subsidy, companyId, reportId, { paidOn: '2026-06-15', reference: 'PP-CLAWED' });
    await suite.subsidy.publish(
      ReportAccepted,
      reportId,
      reportVersion(companyId, { reportId, version: 2, state: 'accepted', lines: [reportLine('322.575')] }),
    );
    await waitFor(
      async () =>
        (await suite.subsidy.sql(`SELECT 1 FROM claim WHERE id = $1 AND state = 'under_clawback'`, [id])).length > 0 ||
        undefined,
      { description: 'half of the subsidy demanded back' },
    );
    const finance = await suite.subsidy.as(FINANCE);
    const repay = (amountKopecks: string, reference: string) =>
      finance.post(`/claims/${id}/clawback/repayments`).send({ amountKopecks, repaidOn: '2026-06-15', reference });

    const retried = await Promise.all([repay('10000000', 'IN-1'), repay('10000000', 'IN-1')]);
    const together = await Promise.all([repay('50000000', 'IN-2'), repay('50000000', 'IN-3')]);

    expect(statuses(retried)).toEqual([201, 409]);
    expect(retried.find((answer) => answer.status === 409)?.body.code).toBe('CLAWBACK.DUPLICATE_REFERENCE');
    // 87 500 000 demanded: after 10 000 000, the second 50 000 000 is more than the 27 500 000 left.
    expect(statuses(together)).toEqual([201, 422]);
    expect(together.find((answer) => answer.status === 422)?.body.code).toBe('CLAWBACK.OVERPAYMENT');
    expect(await budgetReleases(suite.subsidy, id)).toEqual(['10000000', '50000000']);
    expect((await finance.get(`/claims/${id}`)).body.clawbackOutstandingKopecks).toBe('27500000');
  });

  it('lets two quarters of one company submitted at once take no more than the company cap together', async () => {
    const companyId = suite.companies[4];
    const second = reportVersion(companyId, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, second.reportId, second);
    await waitFor(
      async () =>
        (await suite.subsidy.sql(`SELECT 1 FROM report_version WHERE report_id = $1`, [second.reportId])).length > 0 ||
        undefined,
      { description: 'the Q2 report' },
    );
    const producer = await suite.subsidy.as(producerOf(companyId));
    // 8 750 000 000 kopecks each, against the cap of 15 000 000 000.
    const drafts = await Promise.all(
      [
        [suite.reports.get(companyId)!, '2026-Q1'],
        [second.reportId, '2026-Q2'],
      ].map(([reportId, period]) =>
        producer.post('/claims').send(claimBody(reportId, { period, lines: [discountLine('500')] })),
      ),
    );

    const submitted = await Promise.all(drafts.map(({ body }) => producer.post(`/claims/${body.id}/submit`)));

    expect(statuses(submitted)).toEqual([200, 200]);
    const requested = submitted.map(({ body }) => BigInt(body.requestedKopecks)).sort();
    expect(requested).toEqual([6250000000n, 8750000000n]);
  });

  it('records a company’s results for a year once when they are sent twice at once', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const results = {
      companyId: suite.companies[5],
      programmeYear: 2026,
      indicator: 'REO, t',
      planned: '100',
      actual: '90',
    };

    const answers = await Promise.all([1, 2].map(() => officer.post('/results-reports').send(results)));

    expect(statuses(answers)).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('RESULTS.ALREADY_RECORDED');
  });

  it('numbers versions of a year added at once one after the other, and creates a new year once', async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const added = await Promise.all(
      ['Order A', 'Order B'].map((reason) =>
        admin.post('/programmes/2027/versions').send({ effectiveFrom: '2028-12-31', reason }),
      ),
    );
    expect(statuses(added)).toEqual([201, 201]);
    expect(added.map(({ body }) => body.version).sort()).toEqual([2, 3]);
    const year = 2030;
    const days = { effectiveFrom: `${year}-01-01`, claimCutoff: `${year}-12-01`, resultsDueOn: `${year + 1}-02-01` };

    const created = await Promise.all(
      [1, 2].map(() => admin.post(`/programmes/${year}/versions`).send(firstVersion(days))),
    );

    expect(statuses(created)).toEqual([201, 409]);
    expect(created.find((answer) => answer.status === 409)?.body.code).toBe('PROGRAMME.CONCURRENT_CHANGE');
    expect((await admin.get(`/programmes/${year}/versions`)).body).toHaveLength(1);
  });
});
