import { randomUUID } from 'node:crypto';
import {
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  ClaimApproved,
  ClaimRejected,
  ProductAdded,
  ReportAccepted,
  ReportRejected,
} from '@redmet/contracts';
import { sampleEvent, samplePayload } from '@redmet/contracts/testing';
import { DataSource } from 'typeorm';
import { SubsidyProjection } from '../src/subsidy/subsidy.projection';
import { waitFor } from '@redmet/testing';
import { acceptedReport, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

describe('report and subsidy projections', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const numbers = (rows: { month: string; quantity_t: string; metal_t: string }[]) =>
    rows.map((row) => ({ month: row.month, quantity_t: Number(row.quantity_t), metal_t: Number(row.metal_t) }));

  const monthly = (code: string) =>
    monitoring.query<{ month: string; quantity_t: string; metal_t: string }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, quantity_t::text, metal_t::text FROM output_month_product
        WHERE product_code = $1 ORDER BY month`,
      [code],
    );

  it('replaces an amended report everywhere, never adding it twice, and ignores a rejected amendment', async () => {
    const li = product({ tonnageClass: 'large' });
    await monitoring.publish(ProductAdded, li.code, li);
    const v1 = acceptedReport({
      period: '2026-Q1',
      lines: lines({ productCode: li.code, quantity: '300', metal: '56.4' }),
    });
    const first = await monitoring.publish(ReportAccepted, v1.reportId, v1);
    await monitoring.processed(first);
    expect(numbers(await monthly(li.code))).toEqual([
      { month: '2026-01', quantity_t: 100, metal_t: 18.8 },
      { month: '2026-02', quantity_t: 100, metal_t: 18.8 },
      { month: '2026-03', quantity_t: 100, metal_t: 18.8 },
    ]);

    const v2 = { ...v1, version: 2, lines: lines({ productCode: li.code, quantity: '150', metal: '28.2' }) };
    const v3 = { ...v1, version: 3, lines: lines({ productCode: li.code, quantity: '999', metal: '999' }) };
    const amended = await monitoring.publish(ReportAccepted, v1.reportId, v2);
    await monitoring.publish(ReportRejected, v1.reportId, {
      ...samplePayload(ReportRejected),
      ...v3,
      state: 'rejected',
    });
    // Same key, same partition: once the copy after it is processed, the rejection has been read too.
    const duplicate = await monitoring.publish(ReportAccepted, v1.reportId, v2);
    await monitoring.processed(amended, duplicate);

    const months = await monthly(li.code);
    expect(months.map((row) => Number(row.quantity_t))).toEqual([50, 50, 50]);
    expect(months.map((row) => Number(row.metal_t))).toEqual([9.4, 9.4, 9.4]);
    const [detail] = await monitoring.query<{ total: string }>(
      `SELECT sum(quantity_t)::text AS total FROM output_month WHERE product_code = $1`,
      [li.code],
    );
    expect(Number(detail.total)).toBe(150);
    const facts = await monitoring.query<{ version: number; current: boolean }>(
      `SELECT version, known_to IS NULL AS current FROM report_line_fact WHERE report_id = $1 ORDER BY version`,
      [v1.reportId],
    );
    expect(facts).toEqual([
      { version: 1, current: false },
      { version: 2, current: true },
    ]);
  });

  it('keeps the latest version when an older acceptance arrives late, and converts kilograms', async () => {
    const code = product().code;
    const reportId = randomUUID();
    const base = acceptedReport({ reportId, period: '2026-05' });
    const newer = await monitoring.publish(
      ReportAccepted,
      reportId,
      {
        ...base,
        version: 2,
        lines: lines({ productCode: code, quantity: '2500', unit: 'kg', metal: '2.5' }),
      },
      { occurredAt: '2026-06-20T10:00:00.000Z' },
    );
    const older = await monitoring.publish(
      ReportAccepted,
      reportId,
      {
        ...base,
        version: 1,
        lines: lines({ productCode: code, quantity: '9000', unit: 'kg', metal: '9' }),
      },
      { occurredAt: '2026-06-10T10:00:00.000Z' },
    );
    await monitoring.processed(newer, older);

    expect(numbers(await monthly(code))).toEqual([{ month: '2026-05', quantity_t: 2.5, metal_t: 2.5 }]);
    const history = await waitFor(async () => {
      const rows = await monitoring.query<{ version: number; known_to: Date | null }>(
        'SELECT version, known_to FROM report_line_fact WHERE report_id = $1 ORDER BY version',
        [reportId],
      );
      return rows.length === 2 && rows;
    });
    expect(history[0].known_to?.toISOString()).toBe('2026-06-20T10:00:00.000Z');
    expect(history[1].known_to).toBeNull();
  });

  it('knows a year from its programme before any claim, and keeps a newer total over a late reservation', async () => {
    const year = 2070 + Math.floor(Math.random() * 10);
    const summary = async () =>
      (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: year }).expect(200)).body;
    const created = await monitoring.publish(
      BudgetTotalChanged,
      String(year),
      {
        ...samplePayload(BudgetTotalChanged),
        programmeYear: year,
        programmeVersion: 1,
        previousTotalKopecks: null,
        totalKopecks: '50000000000',
        committedKopecks: '0',
        availableKopecks: '50000000000',
        utilisationPercent: '0.00',
      },
      { occurredAt: '2069-01-10T09:00:00.000Z' },
    );
    await monitoring.processed(created);
    expect(await summary()).toMatchObject({
      programmeYear: year,
      budget: {
        totalKopecks: '50000000000',
        committedKopecks: '0',
        availableKopecks: '50000000000',
        utilisationPercent: '0.00',
      },
      claims: { claims: 0 },
    });

    const raised = await monitoring.publish(
      BudgetTotalChanged,
      String(year),
      {
        ...samplePayload(BudgetTotalChanged),
        programmeYear: year,
        programmeVersion: 2,
        previousTotalKopecks: '50000000000',
        totalKopecks: '80000000000',
        committedKopecks: '2000000000',
        availableKopecks: '78000000000',
        utilisationPercent: '2.50',
      },
      { occurredAt: '2069-03-01T09:00:00.000Z' },
    );
    // A reservation made before the new total, arriving after it (a dead letter replayed): it states the old total.
    const late = await monitoring.publish(
      BudgetReserved,
      String(year),
      {
        ...samplePayload(BudgetReserved),
        programmeYear: year,
        amountKopecks: '2000000000',
        totalKopecks: '50000000000',
        committedKopecks: '2000000000',
        availableKopecks: '48000000000',
        utilisationPercent: '4.00',
      },
      { occurredAt: '2069-02-01T09:00:00.000Z' },
    );
    await monitoring.processed(raised, late);
    expect((await summary()).budget).toMatchObject({
      totalKopecks: '80000000000',
      committedKopecks: '2000000000',
      utilisationPercent: '2.50',
    });
  });

  it('drops an approval revoked before payment from the approved total and the budget, even redelivered', async () => {
    const year = 2080 + Math.floor(Math.random() * 10);
    const summary = async () =>
      (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: year }).expect(200)).body;
    const claimId = randomUUID();
    const claim = { ...samplePayload(ClaimApproved), claimId, programmeYear: year };
    const budget = { ...samplePayload(BudgetReserved), programmeYear: year, claimId, totalKopecks: '50000000000' };
    const approved = await monitoring.publish(ClaimApproved, claimId, { ...claim, approvedKopecks: '2000000000' });
    const reserved = await monitoring.publish(BudgetReserved, String(year), {
      ...budget,
      amountKopecks: '2000000000',
      committedKopecks: '2000000000',
      availableKopecks: '48000000000',
      utilisationPercent: '4.00',
      budgetVersion: 2,
    });
    await monitoring.processed(approved, reserved);
    expect(await summary()).toMatchObject({
      budget: { committedKopecks: '2000000000', utilisationPercent: '4.00' },
      claims: { claims: 1, approvedKopecks: '2000000000' },
    });

    // Revoking publishes the claim rejected, without an approved amount, and releases its reservation.
    const revoked = await monitoring.publish(ClaimRejected, claimId, {
      ...claim,
      state: 'rejected',
      approvedKopecks: null,
      version: claim.version + 1,
      reason: 'The buyer never received the goods',
    });
    const released = await monitoring.publish(BudgetReleased, String(year), {
      ...budget,
      amountKopecks: '2000000000',
      committedKopecks: '0',
      availableKopecks: '50000000000',
      utilisationPercent: '0.00',
      budgetVersion: 3,
    });
    await monitoring.processed(revoked, released);
    // The approval arriving again late (a replayed dead letter) does not bring it back: the newer version stands.
    await monitoring.processed(await monitoring.publish(ClaimApproved, claimId, approved.payload));
    expect(await summary()).toMatchObject({
      budget: { committedKopecks: '0', utilisationPercent: '0.00' },
      claims: { claims: 1, approvedKopecks: '0' },
    });
  });

  it('orders a budget by the count of its changes, not by the clocks that stamped its events', async () => {
    const year = 2080 + Math.floor(Math.random() * 10);
    const summary = async () =>
      (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear: year }).expect(200)).body;
    const reserved = (budgetVersion: number, committedKopecks: string, occurredAt: string) =>
      monitoring.publish(
        BudgetReserved,
        String(year),
        {
          ...samplePayload(BudgetReserved),
          programmeYear: year,
          amountKopecks: '1000000000',
          totalKopecks: '50000000000',
          committedKopecks,
          availableKopecks: String(50000000000 - Number(committedKopecks)),
          utilisationPercent: ((Number(committedKopecks) / 50000000000) * 100).toFixed(2),
          budgetVersion,
        },
        { occurredAt },
      );
    // The second change was stamped by an instance whose clock runs behind the first one's.
    await monitoring.processed(await reserved(4, '1000000000', '2069-05-01T09:00:00.300Z'));
    await monitoring.processed(await reserved(5, '2000000000', '2069-05-01T09:00:00.100Z'));
    expect((await summary()).budget).toMatchObject({ committedKopecks: '2000000000', utilisationPercent: '4.00' });

    // A change counted before, arriving late (a replayed dead letter), with a later stamp: it changes nothing.
    await monitoring.processed(await reserved(3, '9000000000', '2069-05-01T09:00:01.000Z'));
    expect((await summary()).budget).toMatchObject({ committedKopecks: '2000000000', utilisationPercent: '4.00' });

    // In one batch with a counted one, an uncounted event (an instance of the previous version during a
    // rollout) made after every counted one stands, as it would across batches.
    const figures = (committedKopecks: string, budgetVersion?: number) => ({
      ...samplePayload(BudgetReserved),
      programmeYear: year,
      totalKopecks: '50000000000',
      committedKopecks,
      availableKopecks: String(50000000000 - Number(committedKopecks)),
      utilisationPercent: ((Number(committedKopecks) / 50000000000) * 100).toFixed(2),
      ...(budgetVersion ? { budgetVersion } : {}),
    });
    await monitoring.app.get(DataSource).transaction((manager) =>
      monitoring.app.get(SubsidyProjection).applyBudgets(manager, [
        sampleEvent(BudgetReserved, {
          eventId: randomUUID(),
          occurredAt: '2069-05-01T09:00:02.000Z',
          payload: figures('3000000000', 6),
        }),
        sampleEvent(BudgetReserved, {
          eventId: randomUUID(),
          occurredAt: '2069-05-01T09:00:03.000Z',
          payload: figures('4000000000'),
        }),
      ]),
    );
    expect((await summary()).budget).toMatchObject({ committedKopecks: '4000000000', utilisationPercent: '8.00' });
  });
});
