import { BudgetReserved } from '@redmet/contracts';
import { acceptedReports, ADMIN, OFFICER_1, OFFICER_2, registerCompanies, submittedClaim } from './support/fixtures';
import { startSubsidy, type SubsidyTestApp } from './support/subsidy-app';

const CLAIMS = 50;
const AFFORDABLE = 20;
const EACH = 175000000n; // 10 t × 500 000 RUB discount × 35%, in kopecks
const TOTAL = EACH * BigInt(AFFORDABLE) + EACH / 2n;

const OFFICERS = [
  OFFICER_1,
  OFFICER_2,
  { roles: ['subsidy_officer' as const], userId: 'u-officer-3' },
  { roles: ['subsidy_officer' as const], userId: 'u-officer-4' },
  { roles: ['subsidy_officer' as const], userId: 'u-officer-5' },
];

describe('the budget never overspends', () => {
  let subsidy: SubsidyTestApp;

  beforeAll(async () => {
    subsidy = await startSubsidy();
  });

  afterAll(async () => {
    await subsidy.close();
  });

  it(`approves exactly ${AFFORDABLE} of ${CLAIMS} simultaneous approvals against a budget that fits ${AFFORDABLE}`, async () => {
    const admin = await subsidy.as(ADMIN);
    const budget = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-06-01', reason: 'Concurrency test budget', totalKopecks: TOTAL.toString() });
    expect(budget.status).toBe(201);
    const companies = await registerCompanies(subsidy, CLAIMS);
    const reports = await acceptedReports(subsidy, companies);
    const claims: string[] = [];
    for (const companyId of companies)
      claims.push((await submittedClaim(subsidy, companyId, reports.get(companyId)!)).id);
    const agents = await Promise.all(OFFICERS.map((officer) => subsidy.as(officer)));
    const assignee = (index: number) => agents[index % agents.length];
    for (const [index, id] of claims.entries())
      expect((await assignee(index).post(`/claims/${id}/take`)).status).toBe(200);

    const answers = await Promise.all(
      claims.map((id, index) => assignee(index).post(`/claims/${id}/approve`).send({})),
    );

    const approved = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(approved).toHaveLength(AFFORDABLE);
    expect(refused).toHaveLength(CLAIMS - AFFORDABLE);
    for (const answer of refused) expect(answer.body).toMatchObject({ status: 409, code: 'CLAIM.BUDGET_EXCEEDED' });
    const [row] = await subsidy.sql<{ total: string; committed: string }>(
      `SELECT total_kopecks AS total, committed_kopecks AS committed FROM programme WHERE year = 2026`,
    );
    expect(BigInt(row.committed)).toBe(EACH * BigInt(AFFORDABLE));
    expect(BigInt(row.committed)).toBeLessThanOrEqual(BigInt(row.total));
    // Refused approvals wrote nothing: their claims still wait under review, with no event and no reservation.
    const states = await subsidy.sql<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM claim WHERE id = ANY($1) GROUP BY state ORDER BY state`,
      [claims],
    );
    expect(states).toEqual([
      { state: 'approved', n: AFFORDABLE },
      { state: 'under_review', n: CLAIMS - AFFORDABLE },
    ]);
    const [reservations] = await subsidy.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1`,
      [BudgetReserved.type],
    );
    expect(reservations.n).toBe(AFFORDABLE);
    // Preparing 50 claims over HTTP and Kafka takes a while on a shared machine; this bounds it, it measures nothing.
  }, 240_000);

  it('has the database refuse an overspend even if the code let one through (CHECK constraint)', async () => {
    await expect(
      subsidy.sql(`UPDATE programme SET committed_kopecks = total_kopecks + 1 WHERE year = 2026`),
    ).rejects.toThrow(/programme_budget_not_overspent/);
  });

  it('refuses to lower the total below what is committed', async () => {
    const admin = await subsidy.as(ADMIN);
    const lowered = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-06-15', reason: 'Cut', totalKopecks: (EACH * 10n).toString() });
    expect(lowered.status).toBe(409);
    expect(lowered.body).toMatchObject({
      code: 'PROGRAMME.TOTAL_BELOW_COMMITTED',
      errors: [{ field: 'totalKopecks' }],
    });
  });
});
