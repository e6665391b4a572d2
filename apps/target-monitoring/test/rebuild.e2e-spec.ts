import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimClawbackReduced,
  ClaimClawbackRepaid,
  ClaimPaid,
  ClaimSubmitted,
  CompanyRegistered,
  CompanyUpdated,
  DepositRegistered,
  DepositUpdated,
  FacilityRegistered,
  FacilityUpdated,
  ProductAdded,
  ProductUpdated,
  ReportAccepted,
  ReportingDeadlineMissed,
  ReportRejected,
  type ReportVersionSnapshot,
  UserAccessChanged,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { rebuildProjections } from '../src/rebuild/rebuild';
import { acceptedReport, facility, lines, product } from './support/builders';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(300_000);

/** Hours apart, so that versions become known and are replaced on different days. */
const at = (hours: number) => new Date(Date.UTC(2078, 0, 1) + hours * 3_600_000).toISOString();

/** The projections' rows for this test's identifiers, numbers without trailing zeros, rows of all zeros left out. */
interface Ids {
  reports: string[];
  products: string[];
  claims: string[];
  year: number;
  companies: string[];
  deposits: string[];
  users: string[];
}

const SNAPSHOT: Record<string, [string, (ids: Ids) => unknown[]]> = {
  report_version: [
    `SELECT * FROM report_version WHERE report_id = ANY($1) ORDER BY report_id, version`,
    (ids) => [ids.reports],
  ],
  report_line_fact: [
    `SELECT report_id, version, line_no, company_id, site_id, region, period, product_code, tonnage_class,
      trim_scale(quantity_t) q, trim_scale(metal_t) m, trim_scale(exports_t) e, known_from, known_to
      FROM report_line_fact WHERE report_id = ANY($1) ORDER BY report_id, version, line_no`,
    (ids) => [ids.reports],
  ],
  output_month: [
    `SELECT month, product_code, tonnage_class, company_id, region, trim_scale(quantity_t) q, trim_scale(metal_t) m,
      trim_scale(domestic_t) d, trim_scale(exports_t) e, lines FROM output_month
      WHERE product_code = ANY($1) AND (quantity_t, metal_t, domestic_t, exports_t, lines) <> (0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4, 5`,
    (ids) => [ids.products],
  ],
  output_month_product: [
    `SELECT month, product_code, tonnage_class, trim_scale(quantity_t) q, trim_scale(metal_t) m, lines
      FROM output_month_product WHERE product_code = ANY($1) AND (quantity_t, metal_t, lines) <> (0, 0, 0)
      ORDER BY 1, 2, 3`,
    (ids) => [ids.products],
  ],
  // Changes a day cancelled out (a version replaced the day it became known) may stay behind as zeros live.
  output_month_known: [
    `SELECT month, product_code, tonnage_class, known_on, trim_scale(quantity_t) q, trim_scale(metal_t) m,
      trim_scale(domestic_t) d, trim_scale(exports_t) e, lines FROM output_month_known
      WHERE product_code = ANY($1) AND (quantity_t, metal_t, domestic_t, exports_t, lines) <> (0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4`,
    (ids) => [ids.products],
  ],
  output_month_company_known: [
    `SELECT month, tonnage_class, company_id, region, known_on, trim_scale(quantity_t) q, trim_scale(metal_t) m,
      trim_scale(domestic_t) d, trim_scale(exports_t) e, lines FROM output_month_company_known
      WHERE company_id = ANY($1) AND (quantity_t, metal_t, domestic_t, exports_t, lines) <> (0, 0, 0, 0, 0)
      ORDER BY 1, 2, 3, 4, 5`,
    (ids) => [ids.companies],
  ],
  subsidy_claim: [`SELECT * FROM subsidy_claim WHERE claim_id = ANY($1) ORDER BY claim_id`, (ids) => [ids.claims]],
  subsidy_claim_version: [
    `SELECT * FROM subsidy_claim_version WHERE claim_id = ANY($1) ORDER BY claim_id, version`,
    (ids) => [ids.claims],
  ],
  subsidy_budget_version: [
    `SELECT event_id, programme_year, total_kopecks, committed_kopecks, utilisation_percent, as_of, budget_version
      FROM subsidy_budget_version WHERE programme_year = $1 ORDER BY as_of, budget_version, event_id`,
    (ids) => [ids.year],
  ],
  subsidy_budget: [
    // The event standing too: a tie the rule breaks by arrival would show here first.
    `SELECT programme_year, total_kopecks, committed_kopecks, utilisation_percent, as_of, event_id, budget_version
      FROM subsidy_budget WHERE programme_year = $1`,
    (ids) => [ids.year],
  ],
  missed_deadline: [
    `SELECT * FROM missed_deadline WHERE company_id = ANY($1) ORDER BY obligation_id`,
    (ids) => [ids.companies],
  ],
  registry_product: [`SELECT * FROM registry_product WHERE code = ANY($1) ORDER BY code`, (ids) => [ids.products]],
  product_class: [
    `SELECT * FROM product_class WHERE product_code = ANY($1) ORDER BY product_code, version`,
    (ids) => [ids.products],
  ],
  product_version: [
    `SELECT * FROM product_version WHERE product_code = ANY($1) ORDER BY product_code, version`,
    (ids) => [ids.products],
  ],
  company_version: [
    `SELECT * FROM company_version WHERE company_id = ANY($1) ORDER BY company_id, version`,
    (ids) => [ids.companies],
  ],
  deposit_version: [
    `SELECT * FROM deposit_version WHERE deposit_id = ANY($1) ORDER BY deposit_id, version`,
    (ids) => [ids.deposits],
  ],
  registry_facility: [
    `SELECT * FROM registry_facility WHERE operator_company_id = ANY($1) ORDER BY facility_id`,
    (ids) => [ids.companies],
  ],
  facility_version: [
    `SELECT v.* FROM facility_version v JOIN registry_facility f USING (facility_id)
      WHERE f.operator_company_id = ANY($1) ORDER BY facility_id, version`,
    (ids) => [ids.companies],
  ],
  config_version: [`SELECT key, version, value FROM config_version ORDER BY key, version`, () => []],
  user_access: [`SELECT * FROM user_access WHERE user_id = ANY($1) ORDER BY user_id`, (ids) => [ids.users]],
};

