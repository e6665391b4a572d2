import { ClaimReassigned, TOPICS } from '@redmet/contracts';
import { readTopic } from '@redmet/testing';
import {
  ADMIN,
  claimBody,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  submittedClaim,
  useSubsidyWorld,
} from './support/fixtures';
import type { Caller } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-ivanova', name: 'N. Ivanova' };

describe('reassigning a claim under review to another officer', () => {
  const suite = useSubsidyWorld({ companies: 3 });

  async function takenBy(officer: Caller, index: number, overrides: Record<string, unknown> = {}): Promise<string> {
    const claim = await submittedClaim(
      suite.subsidy,
      suite.companies[index],
      suite.reports.get(suite.companies[index])!,
      overrides,
    );
    expect((await (await suite.subsidy.as(officer)).post(`/claims/${claim.id}/take`)).status).toBe(200);
    return claim.id;
  }

  const auditOf = async (id: string) =>
    (await (await suite.subsidy.as(ADMIN)).get('/audit').query({ subjectType: 'claim', subjectId: id })).body.items;

  it('hands a claim from its officer to another, with the reason audited and an event; the new officer decides', async () => {
    const id = await takenBy(OFFICER_1, 0);
    const first = await suite.subsidy.as(OFFICER_1);
    const answer = await first
      .post(`/claims/${id}/reassign`)
      .send({ officerId: OFFICER_2.userId, officerName: OFFICER_2.name, reason: 'On leave from 1 July' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      state: 'under_review',
      assignedTo: { userId: OFFICER_2.userId, name: OFFICER_2.name },
      version: 4,
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'claim.reassigned',
      actorId: OFFICER_1.userId,
      reason: 'On leave from 1 July',
      changes: { assignedTo: { userId: OFFICER_2.userId }, previouslyAssignedTo: { userId: OFFICER_1.userId } },
    });
    const [event] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimReassigned.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(event.value!).payload).toMatchObject({
      state: 'under_review',
      version: 4,
      assignedTo: { userId: OFFICER_2.userId },
      previouslyAssignedTo: { userId: OFFICER_1.userId },
      reassignedBy: { userId: OFFICER_1.userId },
      reason: 'On leave from 1 July',
    });

    expect((await first.post(`/claims/${id}/approve`).send({})).body.code).toBe('CLAIM.NOT_ASSIGNED');
    const queue = await (
      await suite.subsidy.as(OFFICER_2)
    )
      .get('/claims')
      .query({ assignedTo: 'me', state: 'under_review' });
    expect(queue.body.items.map((claim: { id: string }) => claim.id)).toContain(id);
    const approved = await (await suite.subsidy.as(OFFICER_2)).post(`/claims/${id}/approve`).send({});
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: [{ userId: OFFICER_2.userId }] });
  });

  it('refuses other officers, other roles, the claim author, the same officer and bad input, writing nothing', async () => {
    // An officer keying in a paper claim is its author, and may not be handed it.
    const keyer = await suite.subsidy.as(OFFICER_3);
    const created = await keyer
      .post('/claims')
      .send(claimBody(suite.reports.get(suite.companies[1])!, { companyId: suite.companies[1] }));
    expect((await keyer.post(`/claims/${created.body.id}/submit`)).status).toBe(200);
    const id = created.body.id as string;
    await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${id}/take`);
    const before = { events: await suite.subsidy.eventsOf(id), audit: (await auditOf(id)).length };
    const reassign = async (caller: Caller, body: Record<string, unknown>) =>
      (await suite.subsidy.as(caller)).post(`/claims/${id}/reassign`).send({ reason: 'Workload', ...body });

    const notHers = await reassign(OFFICER_2, { officerId: OFFICER_2.userId });
    expect(notHers.status).toBe(403);
    expect(notHers.body.code).toBe('CLAIM.NOT_ASSIGNEE');
    const author = await reassign(OFFICER_1, { officerId: OFFICER_3.userId });
    expect(author.status).toBe(403);
    expect(author.body).toMatchObject({ code: 'CLAIM.SELF_DECISION', errors: [{ field: 'officerId' }] });
    const producer = await reassign(producerOf(suite.companies[1]), { officerId: OFFICER_2.userId });
    expect(producer.status).toBe(403);
    expect((await reassign(FINANCE, { officerId: OFFICER_2.userId })).status).toBe(403);
    const same = await reassign(OFFICER_1, { officerId: OFFICER_1.userId });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('CLAIM.ALREADY_ASSIGNED');
    const invalid = await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${id}/reassign`).send({ officerId: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['officerId', 'reason']);

    expect(await suite.subsidy.eventsOf(id)).toEqual(before.events);
    expect(await auditOf(id)).toHaveLength(before.audit);
    expect((await (await suite.subsidy.as(OFFICER_1)).get(`/claims/${id}`)).body.assignedTo.userId).toBe(
      OFFICER_1.userId,
    );
  });

  it('lets an admin hand on a claim awaiting its second approval, never to the first approver', async () => {
    // 17.5 m RUB, above the 10 m RUB four-eyes threshold
    const id = await takenBy(OFFICER_1, 2, { lines: [discountLine('100')] });
    const first = await (await suite.subsidy.as(OFFICER_1)).post(`/claims/${id}/approve`).send({});
    expect(first.body).toMatchObject({ state: 'under_review', firstApproval: { userId: OFFICER_1.userId } });

    const admin = await suite.subsidy.as(ADMIN);
    const handed = await admin
      .post(`/claims/${id}/reassign`)
      .send({ officerId: OFFICER_3.userId, reason: 'Second approval by the duty officer' });
    expect(handed.body).toMatchObject({
      assignedTo: { userId: OFFICER_3.userId, name: null },
      firstApproval: { userId: OFFICER_1.userId },
    });
    const back = await admin.post(`/claims/${id}/reassign`).send({ officerId: OFFICER_1.userId, reason: 'Back' });
    expect(back.status).toBe(403);
    expect(back.body).toMatchObject({ code: 'CLAIM.SAME_APPROVER', errors: [{ field: 'officerId' }] });

    const approved = await (await suite.subsidy.as(OFFICER_3)).post(`/claims/${id}/approve`).send({});
    expect(approved.body).toMatchObject({
      state: 'approved',
      approvedKopecks: '1750000000',
      decidedBy: [{ userId: OFFICER_1.userId }, { userId: OFFICER_3.userId }],
    });
    const late = await admin.post(`/claims/${id}/reassign`).send({ officerId: OFFICER_2.userId, reason: 'Too late' });
    expect(late.body.code).toBe('CLAIM.ILLEGAL_TRANSITION');
  });
});
