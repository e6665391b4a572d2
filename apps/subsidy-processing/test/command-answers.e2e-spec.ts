import {
  acceptedReports,
  claimBody,
  discountLine,
  FINANCE,
  OFFICER_1,
  OFFICER_2,
  producerOf,
  registerCompanies,
} from './support/fixtures';
import { type Caller, startSubsidy, type SubsidyTestApp, TODAY } from './support/subsidy-app';

const OFFICER_3: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-orlov', name: 'P. Orlov' };

type Answer = { status: number; body: Record<string, unknown> };

/**
 * A command answers the claim as it is stored: the columns the database fills in (generated ones,
 * `updatedAt`) included, so a client need not GET the claim again to see what it just did.
 */
describe('subsidy-processing: a command answers the claim as a GET then shows it', () => {
  let subsidy: SubsidyTestApp;
  let companies: string[];
  let reports: Map<string, string>;

  beforeAll(async () => {
    subsidy = await startSubsidy();
    companies = await registerCompanies(subsidy, 2);
    reports = await acceptedReports(subsidy, companies);
  });

  afterAll(async () => {
    await subsidy.close();
  });

  /** The answer, and the claim read afterwards; the workflow commands answer the claim without its lines. */
  async function expectAsStored(answer: Answer, status: number, withLines = true): Promise<void> {
    expect(answer.status).toBe(status);
    const officer = await subsidy.as(OFFICER_1);
    const { lines, ...stored } = (await officer.get(`/claims/${answer.body.id as string}`)).body;
    expect(answer.body).toEqual(withLines ? { ...stored, lines } : stored);
  }

  it('answers create, edit, submit, take, approve, schedule and pay with every stored column', async () => {
    const producer = await subsidy.as(producerOf(companies[0]));
    const created = await producer.post('/claims').send(claimBody(reports.get(companies[0])!));
    await expectAsStored(created, 201);
    expect(created.body).toMatchObject({ needsAnotherOfficer: false, clawbackRefundDueKopecks: '0' });
    const id = created.body.id as string;

    await expectAsStored(await producer.patch(`/claims/${id}`).send({ lines: [discountLine('12')] }), 200);
    await expectAsStored(await producer.post(`/claims/${id}/submit`), 200);
    const officer = await subsidy.as(OFFICER_1);
    await expectAsStored(await officer.post(`/claims/${id}/take`), 200, false);
    await expectAsStored(await officer.post(`/claims/${id}/approve`).send({}), 200, false);
    const finance = await subsidy.as(FINANCE);
    await expectAsStored(await finance.post(`/claims/${id}/schedule-payment`).send({ scheduledOn: TODAY }), 200, false);
    await expectAsStored(
      await finance.post(`/claims/${id}/pay`).send({ paidOn: TODAY, reference: 'PP-ANSWER-1' }),
      200,
      false,
    );
  });

  it('answers an officer keying in a claim, a reassignment, a return and the edit after it', async () => {
    const keyedIn = await (
      await subsidy.as(OFFICER_2)
    )
      .post('/claims')
      .send({ ...claimBody(reports.get(companies[1])!), companyId: companies[1] });
    await expectAsStored(keyedIn, 201);
    const id = keyedIn.body.id as string;
    await expectAsStored(await (await subsidy.as(OFFICER_2)).post(`/claims/${id}/submit`), 200);
    const officer = await subsidy.as(OFFICER_1);
    await expectAsStored(await officer.post(`/claims/${id}/take`), 200, false);
    const reassigned = await officer
      .post(`/claims/${id}/reassign`)
      .send({ officerId: OFFICER_3.userId, reason: 'Back from leave' });
    await expectAsStored(reassigned, 200, false);
    const returned = await (
      await subsidy.as(OFFICER_3)
    )
      .post(`/claims/${id}/return`)
      .send({ reason: 'Invoice unreadable', missing: ['A readable invoice'] });
    await expectAsStored(returned, 200, false);
    const producer = await subsidy.as(producerOf(companies[1]));
    await expectAsStored(await producer.patch(`/claims/${id}`).send({ lines: [discountLine('11')] }), 200);
  });
});