describe('rebuilding the projections from Kafka', () => {
  let monitoring: MonitoringTestApp;
  const companies = [randomUUID(), randomUUID()];
  const deposit = { ...samplePayload(DepositRegistered), depositId: randomUUID() };
  const plant = facility({
    operatorCompanyId: companies[0],
    status: 'commissioned',
    statusSince: '2077-02-01',
    commissionedOn: '2077-02-01',
    restartOf: randomUUID(),
  });
  const products = [
    product({ tonnageClass: 'large' }),
    product({ tonnageClass: 'small' }),
    product({ tonnageClass: 'large' }),
  ];
  const reports: ReportVersionSnapshot[] = [];
  const claimIds = [randomUUID(), randomUUID()];
  const users = [`u-${randomUUID()}`, `u-${randomUUID()}`];
  const year = 2060 + Math.floor(Math.random() * 30);
  const published: { eventId: string }[] = [];

  beforeAll(async () => {
    monitoring = await startMonitoring();
    // Its deliveries are owned data the rebuild copies, with their generated destination.
    const admin = await monitoring.http('admin');
    await admin
      .post('/subscriptions/webhooks')
      .send({ url: 'http://127.0.0.1:9/hooks', description: 'Rebuild test receiver' })
      .expect(201);
    await publishHistory();
    await monitoring.processed(...published);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  /** A realistic history: amendments, rejected amendments, nil returns, duplicates and out-of-order arrivals. */
  async function publishHistory(): Promise<void> {
    const send = async (...args: Parameters<MonitoringTestApp['publish']>) => {
      const event = await monitoring.publish(...args);
      if (!['ReportRejected'].includes(event.type)) published.push(event);
      return event;
    };
    const [first, second, third] = products;
    await send(ProductUpdated, first.code, { ...first, name: 'Renamed', version: 2 });
    for (const p of products) await send(ProductAdded, p.code, p);
    // The plant's rename arrives before its registration: both versions are kept, each from its own time.
    await send(
      FacilityUpdated,
      plant.facilityId,
      { ...plant, name: 'Renamed plant', version: 2 },
      {
        occurredAt: '2077-03-01T08:00:00.000Z',
      },
    );
    await send(FacilityRegistered, plant.facilityId, plant, { occurredAt: '2077-01-20T08:00:00.000Z' });
    // The names of the company and the deposit as known on a past day likewise, a rename arriving first too.
    const company = { ...samplePayload(CompanyRegistered), companyId: companies[0] };
    await send(
      CompanyUpdated,
      company.companyId,
      { ...company, legalName: 'Renamed company', version: 2 },
      { occurredAt: '2077-03-01T08:00:00.000Z' },
    );
    await send(CompanyRegistered, company.companyId, company, { occurredAt: '2077-01-10T08:00:00.000Z' });
    await send(DepositRegistered, deposit.depositId, deposit, { occurredAt: '2077-01-10T08:00:00.000Z' });
    await send(
      DepositUpdated,
      deposit.depositId,
      { ...deposit, name: 'Renamed deposit', version: 2 },
      { occurredAt: '2077-03-01T08:00:00.000Z' },
    );
    let hour = 0;
    for (const [index, period] of ['2077-01', '2077-02', '2077-03', '2077-Q2', '2077-Q3', '2077-Q4'].entries()) {
      for (const companyId of companies) {
        const report = acceptedReport({
          companyId,
          facilityId: index % 2 === 0 ? plant.facilityId : null,
          period,
          lines: lines(
            { productCode: first.code, quantity: String(100 + index * 7), metal: String(18.8 + index), exports: '10' },
            { productCode: second.code, quantity: '12.5', metal: '10.1', tonnageClass: 'small' },
          ),
        });
        reports.push(report);
        await send(ReportAccepted, report.reportId, report, { occurredAt: at((hour += 10)) });
      }
    }
    // Amendments: one replaces a product, one arrives before the version it amends, one is a nil return.
    const [a, b, c, d] = reports;
    await send(
      ReportAccepted,
      a.reportId,
      { ...a, version: 2, lines: lines({ productCode: third.code, quantity: '77', metal: '7.7' }) },
      { occurredAt: at(500) },
    );
    await send(
      ReportAccepted,
      b.reportId,
      { ...b, version: 3, lines: lines({ productCode: first.code, quantity: '33', metal: '3.3' }) },
      { occurredAt: at(620) },
    );
    await send(
      ReportAccepted,
      b.reportId,
      { ...b, version: 2, lines: lines({ productCode: first.code, quantity: '55', metal: '5.5' }) },
      { occurredAt: at(610) },
    );
    await send(ReportAccepted, c.reportId, { ...c, version: 2, nilReturn: true, lines: [] }, { occurredAt: at(630) });
    // A reclassification (small to large) of a product with a report known long before it, then an amendment.
    // Of a year no other test reports: every test's service reads these events.
    const early = acceptedReport({
      companyId: companies[1],
      period: '2002-05',
      lines: lines({ productCode: second.code, quantity: '5', metal: '1', tonnageClass: 'small' }),
    });
    reports.push(early);
    await send(ReportAccepted, early.reportId, early, { occurredAt: '2002-06-10T09:00:00.000Z' });
    await send(ProductUpdated, second.code, { ...second, tonnageClass: 'large', version: 2 });
    const e = reports[4];
    await send(
      ReportAccepted,
      e.reportId,
      {
        ...e,
        version: 2,
        lines: lines({ productCode: second.code, quantity: '11', metal: '9', tonnageClass: 'small' }),
      },
      { occurredAt: at(650) },
    );
    await send(ReportRejected, d.reportId, {
      ...samplePayload(ReportRejected),
      ...d,
      version: 2,
      state: 'rejected',
      lines: [],
    });
    // Duplicates: the same event twice, and the same version again under a new event id.
    const again = await send(ReportAccepted, d.reportId, d, { occurredAt: at(640) });
    await monitoring.publish(ReportAccepted, d.reportId, d, { eventId: again.eventId, occurredAt: at(640) });
    // Subsidy: claims whose events arrive out of order, and a budget over several changes.
    for (const [index, claimId] of claimIds.entries()) {
      const claim = {
        ...samplePayload(ClaimSubmitted),
        claimId,
        companyId: companies[index],
        programmeYear: year,
        reportIds: [reports[index].reportId],
      };
      await send(ClaimPaid, claimId, {
        ...samplePayload(ClaimPaid),
        ...claim,
        state: 'paid',
        approvedKopecks: '900000',
        paidKopecks: '900000',
        version: 5,
      });
      await send(ClaimApproved, claimId, {
        ...samplePayload(ClaimApproved),
        ...claim,
        approvedKopecks: '900000',
        version: 4,
      });
      await send(ClaimSubmitted, claimId, claim);
    }
    await send(ClaimClawbackDemanded, claimIds[0], {
      ...samplePayload(ClaimClawbackDemanded),
      claimId: claimIds[0],
      companyId: companies[0],
      programmeYear: year,
      reportIds: [reports[0].reportId],
      clawbackKopecks: '12345',
      version: 6,
    });
    // Then lowered to what was repaid by then (settling it), arriving before the repayments: a demand can come down.
    await send(ClaimClawbackReduced, claimIds[0], {
      ...samplePayload(ClaimClawbackReduced),
      claimId: claimIds[0],
      companyId: companies[0],
      programmeYear: year,
      reportIds: [reports[0].reportId],
      state: 'clawed_back',
      previousClawbackKopecks: '12345',
      clawbackKopecks: '9000',
      repaidKopecks: '9000',
      outstandingKopecks: '0',
      dueOn: null,
      version: 9,
    });
    // Repaid in two parts: each carries the running total.
    for (const [version, repaidKopecks] of [
      [7, '5000'],
      [8, '9000'],
    ] as const) {
      await send(ClaimClawbackRepaid, claimIds[0], {
        ...samplePayload(ClaimClawbackRepaid),
        claimId: claimIds[0],
        companyId: companies[0],
        programmeYear: year,
        reportIds: [reports[0].reportId],
        state: 'under_clawback',
        clawbackKopecks: '12345',
        repaidKopecks,
        outstandingKopecks: String(12345 - Number(repaidKopecks)),
        version,
      });
    }
    const budget = { ...samplePayload(BudgetReserved), programmeYear: year };
    await send(BudgetReserved, String(year), { ...budget, utilisationPercent: '40.00' }, { occurredAt: at(700) });
    await send(BudgetReserved, String(year), { ...budget, utilisationPercent: '92.00' }, { occurredAt: at(710) });
    await send(BudgetReleased, String(year), { ...budget, utilisationPercent: '81.50' }, { occurredAt: at(720) });
    const total = { ...samplePayload(BudgetTotalChanged), programmeYear: year, totalKopecks: '214000000000' };
    await send(BudgetTotalChanged, String(year), { ...total, utilisationPercent: '1.86' }, { occurredAt: at(730) });
    // A reservation from before the new total arriving after it (a dead letter replayed): older, so it changes nothing.
    await send(BudgetReserved, String(year), { ...budget, utilisationPercent: '99.00' }, { occurredAt: at(715) });
    const missed = {
      ...samplePayload(ReportingDeadlineMissed),
      companyId: companies[1],
      period: '2078-01',
      obligationId: `${companies[1]}:x:2078-01`,
    };
    await send(ReportingDeadlineMissed, missed.obligationId, missed);
    await send(ReportingDeadlineMissed, missed.obligationId, missed);
    // Accounts: one disabled then enabled, with a late copy of the disabling after; one losing its alert role.
    const [analyst, admin] = users.map((userId) => ({
      userId,
      roles: ['ministry_analyst'],
      companyId: null,
      disabled: false,
    }));
    await send(UserAccessChanged, analyst.userId, { ...analyst, version: 1 }, { occurredAt: at(800) });
    await send(UserAccessChanged, analyst.userId, { ...analyst, disabled: true, version: 2 }, { occurredAt: at(810) });
    await send(UserAccessChanged, analyst.userId, { ...analyst, version: 3 }, { occurredAt: at(820) });
    await send(UserAccessChanged, analyst.userId, { ...analyst, disabled: true, version: 2 }, { occurredAt: at(810) });
    await send(UserAccessChanged, admin.userId, { ...admin, roles: ['admin'], version: 1 }, { occurredAt: at(800) });
    await send(
      UserAccessChanged,
      admin.userId,
      { ...admin, roles: ['registry_admin'], version: 2 },
      { occurredAt: at(830) },
    );
  }

  async function snapshot(url: string): Promise<Record<string, unknown[]>> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const ids: Ids = {
        reports: reports.map((r) => r.reportId),
        products: products.map((p) => p.code),
        claims: claimIds,
        year,
        companies,
        deposits: [deposit.depositId],
        users,
      };
      const result: Record<string, unknown[]> = {};
      for (const [table, [sql, parameters]] of Object.entries(SNAPSHOT)) {
        result[table] = (await client.query(sql, parameters(ids))).rows;
      }
      return result;
    } finally {
      await client.end();
    }
  }

  async function query(url: string, sql: string): Promise<unknown[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** Every index's definition: the replay drops some while it writes and builds them again at the end. */
  const indexes = (url: string) =>
    query(url, `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`);

  it('rebuilds into a fresh database exactly the projections the live service built, and its indexes', async () => {
    const target = new URL(monitoring.database.url);
    target.pathname = `/${monitoring.database.name}_rebuilt`;
    // The missed deadline's alert queues a delivery to the webhook.
    await waitFor(async () => (await query(monitoring.database.url, 'SELECT 1 FROM alert_delivery')).length > 0, {
      description: 'a delivery queued',
    });
    try {
      const result = await rebuildProjections({
        liveDatabaseUrl: monitoring.database.url,
        targetDatabaseUrl: target.toString(),
        consumerGroup: `${monitoring.consumerGroup}-rebuild`,
        startOffsets: monitoring.startOffsets,
        logger: false,
      });
      expect(result.messages).toBeGreaterThanOrEqual(published.length);

      const [live, rebuilt] = [await snapshot(monitoring.database.url), await snapshot(target.toString())];
      expect(live.report_line_fact.length).toBeGreaterThan(20);
      // Amended lines counted out on a later day than they were counted in.
      expect(live.output_month_known).toContainEqual(expect.objectContaining({ q: expect.stringMatching(/^-/) }));
      expect(live.output_month_company_known).toContainEqual(
        expect.objectContaining({ company_id: companies[0], q: expect.stringMatching(/^-/) }),
      );
      // The reclassified product's lines are large now; as known then, moved out of small on the day it was learnt.
      expect(live.report_line_fact).not.toContainEqual(
        expect.objectContaining({ product_code: products[1].code, tonnage_class: 'small' }),
      );
      expect(live.output_month_known).toContainEqual(
        expect.objectContaining({ product_code: products[1].code, tonnage_class: 'small', q: '-5' }),
      );
      // The renamed product's first version arrived after its second: both are kept, each as the registry made it.
      expect(
        live.product_version.filter((row) => (row as { product_code: string }).product_code === products[0].code),
      ).toEqual([
        expect.objectContaining({ version: 1, name: products[0].name }),
        expect.objectContaining({ version: 2, name: 'Renamed' }),
      ]);
      // Each version keeps the closed plant it brings back (here one this service never heard of).
      expect(live.facility_version).toEqual([
        expect.objectContaining({
          version: 1,
          known_from: new Date('2077-01-20T08:00:00.000Z'),
          name: plant.name,
          restart_of: plant.restartOf,
        }),
        expect.objectContaining({
          version: 2,
          known_from: new Date('2077-03-01T08:00:00.000Z'),
          name: 'Renamed plant',
          restart_of: plant.restartOf,
        }),
      ]);
      for (const [table, name] of [
        ['company_version', 'legal_name'],
        ['deposit_version', 'name'],
      ]) {
        expect(live[table]).toEqual([
          expect.objectContaining({ version: 1, known_from: new Date('2077-01-10T08:00:00.000Z') }),
          expect.objectContaining({
            version: 2,
            known_from: new Date('2077-03-01T08:00:00.000Z'),
            [name]: expect.stringMatching(/^Renamed /),
          }),
        ]);
      }
      expect(live.subsidy_claim).toHaveLength(2);
      expect(live.subsidy_claim_version.length).toBeGreaterThan(live.subsidy_claim.length);
      expect(live.subsidy_claim).toContainEqual(
        expect.objectContaining({
          claim_id: claimIds[0],
          state: 'clawed_back',
          clawback_demanded_kopecks: '9000',
          clawed_back_kopecks: '9000',
        }),
      );
      expect(live.subsidy_budget).toEqual([
        expect.objectContaining({ total_kopecks: '214000000000', utilisation_percent: '1.86' }),
      ]);
      expect(live.user_access).toEqual(
        [
          { user_id: users[0], roles: ['ministry_analyst'], disabled: false, version: 3 },
          { user_id: users[1], roles: ['registry_admin'], disabled: false, version: 2 },
        ]
          .sort((x, y) => x.user_id.localeCompare(y.user_id))
          .map((row) => expect.objectContaining(row)),
      );
      expect(rebuilt).toEqual(live);
      const deliveries = `SELECT id, channel, recipient, destination FROM alert_delivery ORDER BY id`;
      const liveDeliveries = await query(monitoring.database.url, deliveries);
      expect(liveDeliveries).toContainEqual(expect.objectContaining({ destination: 'http://127.0.0.1:9/hooks' }));
      expect(await query(target.toString(), deliveries)).toEqual(liveDeliveries);
      const liveIndexes = await indexes(monitoring.database.url);
      expect(liveIndexes).toContainEqual(expect.objectContaining({ indexname: 'report_line_fact_current_site' }));
      expect(await indexes(target.toString())).toEqual(liveIndexes);
    } finally {
      const admin = new Client({ connectionString: monitoring.database.url.replace(/\/[^/]+$/, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${target.pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('drops the database of a rebuild that fails, so that half-built projections cannot be switched to', async () => {
    const target = new URL(monitoring.database.url);
    target.pathname = `/${monitoring.database.name}_failed`;
    const missingLive = new URL(monitoring.database.url);
    missingLive.pathname = `/${monitoring.database.name}_no_such_live`;
    const databases = async () => {
      const admin = new Client({ connectionString: monitoring.database.url.replace(/\/[^/]+$/, '/postgres') });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1`, [
          target.pathname.slice(1),
        ]);
        return rows.map((row) => row.datname);
      } finally {
        await admin.end();
      }
    };

    await expect(
      rebuildProjections({
        liveDatabaseUrl: missingLive.toString(),
        targetDatabaseUrl: target.toString(),
        consumerGroup: `${monitoring.consumerGroup}-failed-rebuild`,
        startOffsets: monitoring.startOffsets,
        logger: false,
      }),
    ).rejects.toThrow(/no_such_live/);
    expect(await databases()).toEqual([]);
  });
});
