import { BudgetReserved, BudgetTotalChanged, type EventEnvelope, TOPICS } from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import { Budget } from '../src/programmes/budget';
import {
  acceptedReports,
  ADMIN,
  firstVersion,
  OFFICER_1,
  OFFICER_2,
  registerCompanies,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';

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

/**
 * The answer once the service decided. Fifty approvals at once share a pool of ten connections, and on a loaded
 * machine some wait longer for one than the pool allows: a 503 that promises nothing changed and asks for a retry,
 * which an officer would make. Only such answers are sent again, so the tally below still counts each claim once.
 */
async function decided(send: () => Test): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    if (answer.status !== 503 || attempt === MAX_ATTEMPTS) return answer;
    expect(answer.headers['retry-after']).toBeDefined();
  }
}
const MAX_ATTEMPTS = 5;

describe('the budget never overspends', () => {
  const suite = useSubsidyWorld();

  it(`approves exactly ${AFFORDABLE} of ${CLAIMS} simultaneous approvals against a budget that fits ${AFFORDABLE}`, async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const budget = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-06-01', reason: 'Concurrency test budget', totalKopecks: TOTAL.toString() });
    expect(budget.status).toBe(201);
    const companies = await registerCompanies(suite.subsidy, CLAIMS);
    const reports = await acceptedReports(suite.subsidy, companies);
    const claims: string[] = [];
    for (const companyId of companies)
      claims.push((await submittedClaim(suite.subsidy, companyId, reports.get(companyId)!)).id);
    const agents = await Promise.all(OFFICERS.map((officer) => suite.subsidy.as(officer)));
    const assignee = (index: number) => agents[index % agents.length];
    for (const [index, id] of claims.entries())
      expect((await assignee(index).post(`/claims/${id}/take`)).status).toBe(200);

    const answers = await Promise.all(
      claims.map((id, index) => decided(() => assignee(index).post(`/claims/${id}/approve`).send({}))),
    );

    const approved = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(approved).toHaveLength(AFFORDABLE);
    expect(refused).toHaveLength(CLAIMS - AFFORDABLE);
    for (const answer of refused) expect(answer.body).toMatchObject({ status: 409, code: 'CLAIM.BUDGET_EXCEEDED' });
    const [row] = await suite.subsidy.sql<{ total: string; committed: string }>(
      `SELECT total_kopecks AS total, committed_kopecks AS committed FROM programme WHERE year = 2026`,
    );
    expect(BigInt(row.committed)).toBe(EACH * BigInt(AFFORDABLE));
    expect(BigInt(row.committed)).toBeLessThanOrEqual(BigInt(row.total));
    // Refused approvals wrote nothing: their claims still wait under review, with no event and no reservation.
    const states = await suite.subsidy.sql<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM claim WHERE id = ANY($1) GROUP BY state ORDER BY state`,
      [claims],
    );
    expect(states).toEqual([
      { state: 'approved', n: AFFORDABLE },
      { state: 'under_review', n: CLAIMS - AFFORDABLE },
    ]);
    const [reservations] = await suite.subsidy.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = $1`,
      [BudgetReserved.type],
    );
    expect(reservations.n).toBe(AFFORDABLE);
    // Each change of the year's budget counts itself, in commit order: its announcement at start, the new total.
    const counts = await suite.subsidy.sql<{ budget_version: number }>(
      `SELECT (envelope -> 'payload' ->> 'budgetVersion')::int AS budget_version FROM outbox_message
        WHERE event_type = $1 ORDER BY id`,
      [BudgetReserved.type],
    );
    expect(counts.map((row) => row.budget_version)).toEqual(Array.from({ length: AFFORDABLE }, (_, i) => i + 3));
    // Preparing 50 claims over HTTP and Kafka takes a while on a shared machine; this bounds it, it measures nothing.
  }, 240_000);

  it('announced at start the budgets no event had stated (the years the first migration created), once, changing no total', async () => {
    const announced = await suite.subsidy.sql<{ payload: Record<string, unknown> }>(
      `SELECT envelope -> 'payload' AS payload FROM outbox_message
        WHERE event_type = $1 AND (envelope -> 'payload' ->> 'budgetVersion')::int = 1 ORDER BY id`,
      [BudgetTotalChanged.type],
    );
    expect(announced.map((row) => row.payload)).toEqual(
      [
        [2026, '107000000000'],
        [2027, '108000000000'],
        [2028, '170000000000'],
      ].map(([programmeYear, totalKopecks]) =>
        expect.objectContaining({
          programmeYear,
          programmeVersion: 1,
          previousTotalKopecks: totalKopecks,
          totalKopecks,
          committedKopecks: '0',
          budgetVersion: 1,
        }),
      ),
    );
    expect(
      await suite.subsidy.app
        .get(DataSource)
        .transaction((manager) => suite.subsidy.app.get(Budget).announceUncounted(manager)),
    ).toEqual([]);
  });

  it('has the database refuse an overspend even if the code let one through (CHECK constraint)', async () => {
    await expect(
      suite.subsidy.sql(`UPDATE programme SET committed_kopecks = total_kopecks + 1 WHERE year = 2026`),
    ).rejects.toThrow(/programme_budget_not_overspent/);
  });

  it('refuses to lower the total below what is committed', async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const lowered = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-06-15', reason: 'Cut', totalKopecks: (EACH * 10n).toString() });
    expect(lowered.status).toBe(409);
    expect(lowered.body).toMatchObject({
      code: 'PROGRAMME.TOTAL_BELOW_COMMITTED',
      errors: [{ field: 'totalKopecks' }],
    });
  });

  /**
   * The budget events the requests that answered `responses` caused, read from the topic until the
   * last one's. The topic is shared with every test, so they are told apart by correlation id; a
   * year's events share a partition, so whatever the earlier requests published comes before.
   */
  async function budgetEventsOf(...responses: { headers: Record<string, string> }[]): Promise<EventEnvelope[]> {
    const ids = responses.map((response) => response.headers['x-correlation-id']);
    const messages = await readTopic(
      TOPICS.subsidyBudget.name,
      (message) => ids.includes(JSON.parse(message.value!).correlationId),
      (found) => found.some((message) => JSON.parse(message.value!).correlationId === ids.at(-1)),
    );
    return messages.map((message) => JSON.parse(message.value!));
  }

  it('publishes a new total with the budget as it leaves it, and nothing for a version refused or one that keeps the total', async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const refused = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-07-01', reason: 'Cut', totalKopecks: '1' });
    expect(refused.status).toBe(409);
    const sameTotal = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-07-01', reason: 'Rates only', rates: { buyer_discount: '0.3' } });
    expect(sameTotal.status).toBe(201);
    const raised = await admin
      .post('/programmes/2026/versions')
      .send({ effectiveFrom: '2026-09-01', reason: 'Order No. 77', totalKopecks: (TOTAL * 2n).toString() });
    expect(raised.status).toBe(201);

    const events = await budgetEventsOf(refused, sameTotal, raised);
    expect(events).toEqual([
      expect.objectContaining({
        type: BudgetTotalChanged.type,
        aggregateId: '2026',
        payload: {
          programmeYear: 2026,
          programmeVersion: raised.body.version,
          previousTotalKopecks: TOTAL.toString(),
          totalKopecks: (TOTAL * 2n).toString(),
          committedKopecks: (EACH * BigInt(AFFORDABLE)).toString(),
          availableKopecks: (TOTAL * 2n - EACH * BigInt(AFFORDABLE)).toString(),
          utilisationPercent: '48.78',
          reason: 'Order No. 77',
          // The announcement, the first total, the reservations, this total: a version that kept the total changed nothing.
          budgetVersion: AFFORDABLE + 3,
        },
      }),
    ]);
  });

  it("publishes a new year's first total, from nothing", async () => {
    const admin = await suite.subsidy.as(ADMIN);
    const created = await admin
      .post('/programmes/2029/versions')
      .send(firstVersion({ effectiveFrom: '2029-01-01', claimCutoff: '2029-12-01', resultsDueOn: '2030-02-01' }));
    expect(created.status).toBe(201);

    const [event] = await budgetEventsOf(created);
    expect(event).toMatchObject({
      type: BudgetTotalChanged.type,
      aggregateId: '2029',
      payload: {
        programmeYear: 2029,
        programmeVersion: 1,
        previousTotalKopecks: null,
        totalKopecks: '50000000000',
        committedKopecks: '0',
        availableKopecks: '50000000000',
        utilisationPercent: '0.00',
        reason: 'Pilot year',
        budgetVersion: 1,
      },
    });
  });
});
