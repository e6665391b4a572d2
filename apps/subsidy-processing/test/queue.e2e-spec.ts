import { ReportAccepted } from '@redmet/contracts';
import {
  acceptedReports,
  ADMIN,
  claimBody,
  discountLine,
  producerOf,
  registerCompanies,
  reportRecorded,
  reportVersion,
  submittedClaim,
  useSubsidyWorld,
  PDF,
} from './support/fixtures';
import { type Caller } from './support/subsidy-app';

/** Officers of this file only, so `assignedTo` sees no claim another test took. */
const KOZLOV: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-queue-kozlov', name: 'P. Kozlov' };
const ZAITSEVA: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-queue-zaitseva', name: 'N. Zaitseva' };
const ORLOV: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-queue-orlov', name: 'D. Orlov' };

describe("the officers' queue filters by company, quarter, assignee and a pending second approval", () => {
  const suite = useSubsidyWorld();

  it('returns exactly the claims each filter names', async () => {
    const [alpha, beta, gamma] = await registerCompanies(suite.subsidy, 3);
    const reports = await acceptedReports(suite.subsidy, [alpha, beta, gamma]);
    const alphaQ2 = reportVersion(alpha, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, alphaQ2.reportId, alphaQ2);
    await reportRecorded(suite.subsidy, alphaQ2.reportId, 1, 'accepted');

    // alpha Q1: 17.5 m RUB, above the 10 m RUB threshold, approved once by Kozlov and awaiting a second officer
    const awaiting = await submittedClaim(suite.subsidy, alpha, reports.get(alpha)!, { lines: [discountLine('100')] });
    // alpha Q2: submitted, nobody has taken it
    const untaken = await submittedClaim(suite.subsidy, alpha, alphaQ2.reportId, { period: '2026-Q2' });
    // beta Q1: under review by Kozlov; gamma Q1: under review by Zaitseva
    const kozlovs = await submittedClaim(suite.subsidy, beta, reports.get(beta)!);
    const zaitsevas = await submittedClaim(suite.subsidy, gamma, reports.get(gamma)!);
    const kozlov = await suite.subsidy.as(KOZLOV);
    const zaitseva = await suite.subsidy.as(ZAITSEVA);
    expect((await kozlov.post(`/claims/${awaiting.id}/take`)).status).toBe(200);
    expect((await kozlov.post(`/claims/${awaiting.id}/approve`).send({})).body).toMatchObject({
      state: 'under_review',
      firstApproval: { userId: KOZLOV.userId },
    });
    expect((await kozlov.post(`/claims/${kozlovs.id}/take`)).status).toBe(200);
    expect((await zaitseva.post(`/claims/${zaitsevas.id}/take`)).status).toBe(200);

    const ids = async (agent: typeof kozlov, query: Record<string, string>) => {
      const answer = await agent.get('/claims').query(query);
      expect(answer.status).toBe(200);
      const found: string[] = answer.body.items.map((claim: { id: string }) => claim.id);
      expect(answer.body.total).toBe(found.length);
      return found.sort();
    };
    const sorted = (...claims: Record<string, string>[]) => claims.map((claim) => claim.id).sort();

    expect(await ids(kozlov, {})).toEqual(sorted(awaiting, untaken, kozlovs, zaitsevas));
    expect(await ids(kozlov, { companyId: alpha })).toEqual(sorted(awaiting, untaken));
    expect(await ids(kozlov, { companyId: gamma })).toEqual(sorted(zaitsevas));
    expect(await ids(kozlov, { period: '2026-Q2' })).toEqual(sorted(untaken));
    expect(await ids(kozlov, { period: '2026-Q1' })).toEqual(sorted(awaiting, kozlovs, zaitsevas));
    expect(await ids(kozlov, { assignedTo: 'me' })).toEqual(sorted(awaiting, kozlovs));
    expect(await ids(zaitseva, { assignedTo: 'me' })).toEqual(sorted(zaitsevas));
    expect(await ids(kozlov, { assignedTo: ZAITSEVA.userId! })).toEqual(sorted(zaitsevas));
    expect(await ids(kozlov, { awaitingSecondApproval: 'true' })).toEqual(sorted(awaiting));
    expect(await ids(kozlov, { awaitingSecondApproval: 'false' })).toEqual(sorted(untaken, kozlovs, zaitsevas));
    expect(await ids(zaitseva, { companyId: alpha, period: '2026-Q1', awaitingSecondApproval: 'true' })).toEqual(
      sorted(awaiting),
    );
    expect(await ids(zaitseva, { companyId: beta, assignedTo: 'me' })).toEqual([]);
  });

  it("lists a producer's claims by last change, a new draft first, or by submission, drafts last", async () => {
    const [alpha] = await registerCompanies(suite.subsidy, 1);
    const reportId = (await acceptedReports(suite.subsidy, [alpha])).get(alpha)!;
    const q2 = reportVersion(alpha, { period: '2026-Q2' });
    await suite.subsidy.publish(ReportAccepted, q2.reportId, q2);
    await reportRecorded(suite.subsidy, q2.reportId, 1, 'accepted');
    const first = await submittedClaim(suite.subsidy, alpha, reportId);
    const producer = await suite.subsidy.as(producerOf(alpha));
    const draft = await producer.post('/claims').send(claimBody(q2.reportId, { period: '2026-Q2' }));
    expect(draft.status).toBe(201);
    const inOrder = async (sort: string) =>
      (await producer.get('/claims').query({ sort })).body.items.map((claim: { id: string }) => claim.id);

    expect(await inOrder('newest')).toEqual([first.id, draft.body.id]);
    expect(await inOrder('recent')).toEqual([draft.body.id, first.id]);
  });

  it('flags a claim whose assignee wrote part of it and may not decide it, until it is handed on', async () => {
    const [delta, epsilon] = await registerCompanies(suite.subsidy, 2);
    const reports = await acceptedReports(suite.subsidy, [delta, epsilon]);
    const stuck = await submittedClaim(suite.subsidy, delta, reports.get(delta)!);
    const evidenced = await submittedClaim(suite.subsidy, epsilon, reports.get(epsilon)!);
    const orlov = await suite.subsidy.as(ORLOV);
    const zaitseva = await suite.subsidy.as(ZAITSEVA);
    const upload = (agent: typeof orlov, id: string) =>
      agent
        .post(`/claims/${id}/documents`)
        .attach('file', PDF, { filename: 'paper.pdf', contentType: 'application/pdf' });
    expect((await orlov.post(`/claims/${stuck.id}/take`)).body).toMatchObject({ needsAnotherOfficer: false });
    expect((await orlov.post(`/claims/${evidenced.id}/take`)).status).toBe(200);
    // Orlov attaches a paper document to one claim; the producer sends one for the other, which Orlov still decides.
    expect((await upload(orlov, stuck.id)).status).toBe(201);
    expect((await upload(await suite.subsidy.as(producerOf(epsilon)), evidenced.id)).status).toBe(201);

    const flagged = async (agent: typeof orlov, query: Record<string, string> = {}) => {
      const answer = await agent.get('/claims').query({ needsAnotherOfficer: 'true', ...query });
      expect(answer.status).toBe(200);
      return answer.body.items.map((claim: { id: string; needsAnotherOfficer: boolean }) => [
        claim.id,
        claim.needsAnotherOfficer,
      ]);
    };
    expect(await flagged(zaitseva)).toEqual([[stuck.id, true]]);
    expect(await flagged(orlov, { assignedTo: 'me' })).toEqual([[stuck.id, true]]);
    const others = await orlov.get('/claims').query({ needsAnotherOfficer: 'false', assignedTo: 'me' });
    expect(others.body.items.map((claim: { id: string }) => claim.id)).toEqual([evidenced.id]);
    expect((await orlov.get(`/claims/${stuck.id}`)).body).toMatchObject({ needsAnotherOfficer: true });
    expect((await orlov.get(`/claims/${evidenced.id}`)).body).toMatchObject({ needsAnotherOfficer: false });
    // A producer sees the flag on its own claim, never another company's claim.
    expect(await flagged(await suite.subsidy.as(producerOf(delta)))).toEqual([[stuck.id, true]]);
    expect(await flagged(await suite.subsidy.as(producerOf(epsilon)))).toEqual([]);
    expect((await orlov.get('/claims').query({ needsAnotherOfficer: 'maybe' })).status).toBe(400);

    // Only the assignee or an admin hands it on; then the flag is gone.
    const taken = await zaitseva
      .post(`/claims/${stuck.id}/reassign`)
      .send({ officerId: ZAITSEVA.userId, reason: 'Mine' });
    expect(taken.body.code).toBe('CLAIM.NOT_ASSIGNEE');
    const handed = await (
      await suite.subsidy.as(ADMIN)
    )
      .post(`/claims/${stuck.id}/reassign`)
      .send({ officerId: ZAITSEVA.userId, reason: 'Orlov attached a paper document' });
    expect(handed.body).toMatchObject({ assignedTo: { userId: ZAITSEVA.userId }, needsAnotherOfficer: false });
    expect(await flagged(zaitseva)).toEqual([]);
    expect((await zaitseva.post(`/claims/${stuck.id}/approve`).send({})).body).toMatchObject({ state: 'approved' });
  });
});
