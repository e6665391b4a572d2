import { randomUUID } from 'node:crypto';
import {
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimPaid,
  ReportAccepted,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { acceptedReport, lines, productCode } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/**
 * A report for 2075-Q4 accepted on 15 January 2076 and amended down on
 * 10 March: figures for February are 100 t as known then, 60 t as known now.
 */
describe('history as known then, drill-down and subsidy effectiveness', () => {
  let monitoring: MonitoringTestApp;
  const code = productCode();
  const companyId = randomUUID();
  const q4 = acceptedReport({
    companyId,
    region: 'Perm Krai',
    period: '2075-Q4',
    lines: lines({ productCode: code, quantity: '100', metal: '20' }),
  });
  const q1 = acceptedReport({
    companyId,
    region: 'Perm Krai',
    period: '2076-Q1',
    depositId: q4.depositId,
    lines: lines({ productCode: code, quantity: '80', metal: '16' }),
  });

  // Another company's December, a small-tonnage product, withdrawn on 10 February by a nil-return amendment.
  const withdrawnCode = productCode();
  const withdrawn = acceptedReport({
    companyId: randomUUID(),
    period: '2075-12',
    lines: lines({ productCode: withdrawnCode, quantity: '5', metal: '1', tonnageClass: 'small' }),
  });

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const amended = { ...q4, version: 2, lines: lines({ productCode: code, quantity: '60', metal: '12' }) };
    const nilReturn = { ...withdrawn, version: 2, nilReturn: true, lines: [] };
    await monitoring.processed(
      await monitoring.publish(ReportAccepted, withdrawn.reportId, withdrawn, {
        occurredAt: '2076-01-20T09:00:00.000Z',
      }),
      await monitoring.publish(ReportAccepted, withdrawn.reportId, nilReturn, {
        occurredAt: '2076-02-10T09:00:00.000Z',
      }),
    );
    await monitoring.processed(
      await monitoring.publish(ReportAccepted, q4.reportId, q4, { occurredAt: '2076-01-15T09:00:00.000Z' }),
      await monitoring.publish(ReportAccepted, q4.reportId, amended, { occurredAt: '2076-03-10T09:00:00.000Z' }),
      await monitoring.publish(ReportAccepted, q1.reportId, q1, { occurredAt: '2076-04-20T09:00:00.000Z' }),
    );
    await (
      await monitoring.http('admin')
    )
      .patch('/configuration/targets/output-large-tonnage')
      .send({ baselineYear: 2074, targetYear: 2080, effectiveFrom: '2074-01-01', reason: 'test programme' })
      .expect(200);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const output = async (query: Record<string, string>) =>
    (
      await (
        await monitoring.http()
      )
        .get('/output')
        .query({ productCode: code, ...query })
        .expect(200)
    ).body;

  it('drills output down by period, region, company and site, as known now or as known then', async () => {
    const now = await output({ groupBy: 'period,region', periodKind: 'quarter', from: '2075-10', to: '2076-03' });
    expect(now.rows).toEqual([
      expect.objectContaining({
        period: '2075-Q4',
        region: 'Perm Krai',
        quantityTonnes: '60',
        metalContentTonnes: '12',
      }),
      expect.objectContaining({ period: '2076-Q1', region: 'Perm Krai', quantityTonnes: '80' }),
    ]);
    const then = await output({
      groupBy: 'period',
      periodKind: 'year',
      from: '2075-01',
      to: '2075-12',
      asOf: '2076-02-15',
      knowledge: 'then',
    });
    expect(then.rows).toEqual([expect.objectContaining({ period: '2075', quantityTonnes: '100' })]);
    // By product it sums what became known day by day; by product and company it reads the facts: the same figures.
    const months: number[] = [];
    for (const asOf of ['2076-01-14', '2076-01-15', '2076-03-09', '2076-03-10', '2076-04-20']) {
      const knownThen = { from: '2075-10', to: '2076-03', asOf, knowledge: 'then' };
      const byDay = await output({ ...knownThen, groupBy: 'period,product' });
      const fromFacts = await output({ ...knownThen, groupBy: 'period,product,company' });
      expect(byDay.rows).toEqual(
        fromFacts.rows.map(({ companyId: _, companyName: __, ...row }: Record<string, string>) => row),
      );
      months.push(byDay.rows.length);
    }
    // Nothing before the first acceptance, the quarter's three months, then the next quarter's too.
    expect(months).toEqual([0, 3, 3, 3, 6]);
    // As known now, by product from the per-product aggregates, by product and company from the monthly ones.
    const perProduct = await output({ from: '2075-10', to: '2076-03', groupBy: 'period,product' });
    const perCompany = await output({ from: '2075-10', to: '2076-03', groupBy: 'period,product,company' });
    expect(perProduct.rows).toHaveLength(6);
    expect(perProduct.rows).toEqual(
      perCompany.rows.map(({ companyId: _, companyName: __, ...row }: Record<string, string>) => row),
    );
    const bySite = await output({ groupBy: 'company,site', from: '2075-01', to: '2076-12' });
    expect(bySite.rows).toEqual([expect.objectContaining({ companyId, siteId: q4.depositId, quantityTonnes: '140' })]);
    const bad = await (
      await monitoring.http()
    )
      .get('/output')
      .query({ groupBy: 'colour', from: '2075-13', to: '2075-01' });
    expect(bad.status).toBe(400);
  });

  it('sums a quarter or a year whole when the range starts or ends inside it, never part of it under its name', async () => {
    const figures = (body: { rows: Record<string, string>[] }) =>
      body.rows.map((row) => [row.period, row.quantityTonnes]);
    const quarters = await output({ groupBy: 'period', periodKind: 'quarter', from: '2075-11', to: '2076-02' });
    expect(quarters).toMatchObject({ from: '2075-10', to: '2076-03' });
    expect(figures(quarters)).toEqual([
      ['2075-Q4', '60'],
      ['2076-Q1', '80'],
    ]);
    const year = await output({ groupBy: 'period,company', periodKind: 'year', from: '2075-12', to: '2075-12' });
    expect(year).toMatchObject({ from: '2075-01', to: '2075-12' });
    expect(figures(year)).toEqual([['2075', '60']]);
  });

  it('documents from and to of the drill-down as the required parameters they are', async () => {
    const document = (await (await monitoring.http()).get('/docs/openapi.json').expect(200)).body;
    const parameters: { name: string; required?: boolean }[] = document.paths['/output'].get.parameters;
    const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
    expect(required.sort()).toEqual(['from', 'to']);
  });

  it('drills down by company and by region as known before and after an amendment that moves the region', async () => {
    const small = productCode();
    // A: 2081-Q1 (90 t, 30 a month) in Tomsk, accepted 10 April, amended on 20 May to 60 t in Omsk. B: February, 40 t.
    const a = acceptedReport({
      region: 'Tomsk Oblast',
      period: '2081-Q1',
      lines: lines({ productCode: small, quantity: '90', metal: '9', tonnageClass: 'small' }),
    });
    const b = acceptedReport({
      region: 'Irkutsk Oblast',
      period: '2081-02',
      lines: lines({ productCode: small, quantity: '40', metal: '4', tonnageClass: 'small' }),
    });
    const amended = {
      ...a,
      version: 2,
      region: 'Omsk Oblast',
      lines: lines({ productCode: small, quantity: '60', metal: '6', tonnageClass: 'small' }),
    };
    await monitoring.processed(
      await monitoring.publish(ReportAccepted, b.reportId, b, { occurredAt: '2081-03-05T09:00:00.000Z' }),
      await monitoring.publish(ReportAccepted, a.reportId, a, { occurredAt: '2081-04-10T09:00:00.000Z' }),
      await monitoring.publish(ReportAccepted, a.reportId, amended, { occurredAt: '2081-05-20T09:00:00.000Z' }),
    );
    const name = (companyId: string) => (companyId === a.companyId ? 'A' : 'B');
    // Not by product: only these reports are of 2081.
    const drilled = async (groupBy: string, asOf: string, knowledge = 'then', filter: Record<string, string> = {}) =>
      (
        await (
          await monitoring.http()
        )
          .get('/output')
          .query({ from: '2081-01', to: '2081-03', groupBy, asOf, knowledge, ...filter })
          .expect(200)
      ).body.rows.map((row: Record<string, string>) =>
        [row.companyId ? name(row.companyId) : row.region, row.period, row.quantityTonnes, row.metalContentTonnes]
          .filter(Boolean)
          .join(' '),
      );

    expect(await drilled('company', '2081-04-09')).toEqual(['B 40 4']);
    for (const asOf of ['2081-04-10', '2081-05-19']) {
      expect((await drilled('company', asOf)).sort()).toEqual(['A 90 9', 'B 40 4']);
      expect(await drilled('region', asOf)).toEqual(['Irkutsk Oblast 40 4', 'Tomsk Oblast 90 9']);
    }
    for (const [asOf, knowledge] of [
      ['2081-05-20', 'then'],
      ['2081-05-19', 'now'],
    ]) {
      expect((await drilled('company', asOf, knowledge)).sort()).toEqual(['A 60 6', 'B 40 4']);
      expect(await drilled('region', asOf, knowledge)).toEqual(['Irkutsk Oblast 40 4', 'Omsk Oblast 60 6']);
    }
    // One company's months, and one region's, filtered: the amendment lowers A's months from 30 to 20 t, and takes
    // them from Tomsk to Omsk.
    const months = { companyId: a.companyId };
    expect(await drilled('period', '2081-05-19', 'then', months)).toEqual([
      '2081-01 30 3',
      '2081-02 30 3',
      '2081-03 30 3',
    ]);
    expect(await drilled('period', '2081-05-20', 'then', months)).toEqual([
      '2081-01 20 2',
      '2081-02 20 2',
      '2081-03 20 2',
    ]);
    expect(await drilled('region,period', '2081-05-19', 'then', { region: 'Tomsk Oblast' })).toHaveLength(3);
    expect(await drilled('region,period', '2081-05-20', 'then', { region: 'Tomsk Oblast' })).toEqual([]);
  });

  it('gives a target and its series as known at each date, before later amendments, or as known now', async () => {
    const http = await monitoring.http();
    const at = (knowledge: string) =>
      http
        .get('/targets/output-large-tonnage')
        .query({ asOf: '2076-02-29', knowledge })
        .then((r) => r.body.current);
    // Then: Q4 as first accepted (20 t). Now: Q4 amended (12 t) plus two months of the Q1 report (2 × 16/3 t).
    expect(await at('then')).toBe('20');
    expect(await at('now')).toBe('22.667');

    const series = async (knowledge: string) =>
      (
        await http
          .get('/targets/output-large-tonnage/history')
          .query({ from: '2076-01', to: '2076-04', knowledge })
          .expect(200)
      ).body.map((point: { current: string }) => point.current);
    // As known then: nothing of Q1 2076 until its report was accepted on 20 April.
    expect(await series('then')).toEqual(['20', '20', '12', '28']);
    expect(await series('now')).toEqual(['17.333', '22.667', '28', '28']);
  });

  it('leaves a product out, as known then or now, once every line of it has been replaced', async () => {
    const products = async (asOf: string, knowledge: string) =>
      (
        await (await monitoring.http()).get('/import-dependence').query({ asOf, knowledge }).expect(200)
      ).body.products.map((product: { productCode: string }) => product.productCode);
    const drilled = async (asOf: string, knowledge: string) =>
      (
        await output({
          productCode: withdrawnCode,
          from: '2075-12',
          to: '2075-12',
          asOf,
          knowledge,
          groupBy: 'company',
        })
      ).rows;

    expect(await products('2076-01-31', 'then')).toContain(withdrawnCode);
    expect(await products('2076-02-29', 'then')).not.toContain(withdrawnCode);
    expect(await products('2076-02-29', 'then')).toContain(code);
    expect(await products('2076-02-29', 'now')).not.toContain(withdrawnCode);
    expect(await products('2076-02-29', 'now')).toContain(code);
    expect(await drilled('2076-01-31', 'then')).toEqual([
      expect.objectContaining({ companyId: withdrawn.companyId, quantityTonnes: '5' }),
    ]);
    expect(await drilled('2076-02-29', 'then')).toEqual([]);
    expect(await drilled('2076-02-29', 'now')).toEqual([]);
  });

  it('sets the subsidy approved and paid beside the change in the company’s output of the product', async () => {
    const claim = {
      ...samplePayload(ClaimApproved),
      claimId: randomUUID(),
      companyId,
      programmeYear: 2076,
      period: '2076-Q1',
      reportIds: [q1.reportId],
      approvedKopecks: '1000000',
    };
    await monitoring.processed(
      await monitoring.publish(ClaimApproved, claim.claimId, claim),
      await monitoring.publish(ClaimPaid, claim.claimId, {
        ...samplePayload(ClaimPaid),
        ...claim,
        state: 'paid',
        paidKopecks: '1000000',
        version: 5,
      }),
    );
    const http = await monitoring.http();
    const effectiveness = (await http.get('/subsidy/effectiveness').query({ programmeYear: 2076 }).expect(200)).body;
    expect(effectiveness.rows).toEqual([
      expect.objectContaining({
        companyId,
        productCode: code,
        approvedKopecks: '1000000',
        paidKopecks: '1000000',
        output: { previousYearTonnes: '60', yearTonnes: '80', changeTonnes: '20' },
      }),
    ]);
    const summary = (await http.get('/subsidy/summary').query({ programmeYear: 2076 }).expect(200)).body;
    expect(summary.claims).toMatchObject({ claims: 1, approvedKopecks: '1000000', paidKopecks: '1000000' });

    // A clawback demanded and not yet repaid, and a claim relying on no report line known here.
    const uncited = { ...claim, claimId: randomUUID(), reportIds: [], approvedKopecks: '250000' };
    await monitoring.processed(
      await monitoring.publish(ClaimClawbackDemanded, claim.claimId, {
        ...samplePayload(ClaimClawbackDemanded),
        ...claim,
        state: 'under_clawback',
        reason: 'Report amended down',
        paidKopecks: '1000000',
        clawbackKopecks: '300000',
        version: 6,
      }),
      await monitoring.publish(ClaimApproved, uncited.claimId, uncited),
    );
    const after = (await http.get('/subsidy/effectiveness').query({ programmeYear: 2076 }).expect(200)).body;
    expect(after.rows).toEqual([
      expect.objectContaining({
        productCode: code,
        approvedKopecks: '1000000',
        clawbackDemandedKopecks: '300000',
        clawedBackKopecks: '0',
      }),
      {
        companyId,
        productCode: null,
        approvedKopecks: '250000',
        paidKopecks: '0',
        clawbackDemandedKopecks: '0',
        clawedBackKopecks: '0',
        output: null,
        importDependence: null,
      },
    ]);
    const totals = (await http.get('/subsidy/summary').query({ programmeYear: 2076 }).expect(200)).body.claims;
    expect(totals).toMatchObject({ approvedKopecks: '1250000', clawbackDemandedKopecks: '300000' });

    // Results corrected: the demand comes down.
    await monitoring.processed(
      await monitoring.publish(ClaimClawbackReduced, claim.claimId, {
        ...samplePayload(ClaimClawbackReduced),
        ...claim,
        state: 'under_clawback',
        paidKopecks: '1000000',
        reason: 'Results corrected',
        previousClawbackKopecks: '300000',
        clawbackKopecks: '100000',
        repaidKopecks: '0',
        outstandingKopecks: '100000',
        version: 7,
      }),
    );
    const lowered = (await http.get('/subsidy/summary').query({ programmeYear: 2076 }).expect(200)).body.claims;
    expect(lowered).toMatchObject({ clawbackDemandedKopecks: '100000', clawedBackKopecks: '0' });
  });

  it('counts what was known at the last millisecond of a day in that day, in the series and in the day’s figure', async () => {
    const later = productCode();
    const third = (metal: string) =>
      acceptedReport({
        companyId: randomUUID(),
        period: '2076-Q3',
        lines: lines({ productCode: later, quantity: metal, metal }),
      });
    const lastMoment = third('30');
    const nextMorning = third('9');
    // Days are Moscow's (TIME_ZONE): its 30 September ends at 20:59:59.999 UTC.
    await monitoring.processed(
      await monitoring.publish(ReportAccepted, lastMoment.reportId, lastMoment, {
        occurredAt: '2076-09-30T20:59:59.999Z',
      }),
      await monitoring.publish(ReportAccepted, nextMorning.reportId, nextMorning, {
        occurredAt: '2076-09-30T21:00:00.000Z',
      }),
    );
    const http = await monitoring.http();
    const series = (
      await http
        .get('/targets/output-large-tonnage/history')
        .query({ from: '2076-08', to: '2076-10', knowledge: 'then' })
        .expect(200)
    ).body;
    // August: Q4 2075 as amended (12 t) and Q1 2076 (16 t). September: and the report known at 23:59:59.999 on
    // the 30th (30 t). October: two thirds of Q4 2075 left in the trailing year (8 t), and the next morning's (9 t).
    expect(series.map((point: { current: string }) => point.current)).toEqual(['28', '58', '63']);
    // A single day's figure too: on the 30th the report of its last moment counts (not the next morning's);
    // on 1 October the next morning's counts as well, with all of Q4 2075 still in that day's trailing year.
    const figureOn = async (asOf: string) =>
      (await http.get('/targets/output-large-tonnage').query({ asOf, knowledge: 'then' }).expect(200)).body.current;
    expect(await figureOn('2076-09-30')).toBe('58');
    expect(await figureOn('2076-10-01')).toBe('67');
  });

  it('reads through connections that never JIT-compile a query (compiling cost a history query seconds)', async () => {
    const [setting] = await monitoring.query<{ jit: string }>(`SELECT current_setting('jit') AS jit`);
    expect(setting.jit).toBe('off');
  });
});
