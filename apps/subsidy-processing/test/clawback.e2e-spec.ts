import { randomUUID } from 'node:crypto';
import {
  BudgetReleased,
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimClawbackSettled,
  ReportAccepted,
  ReportAmended,
  ReportRejected,
  type ReportVersionSnapshot,
  TOPICS,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { readTopic, waitFor } from '@redmet/testing';
import {
  approvedClaim,
  paidClaim,
  FINANCE,
  OFFICER_1,
  producerOf,
  reportLine,
  reportRecorded,
  reportVersion,
  useSubsidyWorld,
} from './support/fixtures';
import { TODAY } from './support/subsidy-app';

const PAID = 175000000n; // each claim: 10 t × 500 000 RUB discount × 35%

describe('clawback: relied-on reports amended down or rejected after payment, and results below plan', () => {
  // Monday 22 June 2026 made a holiday: ten working days from Monday 15 June end on Tuesday 30 June.
  const suite = useSubsidyWorld({ companies: 7, environment: { SUBSIDY_PUBLIC_HOLIDAYS: '2026-06-22' } });

  const approved = (index: number) =>
    approvedClaim(suite.subsidy, suite.companies[index], suite.reports.get(suite.companies[index])!);
  const paid = (index: number) =>
    paidClaim(suite.subsidy, suite.companies[index], suite.reports.get(suite.companies[index])!, {
      paidOn: '2026-06-15',
      reference: `PP-${index}`,
    });

  const claimRow = (id: string) =>
    suite.subsidy
      .sql<Record<string, string>>(
        `SELECT state, clawback_kopecks, clawback_coefficient::text AS k, clawback_due_on::text AS due, clawback_reason FROM claim WHERE id = $1`,
        [id],
      )
      .then(([row]) => row);

  const version = (index: number, overrides: Partial<ReportVersionSnapshot>): ReportVersionSnapshot =>
    reportVersion(suite.companies[index], { reportId: suite.reports.get(suite.companies[index])!, ...overrides });

  it('demands subsidy × relative reduction, due in ten working days, when a later version is accepted with less metal', async () => {
    const id = await paid(0);
    const amendment = { ...version(0, { version: 2, state: 'submitted', lines: [reportLine('615.15')] }) };
    await suite.subsidy.publish(ReportAmended, amendment.reportId, {
      ...amendment,
      supersedesVersion: 1,
      amendmentReason: 'Assay corrected',
    });
    await reportRecorded(suite.subsidy, amendment.reportId, 2, 'submitted');
    expect((await claimRow(id)).state).toBe('paid');

    const acceptedEvent = {
      ...sampleEvent(ReportAccepted),
      eventId: randomUUID(),
      aggregateId: amendment.reportId,
      payload: { ...amendment, state: 'accepted' as const },
    };
    const redeliver = await suite.subsidy.publishRaw(ReportAccepted, acceptedEvent);
    const row = await waitFor(async () => {
      const current = await claimRow(id);
      return current.state === 'under_clawback' && current;
    });
    // 30 t of 645.15 t: k = 0.0465 (six decimals, rounded down); 175 000 000 × 0.0465 = 8 137 500 kopecks
    expect(row).toMatchObject({ clawback_kopecks: '8137500', k: '0.0465', due: '2026-06-30' });
    expect(row.clawback_reason).toContain('metal content 615.15 t instead of 645.15 t');

    // The same event again, then the same figures in a new event (same key, so processed after it): no second demand.
    await redeliver();
    const repeated = { ...acceptedEvent, eventId: randomUUID() };
    await suite.subsidy.publishRaw(ReportAccepted, repeated);
    await waitFor(async () => {
      const rows = await suite.subsidy.sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [repeated.eventId]);
      return rows.length === 1;
    });
    expect((await suite.subsidy.eventsOf(id)).filter((type) => type === ClaimClawbackDemanded.type)).toHaveLength(1);

    const [demand] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimClawbackDemanded.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(demand.value!)).toMatchObject({
      causationId: acceptedEvent.eventId,
      payload: { state: 'under_clawback', clawbackKopecks: '8137500', coefficient: '0.0465', dueOn: '2026-06-30' },
    });
    const audit = await (
      await suite.subsidy.as(OFFICER_1)
    )
      .get('/audit')
      .query({ subjectType: 'claim', subjectId: id });
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'claim.clawback_demanded',
      actorId: 'system',
      causationId: acceptedEvent.eventId,
    });
  });

  it('withdraws the demand when the report is amended back up to what the payment relied on', async () => {
    const id = await paid(6);
    const accept = (reportVersion: number, metal: string) =>
      suite.subsidy.publish(ReportAccepted, suite.reports.get(suite.companies[6])!, {
        ...version(6, { version: reportVersion, state: 'accepted', lines: [reportLine(metal)] }),
      });
    await accept(2, '615.15');
    await waitFor(async () => (await claimRow(id)).state === 'under_clawback');

    await accept(3, '645.15');
    const row = await waitFor(async () => {
      const current = await claimRow(id);
      return current.state === 'paid' && current;
    });
    expect(row).toMatchObject({ clawback_kopecks: null, k: null, due: null });
    const [reduced] = await readTopic(
      TOPICS.subsidyClaim.name,
      (message) => message.key === id && JSON.parse(message.value!).type === ClaimClawbackReduced.type,
      (found) => found.length >= 1,
    );
    expect(JSON.parse(reduced.value!).payload).toMatchObject({
      state: 'paid',
      previousClawbackKopecks: '8137500',
      clawbackKopecks: '0',
      outstandingKopecks: '0',
      dueOn: null,
    });
  });

  it('settles a clawback: the claim is clawed back and the money goes back to the budget', async () => {
    const [{ id }] = await suite.subsidy.sql<{ id: string }>(
      `SELECT id FROM claim WHERE state = 'under_clawback' LIMIT 1`,
    );
    const [before] = await suite.subsidy.sql<{ committed: string }>(
      `SELECT committed_kopecks AS committed FROM programme WHERE year = 2026`,
    );
    const finance = await suite.subsidy.as(FINANCE);
    const settled = await finance
      .post(`/claims/${id}/clawback/settle`)
      .send({ settledOn: '2026-06-15', reference: 'PP-IN-1' });
    expect(settled.body).toMatchObject({ state: 'clawed_back', clawbackSettledKopecks: '8137500' });
    const [after] = await suite.subsidy.sql<{ committed: string }>(
      `SELECT committed_kopecks AS committed FROM programme WHERE year = 2026`,
    );
    expect(BigInt(before.committed) - BigInt(after.committed)).toBe(8137500n);
    expect(await suite.subsidy.eventsOf(id)).toContain(ClaimClawbackSettled.type);
    expect(await suite.subsidy.eventsOf('2026')).toContain(BudgetReleased.type);
  });

  it('demands everything back when the relied-on version itself is rejected on re-check', async () => {
    const id = await paid(1);
    const rejected = {
      ...version(1, { state: 'rejected' }),
      reasons: [{ code: 'REPORT.LICENCE_NOT_ACTIVE', message: 'Licence suspended', lineNo: null }],
    };
    await suite.subsidy.publish(ReportRejected, rejected.reportId, rejected);
    const row = await waitFor(async () => {
      const current = await claimRow(id);
      return current.state === 'under_clawback' && current;
    });
    expect(row).toMatchObject({ clawback_kopecks: PAID.toString(), k: '1' });
  });

  it('leaves the claim alone when only a later amendment is rejected (the accepted version still stands)', async () => {
    const id = await paid(2);
    const amendment = version(2, { version: 2, state: 'rejected', lines: [reportLine('1')] });
    await suite.subsidy.publish(ReportRejected, amendment.reportId, {
      ...amendment,
      reasons: [{ code: 'REPORT.X', message: 'x', lineNo: null }],
    });
    await reportRecorded(suite.subsidy, amendment.reportId, 2, 'rejected');
    expect((await claimRow(id)).state).toBe('paid');
  });

  it('lowers the approval instead when the report went down between approval and payment: nothing to claw back', async () => {
    const id = await approved(3);
    const lower = version(3, { version: 2, state: 'accepted', lines: [reportLine('322.575')] });
    await suite.subsidy.publish(ReportAccepted, lower.reportId, lower);
    await reportRecorded(suite.subsidy, lower.reportId, 2, 'accepted');
    expect((await claimRow(id)).state).toBe('approved');
    const finance = await suite.subsidy.as(FINANCE);
    const answer = await finance.post(`/claims/${id}/pay`).send({ paidOn: '2026-06-15', reference: 'PP-3' });
    expect(answer.body).toMatchObject({
      state: 'paid',
      approvedKopecks: '87500000',
      paidKopecks: '87500000',
      clawbackKopecks: null,
    });
  });

  it('claws back subsidy × (1 − actual / planned) when the results report shows targets missed', async () => {
    const id = await paid(4);
    const officer = await suite.subsidy.as(OFFICER_1);
    const recorded = await officer.post('/results-reports').send({
      companyId: suite.companies[4],
      programmeYear: 2026,
      indicator: 'REO output, t',
      planned: '1000',
      actual: '800',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ report: { shortfall: '0.2', dueOn: '2027-02-01' }, clawbacks: [id] });
    expect(await claimRow(id)).toMatchObject({ state: 'under_clawback', clawback_kopecks: '35000000', k: '0.2' });
    const producer = await suite.subsidy.as(producerOf(suite.companies[4]));
    const again = await producer
      .post('/results-reports')
      .send({ programmeYear: 2026, indicator: 'REO output, t', actual: '900' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RESULTS.ALREADY_RECORDED');
  });

  it('claws nothing back when results meet the plan', async () => {
    const id = await paid(5);
    const officer = await suite.subsidy.as(OFFICER_1);
    const recorded = await officer.post('/results-reports').send({
      companyId: suite.companies[5],
      programmeYear: 2026,
      indicator: 'REO output, t',
      planned: '1000',
      actual: '1000.5',
    });
    expect(recorded.body).toMatchObject({ report: { shortfall: '0' }, clawbacks: [] });
    expect((await claimRow(id)).state).toBe('paid');
  });

  it('lists the companies paid for a year whose results have not come, a producer only its own', async () => {
    const officer = await suite.subsidy.as(OFFICER_1);
    const outstanding = await officer.get('/results-reports/outstanding?programmeYear=2026');
    expect(outstanding.status).toBe(200);
    const ids = outstanding.body.map((row: { companyId: string }) => row.companyId);
    // Companies 4 and 5 reported their results above.
    expect(ids).toEqual(expect.arrayContaining([suite.companies[0], suite.companies[1], suite.companies[2]]));
    expect(ids).not.toContain(suite.companies[4]);
    expect(ids).not.toContain(suite.companies[5]);
    expect(outstanding.body.find((row: { companyId: string }) => row.companyId === suite.companies[0])).toEqual({
      companyId: suite.companies[0],
      programmeYear: 2026,
      dueOn: '2027-02-01',
      overdue: TODAY > '2027-02-01',
      awaitingPlan: false,
      paidClaims: 1,
      paidKopecks: PAID.toString(),
    });

    const producer = await suite.subsidy.as(producerOf(suite.companies[0]));
    const own = await producer.get('/results-reports/outstanding?programmeYear=2026');
    expect(own.body.map((row: { companyId: string }) => row.companyId)).toEqual([suite.companies[0]]);
    const other = await producer.get(`/results-reports/outstanding?programmeYear=2026&companyId=${suite.companies[1]}`);
    expect(other.body.code).toBe('CLAIM.OTHER_COMPANY');
    const invalid = await officer.get('/results-reports/outstanding?programmeYear=next');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual(['programmeYear']);
  });
});
