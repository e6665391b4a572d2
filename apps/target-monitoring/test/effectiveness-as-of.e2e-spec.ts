import { randomUUID } from 'node:crypto';
import { ClaimApproved, ClaimPaid, type ClaimSnapshot, ProductAdded, ReportAccepted } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { serviceToday } from '@redmet/testing';
import { acceptedReport, hsCode, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

const YEAR = 2082;

/**
 * What the subsidy bought, as of a past day. A company's 2081-Q4 report (100 t of P) was accepted in January
 * 2082; its 2082-Q1 report (60 t of P) on 10 April, amended on 10 June to 150 t of P and 10 t of Q (metal
 * content 30 t and 10 t). Its claim citing the Q1 report was approved on 5 May (1 000 000 kopecks) and paid
 * on 1 July. Customs: 100 t of P imported in each year. Import dependence of P is imports ÷ (output +
 * imports − exports): 2081 100 / 200 = 50.00 %; 2082 as known on 31 May 100 / 160 = 62.50 %, as known now
 * 100 / 250 = 40.00 %.
 */
describe('subsidy effectiveness as of a past day', () => {
  let monitoring: MonitoringTestApp;
  const p = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test effectiveness product P' });
  const q = product({ tonnageClass: 'large', hsCode: hsCode(), name: 'Test effectiveness product Q' });
  const q4 = acceptedReport({ period: `${YEAR - 1}-Q4`, lines: lines({ productCode: p.code, quantity: '100' }) });
  const q1 = acceptedReport({
    companyId: q4.companyId,
    period: `${YEAR}-Q1`,
    lines: lines({ productCode: p.code, quantity: '60', metal: '12' }),
  });

  const effectiveness = async (query: Record<string, string> = {}) =>
    (
      await (
        await monitoring.http()
      )
        .get('/subsidy/effectiveness')
        .query({ programmeYear: YEAR, ...query })
        .expect(200)
    ).body;

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const amended = {
      ...q1,
      version: 2,
      lines: lines({ productCode: p.code, quantity: '150', metal: '30' }, { productCode: q.code, quantity: '10' }),
    };
    const claim: ClaimSnapshot = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId: q4.companyId,
      programmeYear: YEAR,
      period: `${YEAR}-Q1`,
      reportIds: [q1.reportId],
      approvedKopecks: '1000000',
      paidKopecks: null,
      version: 4,
    };
    await monitoring.processed(
      await monitoring.publish(ProductAdded, p.code, p),
      await monitoring.publish(ProductAdded, q.code, q),
      await monitoring.publish(ReportAccepted, q4.reportId, q4, { occurredAt: `${YEAR}-01-10T09:00:00.000Z` }),
      await monitoring.publish(ReportAccepted, q1.reportId, q1, { occurredAt: `${YEAR}-04-10T09:00:00.000Z` }),
      await monitoring.publish(ReportAccepted, q1.reportId, amended, { occurredAt: `${YEAR}-06-10T09:00:00.000Z` }),
      await monitoring.publish(ClaimApproved, claim.claimId, claim, { occurredAt: `${YEAR}-05-05T09:00:00.000Z` }),
      await monitoring.publish(
        ClaimPaid,
        claim.claimId,
        { ...samplePayload(ClaimPaid), ...claim, state: 'paid', paidKopecks: '1000000', version: 5 },
        { occurredAt: `${YEAR}-07-01T09:00:00.000Z` },
      ),
    );
    const upload = await (await monitoring.http()).post('/trade-statistics').send({
      rows: [
        { flow: 'import', hsCode: p.hsCode, period: `${YEAR - 1}`, quantity: '100', unit: 't' },
        { flow: 'import', hsCode: p.hsCode, period: `${YEAR}`, quantity: '100', unit: 't' },
      ],
    });
    expect(upload.status).toBe(201);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  it('as known then: the claim approved and unpaid, shared by the report as first accepted, its output then', async () => {
    const body = await effectiveness({ asOf: `${YEAR}-05-31`, knowledge: 'then' });
    expect(body).toMatchObject({ programmeYear: YEAR, asOf: `${YEAR}-05-31`, knowledge: 'then' });
    expect(body.rows).toEqual([
      {
        companyId: q4.companyId,
        productCode: p.code,
        approvedKopecks: '1000000',
        paidKopecks: '0',
        clawbackDemandedKopecks: '0',
        clawedBackKopecks: '0',
        output: { previousYearTonnes: '100', yearTonnes: '60', changeTonnes: '-40' },
        importDependence: expect.objectContaining({
          previousYearPercent: '50.00',
          yearPercent: '62.50',
          changePoints: '12.50',
        }),
      },
    ]);
  });

  it('as known now: the same claim as it stood that day, shared by the amended report’s metal, its output now', async () => {
    const body = await effectiveness({ asOf: `${YEAR}-05-31`, knowledge: 'now' });
    expect(body).toMatchObject({ asOf: `${YEAR}-05-31`, knowledge: 'now' });
    // The amendment's metal content: 30 t of P, 10 t of Q.
    expect(body.rows).toHaveLength(2);
    expect(body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productCode: p.code,
          approvedKopecks: '750000',
          paidKopecks: '0',
          output: { previousYearTonnes: '100', yearTonnes: '150', changeTonnes: '50' },
          importDependence: expect.objectContaining({ previousYearPercent: '50.00', yearPercent: '40.00' }),
        }),
        expect.objectContaining({
          productCode: q.code,
          approvedKopecks: '250000',
          paidKopecks: '0',
          output: { previousYearTonnes: '0', yearTonnes: '10', changeTonnes: '10' },
        }),
      ]),
    );
  });

  it('leaves out a claim not yet approved on the day, and shows it paid as things stand', async () => {
    for (const knowledge of ['now', 'then']) {
      expect((await effectiveness({ asOf: `${YEAR}-05-04`, knowledge })).rows).toEqual([]);
    }
    const now = await effectiveness();
    expect(now).toMatchObject({ asOf: null, knowledge: 'now' });
    // As known then with no day: at the end of today, before any of these events (all dated in the future).
    expect(await effectiveness({ knowledge: 'then' })).toMatchObject({ asOf: serviceToday(), rows: [] });
    const paid = new Map(
      now.rows.map((row: { productCode: string; paidKopecks: string }) => [row.productCode, row.paidKopecks]),
    );
    expect(paid).toEqual(
      new Map([
        [p.code, '750000'],
        [q.code, '250000'],
      ]),
    );
  });

  it('splits the money by the reports the claim cited on the day, before an edit made it cite others', async () => {
    const year = YEAR + 1;
    const companyId = randomUUID();
    const [first, second] = [p, q].map((cited) =>
      acceptedReport({ companyId, period: `${year}-Q1`, lines: lines({ productCode: cited.code, quantity: '10' }) }),
    );
    // Approved citing the first report; returned, edited to cite the second instead, and approved again.
    const claim = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId,
      programmeYear: year,
      period: `${year}-Q1`,
      reportIds: [first.reportId],
      approvedKopecks: '500000',
      paidKopecks: null,
      version: 4,
    };
    await monitoring.processed(
      ...(await Promise.all(
        [first, second].map((report) =>
          monitoring.publish(ReportAccepted, report.reportId, report, { occurredAt: `${year}-02-01T09:00:00.000Z` }),
        ),
      )),
      await monitoring.publish(ClaimApproved, claim.claimId, claim, { occurredAt: `${year}-05-10T09:00:00.000Z` }),
      await monitoring.publish(
        ClaimApproved,
        claim.claimId,
        { ...claim, reportIds: [second.reportId], version: 8 },
        { occurredAt: `${year}-06-20T09:00:00.000Z` },
      ),
    );
    const products = async (query: Record<string, string>) =>
      (await effectiveness({ programmeYear: String(year), ...query })).rows.map(
        (row: { productCode: string; approvedKopecks: string }) => [row.productCode, row.approvedKopecks],
      );
    for (const knowledge of ['now', 'then']) {
      expect(await products({ asOf: `${year}-05-31`, knowledge })).toEqual([[p.code, '500000']]);
    }
    expect(await products({})).toEqual([[q.code, '500000']]);
  });

  it('refuses a knowledge or day it does not know, naming the field', async () => {
    const http = await monitoring.http();
    const refused = async (query: Record<string, string>) =>
      (
        await http
          .get('/subsidy/effectiveness')
          .query({ programmeYear: YEAR, ...query })
          .expect(400)
      ).body;
    expect(JSON.stringify(await refused({ knowledge: 'later' }))).toContain('knowledge');
    expect(JSON.stringify(await refused({ asOf: `${YEAR}-02-30` }))).toContain('asOf');
  });
});
