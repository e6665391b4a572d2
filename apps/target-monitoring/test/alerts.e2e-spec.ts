import { randomUUID } from 'node:crypto';
import {
  AlertAcknowledged,
  AlertEscalated,
  AlertRaised,
  AlertResolved,
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  FacilityRegistered,
  type FacilitySnapshot,
  FacilityStatusChanged,
  FacilityUpdated,
  LicenceExpired,
  LicenceIssued,
  LicenceReinstated,
  LicenceRevoked,
  LicenceSuspended,
  ProductAdded,
  ReportAccepted,
  ReportingDeadlineMissed,
  TOPICS,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { Clock } from '@redmet/platform';
import { readTopic, waitFor } from '@redmet/testing';
import { EscalationService } from '../src/alerts/escalation.service';
import { ProgrammeEvaluator } from '../src/alerts/programme-evaluator';
import { trailingYear } from '../src/common/months';
import {
  acceptedReport,
  facility,
  hsCode,
  issuedLicence,
  lines,
  product,
  productCode,
  revokedLicence,
} from './support/builders';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { listening, openStream } from './support/sse-client';

interface AlertView {
  alertId: string;
  ruleId: string;
  subject: string;
  state: string;
  severity: string;
  silenced: boolean;
  title: string;
  message: string;
  /** What the console needs to word the alert in the reader's language. */
  details: Record<string, unknown>;
}

jest.setTimeout(180_000);

describe('alert rules', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const alertsOf = async (subject: string): Promise<AlertView[]> =>
    (await (await monitoring.http()).get('/alerts').query({ subject, pageSize: 50 }).expect(200)).body.items;

  const eventsOf = (alertId: string) => monitoring.publishedTypes(alertId);

  const budget = (programmeYear: number, utilisationPercent: string) => ({
    ...samplePayload(BudgetReserved),
    programmeYear,
    claimId: randomUUID(),
    utilisationPercent,
  });

  /** A licence, output reported from its deposit for `period`, then the licence revoked on `revokedOn`. */
  const licenceRevokedWhileReporting = async (
    [period, revokedOn]: [string, string],
    beforeRevoking: (subject: string) => Promise<unknown>,
  ) => {
    const licence = issuedLicence();
    const subject = `licence:${licence.licenceId}`;
    await beforeRevoking(subject);
    await monitoring.processed(await monitoring.publish(LicenceIssued, licence.licenceId, licence));
    const report = acceptedReport({
      companyId: licence.holderCompanyId,
      depositId: licence.depositId,
      period,
      lines: lines({ productCode: productCode(), quantity: '12' }),
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
    const revoked = {
      ...licence,
      status: 'revoked' as const,
      statusSince: revokedOn,
      previousStatus: 'active' as const,
      reason: 'Repeated breach',
      version: 2,
    };
    await monitoring.processed(await monitoring.publish(LicenceRevoked, licence.licenceId, revoked));
    return { licence, report, subject };
  };

  /** A reporting obligation of a new company and deposit for `period`. */
  const obligationOf = (period: string) => {
    const [companyId, depositId] = [randomUUID(), randomUUID()];
    return {
      ...samplePayload(ReportingDeadlineMissed),
      obligationId: `${companyId}:${depositId}:${period}`,
      companyId,
      depositId,
      period,
    };
  };

  it('raises a missed deadline once however often it is told, and resolves it when the report is accepted', async () => {
    const obligation = obligationOf('2066-Q2');
    const first = await monitoring.publish(ReportingDeadlineMissed, obligation.obligationId, obligation);
    const again = await monitoring.publish(ReportingDeadlineMissed, obligation.obligationId, obligation);
    await monitoring.processed(first, again);
    const subject = `obligation:${obligation.obligationId}`;
    const [raised, ...others] = await alertsOf(subject);
    expect(others).toEqual([]);
    expect(raised).toMatchObject({
      ruleId: 'reporting.deadline_missed',
      state: 'open',
      severity: 'warning',
      details: expect.objectContaining({ siteId: obligation.depositId, siteKind: 'deposit', period: '2066-Q2' }),
    });

    const report = acceptedReport({
      companyId: obligation.companyId,
      depositId: obligation.depositId,
      period: '2066-Q2',
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));

    expect(await alertsOf(subject)).toEqual([expect.objectContaining({ alertId: raised.alertId, state: 'resolved' })]);
    expect(await eventsOf(raised.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
    const published = await readTopic(
      TOPICS.monitoringAlert.name,
      (message) => message.key === raised.alertId,
      (found) => found.length >= 2,
      90_000,
    );
    expect(published.map((message) => JSON.parse(message.value ?? '{}').payload.state)).toEqual(['open', 'resolved']);
  });

  it('says whether the site of a missed deadline is a plant or a deposit, which the obligation id does not', async () => {
    const { companyId } = obligationOf('2066-Q3');
    const facilityId = randomUUID();
    const obligation = {
      ...obligationOf('2066-Q3'),
      obligationId: `${companyId}:${facilityId}:2066-Q3`,
      companyId,
      facilityId,
      depositId: null,
    };
    await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligation.obligationId, obligation));
    const [raised] = await alertsOf(`obligation:${obligation.obligationId}`);
    expect(raised.details).toMatchObject({ siteId: facilityId, siteKind: 'facility' });
  });

  it('resolves a missed quarter once monthly reports cover each of its months, and not before', async () => {
    const obligation = obligationOf('2067-Q1');
    await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligation.obligationId, obligation));
    const subject = `obligation:${obligation.obligationId}`;
    const month = async (period: string) => {
      const report = acceptedReport({ companyId: obligation.companyId, depositId: obligation.depositId, period });
      await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
      return (await alertsOf(subject)).map((alert) => alert.state);
    };

    expect(await month('2067-01')).toEqual(['open']);
    expect(await month('2067-03')).toEqual(['open']);
    expect(await month('2067-02')).toEqual(['resolved']);
  });

  it("resolves an operator's missed share of a quarter split by a plant's hand-over once its months are reported", async () => {
    // The plant changed hands from May: this company owed April alone.
    const obligation = { ...obligationOf('2067-Q2'), months: ['2067-04-01'] };
    await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligation.obligationId, obligation));
    const subject = `obligation:${obligation.obligationId}`;
    expect((await alertsOf(subject)).map((alert) => alert.state)).toEqual(['open']);

    const april = acceptedReport({
      companyId: obligation.companyId,
      depositId: obligation.depositId,
      period: '2067-04',
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, april.reportId, april));

    expect((await alertsOf(subject)).map((alert) => alert.state)).toEqual(['resolved']);
  });

  it('raises a sudden drop of a site’s output and resolves it when the figure is amended', async () => {
    const depositId = randomUUID();
    const companyId = randomUUID();
    const code = productCode();
    const report = (period: string, quantity: string) =>
      acceptedReport({ companyId, depositId, period, lines: lines({ productCode: code, quantity }) });
    for (const period of ['2067-01', '2067-02', '2067-03']) {
      const normal = report(period, '100');
      await monitoring.processed(await monitoring.publish(ReportAccepted, normal.reportId, normal));
    }
    const drop = report('2067-04', '30');
    await monitoring.processed(await monitoring.publish(ReportAccepted, drop.reportId, drop));
    const [alert] = await alertsOf(`deposit:${depositId}`);
    expect(alert).toMatchObject({
      ruleId: 'output.sudden_drop',
      state: 'open',
      title: expect.stringContaining('fell 70%'),
      details: expect.objectContaining({ fallPercent: '70', period: '2067-04', averageOverPeriod: expect.any(String) }),
    });

    const amended = { ...drop, version: 2, lines: lines({ productCode: code, quantity: '90' }) };
    await monitoring.processed(await monitoring.publish(ReportAccepted, drop.reportId, amended));
    expect((await alertsOf(`deposit:${depositId}`)).map((a) => a.state)).toEqual(['resolved']);
  });

  describe('of a plant that closed', () => {
    const commissioned = () =>
      facility({ status: 'commissioned', statusSince: '2066-01-01', commissionedOn: '2066-01-01', depositId: null });
    const closure = (plant: FacilitySnapshot, closedOn: string) => ({
      ...plant,
      status: 'closed' as const,
      statusSince: closedOn,
      previousStatus: 'commissioned' as const,
      version: 2,
    });
    /** 100 t a month for the first quarter of 2067, then 30 t in April: a 70% fall. */
    const reportFalling = async (plant: FacilitySnapshot) => {
      const code = productCode();
      const events = [];
      for (const [period, quantity] of [
        ['2067-01', '100'],
        ['2067-02', '100'],
        ['2067-03', '100'],
        ['2067-04', '30'],
      ]) {
        const report = acceptedReport({
          companyId: plant.operatorCompanyId,
          facilityId: plant.facilityId,
          depositId: null,
          period,
          lines: lines({ productCode: code, quantity }),
        });
        events.push(await monitoring.publish(ReportAccepted, report.reportId, report));
      }
      await monitoring.processed(...events);
    };

    it('raises no sudden drop for a plant closed by the end of its latest period, but does for one closed after it', async () => {
      const [closedInApril, closedInMay, running] = [commissioned(), commissioned(), commissioned()];
      await monitoring.processed(
        ...(await Promise.all(
          [closedInApril, closedInMay, running].map((plant) =>
            monitoring.publish(FacilityRegistered, plant.facilityId, plant),
          ),
        )),
      );
      await monitoring.processed(
        await monitoring.publish(FacilityStatusChanged, closedInApril.facilityId, closure(closedInApril, '2067-04-30')),
        await monitoring.publish(FacilityStatusChanged, closedInMay.facilityId, closure(closedInMay, '2067-05-01')),
      );

      for (const plant of [closedInApril, closedInMay, running]) await reportFalling(plant);

      expect(await alertsOf(`facility:${closedInApril.facilityId}`)).toEqual([]);
      for (const plant of [closedInMay, running]) {
        expect((await alertsOf(`facility:${plant.facilityId}`)).map((a) => [a.ruleId, a.state])).toEqual([
          ['output.sudden_drop', 'open'],
        ]);
      }
    });

    it('resolves an open sudden drop when the plant closes in the period that fell', async () => {
      const plant = commissioned();
      const subject = `facility:${plant.facilityId}`;
      await monitoring.processed(await monitoring.publish(FacilityRegistered, plant.facilityId, plant));
      await reportFalling(plant);
      const [alert] = await alertsOf(subject);
      expect(alert).toMatchObject({ ruleId: 'output.sudden_drop', state: 'open' });

      await monitoring.processed(
        await monitoring.publish(FacilityStatusChanged, plant.facilityId, closure(plant, '2067-04-15')),
      );
      expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
      expect(await eventsOf(alert.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
    });
  });

  it('alerts on budget utilisation above the threshold, and not again while it stays above', async () => {
    const year = 2090 + Math.floor(Math.random() * 10);
    const subject = `budget:${year}`;
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(year), budget(year, '95.10')));
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(year), budget(year, '97.00')));
    const [alert, ...none] = await alertsOf(subject);
    expect(none).toEqual([]);
    expect(alert.title).toContain('97.00%');

    await monitoring.processed(await monitoring.publish(BudgetReleased, String(year), budget(year, '40.00')));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('resolves a budget utilisation alert when a larger total brings utilisation under the threshold', async () => {
    const year = 2060 + Math.floor(Math.random() * 10);
    const subject = `budget:${year}`;
    await monitoring.processed(
      await monitoring.publish(BudgetReserved, String(year), {
        ...budget(year, '95.00'),
        totalKopecks: '100000000000',
        committedKopecks: '95000000000',
        availableKopecks: '5000000000',
      }),
    );
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['open']);

    await monitoring.processed(
      await monitoring.publish(BudgetTotalChanged, String(year), {
        ...samplePayload(BudgetTotalChanged),
        programmeYear: year,
        previousTotalKopecks: '100000000000',
        totalKopecks: '150000000000',
        committedKopecks: '95000000000',
        availableKopecks: '55000000000',
        utilisationPercent: '63.33',
      }),
    );
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('alerts when a licence is revoked while output is still reported from its deposit', async () => {
    const { licence, report, subject } = await licenceRevokedWhileReporting(
      ['2068-08', '2068-07-01'],
      async () => undefined,
    );
    expect(await alertsOf(subject)).toEqual([
      expect.objectContaining({
        ruleId: 'registry.licence_revoked_output',
        severity: 'critical',
        state: 'open',
        details: expect.objectContaining({
          licenceNumber: licence.number,
          revokedOn: '2068-07-01',
          periods: ['2068-08'],
        }),
      }),
    ]);

    const nil = { ...report, version: 2, nilReturn: true, lines: [] };
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, nil));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('alerts on output for the period a licence was revoked in, saying that it began before the revocation', async () => {
    const { subject } = await licenceRevokedWhileReporting(['2069-Q1', '2069-01-05'], async () => undefined);
    const [alert] = await alertsOf(subject);
    expect(alert).toMatchObject({
      state: 'open',
      details: expect.objectContaining({ periods: ['2069-Q1'], periodsStraddlingRevocation: ['2069-Q1'] }),
    });
    expect(alert.message).toContain(
      'Of 2069-Q1, which began before the revocation, only the output from 2069-01-05 on',
    );

    // A period that ended before the revocation was all lawful.
    const before = await licenceRevokedWhileReporting(['2069-03', '2069-04-01'], async () => undefined);
    expect(await alertsOf(before.subject)).toEqual([]);
  });

  it('resolves the alert on a revoked licence once a new licence of the holder covers the deposit’s output', async () => {
    const revoked = revokedLicence({ statusSince: '2070-07-01', previousStatus: 'active', reason: 'Repeated breach' });
    const subject = `licence:${revoked.licenceId}`;
    await monitoring.processed(await monitoring.publish(LicenceRevoked, revoked.licenceId, revoked));
    const report = acceptedReport({
      companyId: revoked.holderCompanyId,
      depositId: revoked.depositId,
      period: '2070-09',
      lines: lines({ productCode: productCode(), quantity: '4' }),
    });
    await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['open']);

    // Another holder's licence for the deposit changes nothing; the holder's own, from September, does.
    const licence = (holderCompanyId: string, validFrom: string) =>
      issuedLicence({ holderCompanyId, depositId: revoked.depositId, validFrom, validTo: '2090-12-31' });
    const stranger = licence(randomUUID(), '2070-08-01');
    await monitoring.processed(await monitoring.publish(LicenceIssued, stranger.licenceId, stranger));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['open']);
    const replacement = licence(revoked.holderCompanyId, '2070-09-01');
    await monitoring.processed(await monitoring.publish(LicenceIssued, replacement.licenceId, replacement));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('judges output under a replacement licence by its status in the period, not by its status now', async () => {
    const [holderCompanyId, depositId] = [randomUUID(), randomUUID()];
    const revoked = revokedLicence({ holderCompanyId, depositId, statusSince: '2072-01-01' });
    const subject = `licence:${revoked.licenceId}`;
    const replacement = issuedLicence({
      holderCompanyId,
      depositId,
      validFrom: '2072-01-01',
      validTo: '2072-12-31',
      status: 'active',
      statusSince: '2072-01-01',
      version: 1,
    });
    const change = (
      definition: typeof LicenceSuspended,
      version: number,
      status: 'active' | 'suspended' | 'expired',
      statusSince: string,
      previousStatus: 'active' | 'suspended',
    ) =>
      monitoring.publish(definition, replacement.licenceId, {
        ...samplePayload(definition),
        ...replacement,
        status,
        statusSince,
        previousStatus,
        version,
      });
    const reported = (period: string) => {
      const report = acceptedReport({
        companyId: holderCompanyId,
        depositId,
        period,
        lines: lines({ productCode: productCode(), quantity: '3' }),
      });
      return monitoring.publish(ReportAccepted, report.reportId, report);
    };
    await monitoring.processed(
      await monitoring.publish(LicenceRevoked, revoked.licenceId, revoked),
      await monitoring.publish(LicenceIssued, replacement.licenceId, replacement),
    );
    // Suspended in May, active again from June: May's output had no licence in force, March's had.
    await monitoring.processed(
      await change(LicenceSuspended, 2, 'suspended', '2072-05-01', 'active'),
      await change(LicenceReinstated, 3, 'active', '2072-06-01', 'suspended'),
    );
    await monitoring.processed(await reported('2072-03'), await reported('2072-05'));
    const periods = async () =>
      (await alertsOf(subject)).filter((a) => a.state === 'open').map((a) => a.details.periods);
    expect(await periods()).toEqual([['2072-05']]);

    // The replacement running out at the end of its validity does not make what it covered unlawful.
    await monitoring.processed(await change(LicenceExpired, 4, 'expired', '2073-01-01', 'active'));
    expect(await periods()).toEqual([['2072-05']]);
  });

  it('judges a revoked licence the same whatever order the versions of a replacement licence arrive in', async () => {
    /** A revoked licence, and output in May under a replacement suspended for May: its versions in `order`. */
    const judgedAfter = async (order: number[]) => {
      const [holderCompanyId, depositId] = [randomUUID(), randomUUID()];
      const revoked = revokedLicence({ holderCompanyId, depositId, statusSince: '2074-01-01' });
      const replacement = issuedLicence({ holderCompanyId, depositId, validFrom: '2074-01-01', validTo: '2074-12-31' });
      const versions = [
        { definition: LicenceIssued, status: 'active', statusSince: '2074-01-01', previousStatus: undefined },
        { definition: LicenceSuspended, status: 'suspended', statusSince: '2074-05-01', previousStatus: 'active' },
        { definition: LicenceReinstated, status: 'active', statusSince: '2074-06-01', previousStatus: 'suspended' },
      ] as const;
      const report = acceptedReport({
        companyId: holderCompanyId,
        depositId,
        period: '2074-05',
        lines: lines({ productCode: productCode(), quantity: '5' }),
      });
      await monitoring.processed(
        await monitoring.publish(LicenceRevoked, revoked.licenceId, revoked),
        await monitoring.publish(ReportAccepted, report.reportId, report),
      );
      // One at a time, each applied before the next is sent: the order is the one given.
      for (const version of order) {
        const { definition, ...status } = versions[version - 1];
        const payload = { ...samplePayload(definition), ...replacement, ...status, version };
        await monitoring.processed(await monitoring.publish(definition, replacement.licenceId, payload));
      }
      const unresolved = (await alertsOf(`licence:${revoked.licenceId}`)).filter((a) => a.state !== 'resolved');
      return unresolved.map((a) => [a.state, a.details.periods]);
    };

    const inOrder = await judgedAfter([1, 2, 3]);
    expect(inOrder).toEqual([['open', ['2074-05']]]);
    // The suspension arriving last, after the reinstatement that followed it, tells the same.
    expect(await judgedAfter([1, 3, 2])).toEqual(inOrder);
    expect(await judgedAfter([3, 2, 1])).toEqual(inOrder);
  });

  it('judges a revoked licence again when the facility its holder reported through is linked to the deposit, or unlinked', async () => {
    const revoked = revokedLicence({ statusSince: '2075-01-01' });
    const subject = `licence:${revoked.licenceId}`;
    const plant = facility({ operatorCompanyId: revoked.holderCompanyId, depositId: null });
    // Output reported through a facility the registry copy does not yet know to process the deposit.
    const report = acceptedReport({
      companyId: revoked.holderCompanyId,
      facilityId: plant.facilityId,
      depositId: null,
      period: '2075-03',
      lines: lines({ productCode: productCode(), quantity: '6' }),
    });
    await monitoring.processed(
      await monitoring.publish(LicenceRevoked, revoked.licenceId, revoked),
      await monitoring.publish(FacilityRegistered, plant.facilityId, plant),
      await monitoring.publish(ReportAccepted, report.reportId, report),
    );
    expect(await alertsOf(subject)).toEqual([]);

    const linked = { ...plant, depositId: revoked.depositId, version: 2 };
    await monitoring.processed(await monitoring.publish(FacilityUpdated, plant.facilityId, linked));
    expect((await alertsOf(subject)).map((a) => [a.state, a.details.periods])).toEqual([['open', ['2075-03']]]);

    const elsewhere = { ...plant, depositId: randomUUID(), version: 3 };
    await monitoring.processed(await monitoring.publish(FacilityUpdated, plant.facilityId, elsewhere));
    expect((await alertsOf(subject)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('resolves the open alerts of a rule about one subject once the rule is disabled, without waiting for an event', async () => {
    const { subject } = await licenceRevokedWhileReporting(['2076-08', '2076-07-01'], async () => undefined);
    const [alert] = await alertsOf(subject);
    expect(alert).toMatchObject({ state: 'open', severity: 'critical' });
    const admin = await monitoring.http('admin');
    const enable = (enabled: boolean) =>
      admin
        .patch('/configuration/rules/registry.licence_revoked_output')
        .send({ enabled, effectiveFrom: monitoring.app.get(Clock).today(), reason: 'test: the rule switched' })
        .expect(200);
    await enable(false);
    try {
      // Resolved, it is no longer there to escalate.
      await waitFor(async () => (await alertsOf(subject)).every((a) => a.state === 'resolved'), PATIENTLY);
      expect(await eventsOf(alert.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
    } finally {
      await enable(true);
    }
  });

  it('alerts on a product whose import dependence is above the trajectory, and resolves when the figures change', async () => {
    const traded = product({ hsCode: hsCode() });
    await monitoring.processed(await monitoring.publish(ProductAdded, traded.code, traded));
    const http = await monitoring.http();
    // Imports in a month of the trailing year and no domestic output: 100% against about 66% expected today.
    const month = trailingYear(monitoring.app.get(Clock).today()).to.slice(0, 7);
    const load = (quantity: string) =>
      http
        .post('/trade-statistics')
        .send({ rows: [{ flow: 'import', hsCode: traded.hsCode, period: month, quantity, unit: 't' }] })
        .expect(201);
    await load('100');
    const subject = `product:${traded.code}`;
    const [alert] = await waitFor(async () => {
      const found = await alertsOf(subject);
      return found.length > 0 && found;
    }, PATIENTLY);
    expect(alert).toMatchObject({
      ruleId: 'import_dependence.above_target',
      state: 'open',
      title: expect.stringContaining('100.00%'),
      details: expect.objectContaining({
        productCode: traded.code,
        productName: traded.name,
        importDependencePercent: '100.00',
        importsTonnes: expect.any(String),
      }),
    });

    await load('0');
    await waitFor(async () => (await alertsOf(subject)).every((a) => a.state === 'resolved'), PATIENTLY);
  });

  it('judges a product exporting more than it makes by the least share it can have imported, in one alert', async () => {
    const traded = product({ hsCode: hsCode(), tonnageClass: 'large' });
    const month = trailingYear(monitoring.app.get(Clock).today()).to.slice(0, 7);
    const report = acceptedReport({ period: month, lines: lines({ productCode: traded.code, quantity: '10' }) });
    await monitoring.processed(
      await monitoring.publish(ProductAdded, traded.code, traded),
      await monitoring.publish(ReportAccepted, report.reportId, report),
    );
    const http = await monitoring.http();
    const subject = `product:${traded.code}`;
    // Judged right after each upload, so that an alert not raised is told from one not raised yet.
    const judge = async (flow: 'import' | 'export', quantity: string) => {
      await http
        .post('/trade-statistics')
        .send({ rows: [{ flow, hsCode: traded.hsCode, period: month, quantity, unit: 't' }] })
        .expect(201);
      await monitoring.app.get(ProgrammeEvaluator).evaluate();
      return alertsOf(subject);
    };
    // The programme expects between 48% and 75% of the country for as long as it runs: these shares are far from it.
    const expected = (await http.get('/targets/import-dependence').expect(200)).body.trajectory;

    // 100 ÷ (10 + 100) = 90.91%.
    const [raised] = await judge('import', '100');
    expect(raised).toMatchObject({ state: 'open', title: expect.stringContaining('90.91%') });

    // 20 t exported of 10 t made: 100 ÷ (10 + 100 − 20) = 111.11% is no share. Of the 90 t consumed, at least the
    // 100 − 20 = 80 t of imports not exported again were imported: 88.89%, above the trajectory whatever the rest.
    expect(await judge('export', '20')).toEqual([
      expect.objectContaining({
        alertId: raised.alertId,
        state: 'open',
        title: expect.stringContaining('between 88.89% and 100%'),
        details: expect.objectContaining({
          importDependencePercent: null,
          importDependenceRangePercent: { from: '88.89', to: '100.00' },
          importDependenceWithheld: expect.objectContaining({ reason: 'exports_exceed_output' }),
          expectedPercent: expected,
          outputTonnes: '10',
          importsTonnes: '100',
          exportsTonnes: '20',
          apparentConsumptionTonnes: '90',
        }),
      }),
    ]);

    // 95 t exported: (100 − 95) ÷ 15 = 33.33% at least, possibly 100%. Not certainly above: the alert clears.
    expect((await judge('export', '95')).map((alert) => alert.state)).toEqual(['resolved']);
    // 120 t exported: 10 + 100 − 120 = −10 t consumed, nothing to judge, and no alert again.
    expect((await judge('export', '120')).map((alert) => alert.state)).toEqual(['resolved']);
    expect(await eventsOf(raised.alertId)).toEqual([AlertRaised.type, AlertResolved.type]);
  });

  it('escalates an unacknowledged critical alert once, takes an acknowledgement with a comment, and resolves when the target is back on track', async () => {
    // The programme's output targets are far off track in a test database: a critical alert, evaluated on start.
    const subject = 'target:output-large-tonnage';
    const [alert] = await waitFor(async () => {
      const found = (await alertsOf(subject)).filter((a) => a.state === 'open');
      return found.length > 0 && found;
    }, PATIENTLY);
    expect(alert).toMatchObject({ ruleId: 'target.off_track', severity: 'critical' });
    const escalation = monitoring.app.get(EscalationService);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await escalation.runCheck(later)).toBeGreaterThanOrEqual(1);
    await escalation.runCheck(later);

    const http = await monitoring.http('ministry_analyst', { userId: 'u-analyst-7', name: 'M. Orlova' });
    const acknowledged = await http
      .post(`/alerts/${alert.alertId}/acknowledge`)
      .send({ comment: 'Discussed with the plant' });
    expect(acknowledged.status).toBe(200);
    await http.post(`/alerts/${alert.alertId}/acknowledge`).send({ comment: 'again' }).expect(409);
    await (
      await monitoring.http('subsidy_officer')
    )
      .post(`/alerts/${alert.alertId}/acknowledge`)
      .send({ comment: 'x' })
      .expect(403);

    await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/output-large-tonnage')
      .send({ baselineValue: '0', targetValue: '0', effectiveFrom: '2024-01-01', reason: 'test: nothing expected' })
      .expect(200);
    await waitFor(async () => (await alertsOf(subject)).every((a) => a.state === 'resolved'), PATIENTLY);

    const detail = (await http.get(`/alerts/${alert.alertId}`).expect(200)).body;
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual([
      AlertRaised.type,
      AlertEscalated.type,
      AlertAcknowledged.type,
      AlertResolved.type,
    ]);
    expect(detail.history[2]).toMatchObject({
      actor: { userId: 'u-analyst-7', name: 'M. Orlova' },
      comment: 'Discussed with the plant',
    });
    expect(detail).toMatchObject({
      acknowledgedBy: { userId: 'u-analyst-7' },
      acknowledgementComment: 'Discussed with the plant',
    });
  });

  it('streams alert changes to the console over SSE with the token in the query, leaving silenced ones out', async () => {
    const base = await listening(monitoring.app.getHttpServer());
    expect((await openStream(`${base}/alerts/stream`)).status).toBe(401);
    const producer = await monitoring.auth.token({ roles: ['producer'], companyId: randomUUID() });
    expect((await openStream(`${base}/alerts/stream?access_token=${producer}`)).status).toBe(403);

    const token = await monitoring.auth.token({ roles: ['ministry_analyst'] });
    const stream = await openStream(`${base}/alerts/stream?access_token=${token}`);
    expect(stream.status).toBe(200);
    const [loud, quiet] = [2080 + Math.floor(Math.random() * 5), 2085 + Math.floor(Math.random() * 5)];
    await (
      await monitoring.http()
    )
      .post('/silences')
      .send({ subject: `budget:${quiet}`, endsAt: '2099-01-01T00:00:00Z', reason: 'known: budget being revised' })
      .expect(201);
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(quiet), budget(quiet, '99.00')));
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(loud), budget(loud, '99.00')));

    const seen = await waitFor(async () => {
      const found = stream.events.filter((event) => event.data.subject === `budget:${loud}`);
      return found.length > 0 && found;
    }, PATIENTLY);
    stream.close();
    expect(seen[0]).toMatchObject({
      event: AlertRaised.type,
      data: { ruleId: 'subsidy.budget_utilisation', state: 'open' },
    });
    expect(stream.events.some((event) => event.data.subject === `budget:${quiet}`)).toBe(false);
    const [silenced] = await alertsOf(`budget:${quiet}`);
    expect(silenced).toMatchObject({ state: 'open', silenced: true });

    const resumed = await openStream(`${base}/alerts/stream`, {
      authorization: `Bearer ${token}`,
      'last-event-id': String(Number(seen[0].id) - 1),
    });
    await waitFor(async () => resumed.events.some((event) => event.id === seen[0].id), PATIENTLY);
    resumed.close();
  });

  it('raises an alert again, delivered, when the silence it was raised under ends, and escalates it only then', async () => {
    const silenceEnds = new Date(Date.now() + 2 * 3600_000);
    const { subject } = await licenceRevokedWhileReporting(['2069-08', '2069-07-01'], (muted) =>
      monitoring
        .http()
        .then((http) =>
          http
            .post('/silences')
            .send({ subject: muted, endsAt: silenceEnds.toISOString(), reason: 'licence under appeal' })
            .expect(201),
        ),
    );
    const [alert] = await alertsOf(subject);
    expect(alert).toMatchObject({ severity: 'critical', state: 'open', silenced: true });
    const history = async () =>
      (await (await monitoring.http()).get(`/alerts/${alert.alertId}`).expect(200)).body.history.map(
        (entry: { type: string; silenced: boolean }) => [entry.type, entry.silenced],
      );

    const escalation = monitoring.app.get(EscalationService);
    const duringSilence = new Date(Date.now() + 61 * 60_000);
    await escalation.runCheck(duringSilence);
    await escalation.announceUnsilenced(duringSilence);
    expect(await history()).toEqual([[AlertRaised.type, true]]);

    const afterSilence = new Date(silenceEnds.getTime() + 60_000);
    expect(await escalation.announceUnsilenced(afterSilence)).toBeGreaterThanOrEqual(1);
    await escalation.announceUnsilenced(afterSilence);
    // Staff get their full time to acknowledge from when they were told, not from the silenced raise.
    await escalation.runCheck(afterSilence);
    expect(await history()).toEqual([
      [AlertRaised.type, true],
      [AlertRaised.type, false],
    ]);
    await escalation.runCheck(new Date(afterSilence.getTime() + 61 * 60_000));
    expect(await history()).toEqual([
      [AlertRaised.type, true],
      [AlertRaised.type, false],
      [AlertEscalated.type, false],
    ]);
    expect((await alertsOf(subject))[0]).toMatchObject({ state: 'open', silenced: false });
    expect(await eventsOf(alert.alertId)).toEqual([AlertRaised.type, AlertRaised.type, AlertEscalated.type]);
  });
  /** The budget rule's severity from today; 409 (CONFIG.UNCHANGED) when it is that already, as a test left it. */
  const budgetRuleSeverity = async (severity: 'warning' | 'critical') => {
    const response = await (
      await monitoring.http('admin')
    )
      .patch('/configuration/rules/subsidy.budget_utilisation')
      .send({
        severity,
        effectiveFrom: monitoring.app.get(Clock).today(),
        reason: `test: budget overruns are ${severity}`,
      });
    expect([200, 409]).toContain(response.status);
  };

  it('counts a warning turned critical from when it turned, not from when it was raised', async () => {
    const year = 2078;
    const subject = `budget:${year}`;
    await budgetRuleSeverity('warning');
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(year), budget(year, '95.10')));
    // Held as a warning for three hours before its rule is made critical.
    await monitoring.query(
      `UPDATE alert SET raised_at = raised_at - interval '3 hours', announced_at = announced_at - interval '3 hours'
        WHERE subject = $1`,
      [subject],
    );
    try {
      await budgetRuleSeverity('critical');
      await monitoring.processed(await monitoring.publish(BudgetReserved, String(year), budget(year, '96.00')));
      const [alert] = await alertsOf(subject);
      expect(alert).toMatchObject({ state: 'open', severity: 'critical' });
      const escalated = async () =>
        (await (await monitoring.http()).get(`/alerts/${alert.alertId}`).expect(200)).body.history.some(
          (entry: { type: string }) => entry.type === AlertEscalated.type,
        );

      const escalation = monitoring.app.get(EscalationService);
      await escalation.runCheck(new Date(Date.now() + 5 * 60_000));
      expect(await escalated()).toBe(false);
      await escalation.runCheck(new Date(Date.now() + 61 * 60_000));
      expect(await escalated()).toBe(true);
      // A graver setting of the rule is not the subject's news: only the escalation tells of it.
      expect(await eventsOf(alert.alertId)).toEqual([AlertRaised.type, AlertEscalated.type]);
    } finally {
      await budgetRuleSeverity('warning');
    }
  });

  it('escalates again an alert its rule’s settings make critical anew after an escalated critical spell', async () => {
    const year = 2077;
    const subject = `budget:${year}`;
    // Re-judged on each reservation, at the rule's severity then.
    const judgedAt = async (severity: 'warning' | 'critical', utilisationPercent: string) => {
      await budgetRuleSeverity(severity);
      await monitoring.processed(
        await monitoring.publish(BudgetReserved, String(year), budget(year, utilisationPercent)),
      );
      const [alert] = await alertsOf(subject);
      expect(alert).toMatchObject({ state: 'open', severity });
      return alert.alertId;
    };
    const escalation = monitoring.app.get(EscalationService);
    const escalateAnHourOn = () => escalation.runCheck(new Date(Date.now() + 61 * 60_000));
    try {
      const alertId = await judgedAt('critical', '95.10');
      await escalateAnHourOn();
      expect(await eventsOf(alertId)).toEqual([AlertRaised.type, AlertEscalated.type]);

      await judgedAt('warning', '95.20');
      await judgedAt('critical', '95.30');
      // Nobody acknowledged the alert in its new critical spell.
      await escalateAnHourOn();
      expect(await eventsOf(alertId)).toEqual([AlertRaised.type, AlertEscalated.type, AlertEscalated.type]);
    } finally {
      await budgetRuleSeverity('warning');
    }
  });

  it('makes a silence sent twice with one Idempotency-Key once, its change fenced in its own transaction', async () => {
    const http = await monitoring.http();
    const key = randomUUID();
    const silence = {
      subject: `budget:${2090 + Math.floor(Math.random() * 5)}`,
      endsAt: '2099-01-01T00:00:00Z',
      reason: 'retried',
    };
    const first = await http.post('/silences').set('idempotency-key', key).send(silence).expect(201);
    const again = await http.post('/silences').set('idempotency-key', key).send(silence).expect(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(
      await monitoring.query(`SELECT id FROM silence WHERE reason = 'retried' AND subject = $1`, [silence.subject]),
    ).toEqual([{ id: first.body.id }]);
    // Marked in the silence's own transaction: a retry after an answer lost on its way is refused, not run.
    expect(
      await monitoring.query(
        `SELECT committed_at IS NOT NULL AS fenced FROM idempotent_request WHERE idempotency_key = $1`,
        [key],
      ),
    ).toEqual([{ fenced: true }]);
  });
});
