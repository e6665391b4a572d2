import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  LicenceReinstated,
  LicenceSuspended,
  ProductAdded,
  ReportAccepted,
  ReportRejected,
  ReportSubmitted,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { Principal } from '@redmet/platform';
import { waitFor } from '@redmet/testing';
import { PendingReports } from '../src/pending/pending-reports.service';
import { ReportFiling } from '../src/reports/report-filing.service';
import { numberLines, signedBy } from '../src/reports/reports.service';
import { line, useReportingWorld } from './support/producer-world';
import { insertProduct, productCode, storeProductArrival } from './support/registry-events';

const DAY_MS = 86_400_000;

/** True once a transaction of this test's database waits for an advisory lock another one holds. */
const waitsForAdvisoryLock = async (dataSource: DataSource) =>
  (
    await dataSource.query(
      `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
    )
  ).length > 0;

describe('eventual consistency: reports that arrive before the registry data they need', () => {
  const suite = useReportingWorld({ REPORTING_PENDING_MAX_DAYS: '7' });

  const reasonCodes = (body: { reasons: { code: string }[] }) => body.reasons.map((reason) => reason.code);
  const stateOf = async (id: string) => (await suite.world.http.get(`/reports/${id}`)).body.state;
  const decided = (id: string) =>
    waitFor(async () => {
      const events = await suite.reporting.eventsOf(id);
      return events.length > 1 && events;
    });

  it('keeps a report pending until the company, deposit, licence and products arrive, then accepts it', async () => {
    const companyId = randomUUID();
    const depositId = randomUUID();
    const code = productCode();
    const http = await suite.reporting.producer(companyId);

    const filed = await http.post('/reports').send({
      depositId,
      period: '2025-Q2',
      lines: [{ ...line(suite.world.carbonate), productCode: code }],
      submit: true,
    });

    expect(filed.status).toBe(201);
    expect(filed.body.state).toBe('pending');
    expect(reasonCodes(filed.body)).toEqual([
      'REPORT.COMPANY_UNKNOWN',
      'REPORT.DEPOSIT_UNKNOWN',
      'REPORT.PRODUCT_UNKNOWN',
    ]);
    const id = filed.body.reportId;
    expect(await suite.reporting.eventsOf(id)).toEqual([ReportSubmitted.type]);

    await suite.registry.company({ companyId });
    await suite.registry.deposit({ depositId });
    await suite.registry.product({ code });
    await waitFor(async () => {
      const version = (await http.get(`/reports/${id}/versions/1`)).body;
      return reasonCodes(version).join() === 'REPORT.LICENCE_UNKNOWN' && version;
    });
    expect((await http.get(`/reports/${id}`)).body.state).toBe('pending');

    await suite.registry.licence(companyId, depositId);

    expect(await decided(id)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    expect((await http.get(`/reports/${id}`)).body).toMatchObject({
      state: 'accepted',
      acceptedVersion: 1,
      latest: { reasons: [], lines: [{ tonnageClass: 'large' }] },
    });
  });

  it('decides once however often a registry event is delivered', async () => {
    const code = productCode();
    const filed = await suite.world.http.post('/reports').send({
      depositId: suite.world.deposit.depositId,
      period: '2025-04',
      lines: [{ ...line(suite.world.carbonate), productCode: code }],
      submit: true,
    });
    expect(filed.body.state).toBe('pending');
    const product = { ...sampleEvent(ProductAdded).payload, code };
    const redelivered = randomUUID();
    const copy = randomUUID();

    await suite.registry.publish(ProductAdded, code, product, redelivered);
    await suite.registry.publish(ProductAdded, code, product, redelivered);
    await suite.registry.publish(ProductAdded, code, product, copy);
    await waitFor(async () => {
      const rows = await suite.reporting.app
        .get(DataSource)
        .query('SELECT 1 FROM processed_event WHERE event_id = $1', [copy]);
      return rows.length === 1;
    });

    expect(await suite.reporting.eventsOf(filed.body.reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
  });

  it('waits for a missing licence version, then judges from the whole status history', async () => {
    const deposit = await suite.registry.deposit();
    const issued = await suite.registry.licence(suite.world.company.companyId, deposit.depositId);
    const suspended = suite.registry.statusChange(issued, {
      status: 'suspended',
      statusSince: '2024-02-10',
      version: 2,
    });
    const reinstated = {
      ...suspended,
      status: 'active' as const,
      statusSince: '2024-04-20',
      previousStatus: 'suspended' as const,
      version: 3,
    };
    await suite.registry.publish(LicenceReinstated, issued.licenceId, reinstated);
    await suite.registry.seen('licence', issued.licenceId, 3);
    const submit = (period: string) =>
      suite.world.http
        .post('/reports')
        .send({ depositId: deposit.depositId, period, lines: [line(suite.world.carbonate)], submit: true });

    const duringSuspension = await submit('2024-Q1');
    const afterReinstatement = await submit('2024-06');

    expect(duringSuspension.body.state).toBe('pending');
    expect(duringSuspension.body.reasons[0].message).toContain('version 2 of the licence has not arrived yet');
    expect(afterReinstatement.body.state).toBe('pending');

    await suite.registry.publish(LicenceSuspended, issued.licenceId, suspended);

    expect(await decided(duringSuspension.body.reportId)).toEqual([ReportSubmitted.type, ReportRejected.type]);
    expect(await decided(afterReinstatement.body.reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    const rejected = (await suite.world.http.get(`/reports/${duringSuspension.body.reportId}`)).body.latest;
    expect(rejected.reasons).toEqual([
      expect.objectContaining({
        code: 'REPORT.LICENCE_NOT_ACTIVE',
        message: expect.stringContaining('suspended since 2024-02-10'),
      }),
    ]);
  });

  it('judges a version that waited by the bound in force when it was submitted, an amendment by the one in force then', async () => {
    const code = productCode();
    const big = {
      ...line(suite.world.carbonate, { quantity: '80000', metalContentTonnes: '15000', domesticShipments: '40000' }),
      productCode: code,
    };
    const filed = await suite.world.http
      .post('/reports')
      .send({ depositId: suite.world.deposit.depositId, period: '2025-09', lines: [big], submit: true });
    expect([filed.body.state, reasonCodes(filed.body)]).toEqual(['pending', ['REPORT.PRODUCT_UNKNOWN']]);
    const id = filed.body.reportId;
    // REPORTING_MAX_QUANTITY_T lowered below the line while the report waits; the product arrives after the restart.
    const restarted = await suite.reporting.restarted({ REPORTING_MAX_QUANTITY_T: '50000' });
    try {
      await insertProduct(suite.reporting.app.get(DataSource), code);

      await restarted.app.get(PendingReports).runCheck(new Date());

      expect((await suite.world.http.get(`/reports/${id}`)).body).toMatchObject({
        state: 'accepted',
        acceptedVersion: 1,
      });
      expect(await suite.reporting.eventsOf(id)).toEqual([ReportSubmitted.type, ReportAccepted.type]);

      const http = await restarted.producer(suite.world.company.companyId);
      const amend = (quantity: string) =>
        http
          .post(`/reports/${id}/amendments`)
          .send({ lines: [{ ...big, quantity }], amendmentReason: 'Moisture correction after the assay' });
      const above = await amend('79000');
      expect(above.body).toMatchObject({ version: 2, state: 'rejected' });
      expect(above.body.reasons).toEqual([
        expect.objectContaining({ code: 'REPORT.QUANTITY_IMPLAUSIBLE', message: expect.stringContaining('50000 t') }),
      ]);
      expect((await amend('49000')).body).toMatchObject({ version: 3, state: 'accepted' });
    } finally {
      await restarted.close();
    }
  });

  describe('a filing and the registry change it waits for, at the same moment', () => {
    it('a filing that arrives while the change is being stored waits for it and is judged with it', async () => {
      const dataSource = suite.reporting.app.get(DataSource);
      const code = productCode();
      const change = dataSource.createQueryRunner();
      await change.startTransaction();
      try {
        await storeProductArrival(suite.reporting, change.manager, code);
        const filing = suite.world.http
          .post('/reports')
          .send({
            depositId: suite.world.deposit.depositId,
            period: '2025-07',
            lines: [{ ...line(suite.world.carbonate), productCode: code }],
            submit: true,
          })
          .then((response) => response);
        await waitFor(() => waitsForAdvisoryLock(dataSource), { description: 'the filing to wait for the change' });
        await change.commitTransaction();

        const filed = await filing;
        expect(filed.status).toBe(201);
        expect(filed.body).toMatchObject({ state: 'accepted', reasons: [] });
      } finally {
        if (change.isTransactionActive) await change.rollbackTransaction();
        await change.release();
      }
    });

    it('a change that arrives while a filing commits waits for it and then decides the pending report', async () => {
      const dataSource = suite.reporting.app.get(DataSource);
      const code = productCode();
      const reportId = randomUUID();
      const principal = new Principal(randomUUID(), ['producer'], suite.world.company.companyId, 'A. Petrova');
      const report = {
        id: reportId,
        companyId: suite.world.company.companyId,
        facilityId: null,
        depositId: suite.world.deposit.depositId,
        period: '2025-08',
      };
      const lines = numberLines([{ ...line(suite.world.carbonate), productCode: code }]);
      const filing = dataSource.createQueryRunner();
      await filing.startTransaction();
      try {
        const filed = await suite.reporting.app
          .get(ReportFiling)
          .file(filing.manager, signedBy(principal, { ...report, reportId, lines }, 1, null), {
            ...report,
            createdBy: principal.userId,
          });
        expect(filed.state).toBe('pending');

        await suite.registry.publish(ProductAdded, code, { ...sampleEvent(ProductAdded).payload, code });
        await waitFor(() => waitsForAdvisoryLock(dataSource), { description: 'the change to wait for the filing' });
        await filing.commitTransaction();
      } finally {
        if (filing.isTransactionActive) await filing.rollbackTransaction();
        await filing.release();
      }

      expect(await decided(reportId)).toEqual([ReportSubmitted.type, ReportAccepted.type]);
    });
  });

  it('on its schedule, decides what the registry has since told it, and rejects what waited too long', async () => {
    const check = suite.reporting.app.get(PendingReports);
    const late = productCode();
    const never = productCode();
    const submit = (code: string, period: string) =>
      suite.world.http.post('/reports').send({
        depositId: suite.world.deposit.depositId,
        period,
        lines: [{ ...line(suite.world.carbonate), productCode: code }],
        submit: true,
      });
    const arrivesLate = await submit(late, '2025-05');
    const neverArrives = await submit(never, '2025-06');
    // The read model learnt of the product without a listener call: the schedule is the safety net for a re-check missed.
    await insertProduct(suite.reporting.app.get(DataSource), late);

    await check.runCheck(new Date(Date.now() + 6 * DAY_MS));

    expect(await stateOf(arrivesLate.body.reportId)).toBe('accepted');
    expect(await stateOf(neverArrives.body.reportId)).toBe('pending');

    await check.runCheck(new Date(Date.now() + 7 * DAY_MS));

    const given = (await suite.world.http.get(`/reports/${neverArrives.body.reportId}`)).body;
    expect(given.state).toBe('rejected');
    expect(given.latest.reasons).toEqual([
      expect.objectContaining({
        code: 'REPORT.REGISTRY_DATA_MISSING',
        lineNo: 1,
        message: expect.stringContaining(never),
      }),
    ]);
    expect(await suite.reporting.eventsOf(neverArrives.body.reportId)).toEqual([
      ReportSubmitted.type,
      ReportRejected.type,
    ]);
  });
});
