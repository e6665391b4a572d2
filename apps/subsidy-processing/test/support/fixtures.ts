import { randomUUID } from 'node:crypto';
import {
  CompanyRegistered,
  LicenceIssued,
  ReportAccepted,
  type ReportLine,
  type ReportVersionSnapshot,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { type Caller, startSubsidy, type SubsidyTestApp } from './subsidy-app';

export const OFFICER_1: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-smirnov', name: 'I. Smirnov' };
export const OFFICER_2: Caller = { roles: ['subsidy_officer'], userId: 'u-officer-volkova', name: 'O. Volkova' };
export const FINANCE: Caller = { roles: ['finance_officer'], userId: 'u-finance-orlova', name: 'E. Orlova' };
export const ADMIN: Caller = { roles: ['admin'], userId: 'u-admin' };

/** The smallest file the service takes as a PDF document. */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Every rule of a programme year's first version, as the 2026 seed has them but for the year's own days. */
export function firstVersion(days: { effectiveFrom: string; claimCutoff: string; resultsDueOn: string }) {
  return {
    ...days,
    reason: 'Pilot year',
    totalKopecks: '50000000000',
    eligibleProductCodes: ['RE-COMPOUNDS'],
    rates: {
      equipment: '0.5',
      processing: '0.3',
      energy: '0.3',
      transport_logistics: '0.5',
      rnd: '0.7',
      buyer_discount: '0.35',
    },
    companyCapKopecks: '15000000000',
    fourEyesThresholdKopecks: '1000000000',
    minRevenueMultiple: '2',
    clawbackBasis: 'metal_content',
    clawbackMultiplier: '1',
    clawbackDueWorkingDays: 10,
  };
}

export function producerOf(companyId: string): Caller {
  return { roles: ['producer'], userId: `u-producer-${companyId.slice(0, 8)}`, companyId, name: 'A. Petrova' };
}

/** Companies known to the service's registry copy, each with a licence in force: published, then awaited. */
export async function registerCompanies(subsidy: SubsidyTestApp, count: number): Promise<string[]> {
  const companies = Array.from({ length: count }, () => randomUUID());
  const company = samplePayload(CompanyRegistered);
  const licence = samplePayload(LicenceIssued);
  await subsidy.publishMany(
    CompanyRegistered,
    companies.map((companyId) => [
      companyId,
      { ...company, companyId, legalName: `Test REE producer ${companyId.slice(0, 8)}` },
    ]),
  );
  await subsidy.publishMany(
    LicenceIssued,
    companies.map((companyId) => {
      const licenceId = randomUUID();
      return [
        licenceId,
        {
          ...licence,
          licenceId,
          number: `MUR ${licenceId.slice(0, 8)}`,
          holderCompanyId: companyId,
          depositId: randomUUID(),
        },
      ];
    }),
  );
  await waitFor(
    async () => {
      const [row] = await subsidy.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM registry_licence WHERE holder_company_id = ANY($1)`,
        [companies],
      );
      const [known] = await subsidy.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM registry_company WHERE company_id = ANY($1)`,
        [companies],
      );
      return row.n === count && known.n === count;
    },
    { description: `${count} companies with licences in the registry view`, timeoutMs: 90000 },
  );
  return companies;
}

/** What a suite works with: the service, and companies the registry knows, each with an accepted 2026-Q1 report. */
export interface SubsidyWorld {
  subsidy: SubsidyTestApp;
  companies: string[];
  /** Each company's accepted 2026-Q1 report, by company. */
  reports: Map<string, string>;
}

/**
 * Starts the service with `environment`, and registers `companies` companies (none if not given) with their reports,
 * before the suite's tests; stops it after. Its fields are set once the suite's first beforeAll has run: read them
 * in hooks and tests, not while declaring.
 */
export function useSubsidyWorld({
  companies = 0,
  environment = {},
}: { companies?: number; environment?: Record<string, string> } = {}): SubsidyWorld {
  const suite = { companies: [] as string[], reports: new Map<string, string>() } as SubsidyWorld;
  beforeAll(async () => {
    suite.subsidy = await startSubsidy(environment);
    if (companies === 0) return;
    suite.companies = await registerCompanies(suite.subsidy, companies);
    suite.reports = await acceptedReports(suite.subsidy, suite.companies);
  });
  afterAll(async () => {
    await suite.subsidy?.close();
  });
  return suite;
}

export function reportLine(metalContentTonnes = '645.15', quantity = '2150.5'): ReportLine {
  return {
    lineNo: 1,
    productCode: 'RE-COMPOUNDS',
    tonnageClass: 'small',
    quantity,
    unit: 't',
    metalContentTonnes,
    domesticShipments: quantity,
    exports: '0',
  };
}

export function reportVersion(
  companyId: string,
  overrides: Partial<ReportVersionSnapshot> = {},
): ReportVersionSnapshot {
  return {
    ...samplePayload(ReportAccepted),
    reportId: randomUUID(),
    companyId,
    period: '2026-Q1',
    version: 1,
    lines: [reportLine()],
    ...overrides,
  };
}

/** Waits until the service's report copy holds the version in the given state. */
export function reportRecorded(
  subsidy: SubsidyTestApp,
  reportId: string,
  version: number,
  state: string,
): Promise<true> {
  return waitFor(
    async () => {
      const rows = await subsidy.sql(
        `SELECT 1 FROM report_version WHERE report_id = $1 AND version = $2 AND state = $3`,
        [reportId, version, state],
      );
      return rows.length === 1 || undefined;
    },
    { description: `report ${reportId} v${version} ${state}`, timeoutMs: 45000 },
  );
}

/** One accepted report per company for 2026-Q1, published together and awaited. */
export async function acceptedReports(subsidy: SubsidyTestApp, companies: string[]): Promise<Map<string, string>> {
  const reports = companies.map((companyId) => reportVersion(companyId));
  await subsidy.publishMany(
    ReportAccepted,
    reports.map((report) => [report.reportId, report]),
  );
  await waitFor(
    async () => {
      const [row] = await subsidy.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM report_version WHERE report_id = ANY($1) AND state = 'accepted'`,
        [reports.map((report) => report.reportId)],
      );
      return row.n === reports.length;
    },
    { description: `${reports.length} accepted reports`, timeoutMs: 90000 },
  );
  return new Map(reports.map((report) => [report.companyId, report.reportId]));
}

/** A discount line of `quantity` t of RE-COMPOUNDS sold 500 000 RUB/t below the sales policy: 35% of that is claimed. */
export function discountLine(quantity = '10', documentNumber = `INV-${randomUUID().slice(0, 8)}`) {
  return {
    basis: 'discount',
    productCode: 'RE-COMPOUNDS',
    quantity,
    policyPriceKopecks: '250000000',
    invoicedPriceKopecks: '200000000',
    buyerName: 'Magnit-Ural JSC',
    buyerInn: '7707083893',
    documentNumber,
  };
}

export function claimBody(reportId: string, overrides: Record<string, unknown> = {}) {
  return {
    period: '2026-Q1',
    lines: [discountLine()],
    reportIds: [reportId],
    noTaxArrears: true,
    notInLiquidation: true,
    annualRevenueKopecks: '100000000000',
    ...overrides,
  };
}

/** Creates and submits a claim as the company's producer; fails loudly if either step is refused. */
export async function submittedClaim(
  subsidy: SubsidyTestApp,
  companyId: string,
  reportId: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, string>> {
  const producer = await subsidy.as(producerOf(companyId));
  const created = await producer.post('/claims').send(claimBody(reportId, overrides));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await producer.post(`/claims/${created.body.id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return submitted.body;
}

/** A submitted claim taken and approved in full by OFFICER_1 (below the four-eyes threshold). */
export async function approvedClaim(subsidy: SubsidyTestApp, companyId: string, reportId: string): Promise<string> {
  const claim = await submittedClaim(subsidy, companyId, reportId);
  const officer = await subsidy.as(OFFICER_1);
  await officer.post(`/claims/${claim.id}/take`);
  const approved = await officer.post(`/claims/${claim.id}/approve`).send({});
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return claim.id;
}

/** An approved claim paid by FINANCE on `paidOn`. */
export async function paidClaim(
  subsidy: SubsidyTestApp,
  companyId: string,
  reportId: string,
  payment: { paidOn: string; reference: string },
): Promise<string> {
  const id = await approvedClaim(subsidy, companyId, reportId);
  const paid = await (await subsidy.as(FINANCE)).post(`/claims/${id}/pay`).send(payment);
  if (paid.body.state !== 'paid') throw new Error(`pay: ${paid.status} ${JSON.stringify(paid.body)}`);
  return id;
}

/** What the 2026 budget has committed now, in kopecks. */
/** One claim's worth of the 2026 programme: 10 t × 500 000 RUB discount × 35%. */
export const ONE_CLAIM_CAP = 175000000n;

/** A 2026 version from the year's start capping each company at one claim's worth. */
export async function capAtOneClaim(subsidy: SubsidyTestApp): Promise<void> {
  const cap = await (
    await subsidy.as(ADMIN)
  )
    .post('/programmes/2026/versions')
    .send({ effectiveFrom: '2026-01-01', reason: 'A cap of one claim', companyCapKopecks: ONE_CLAIM_CAP.toString() });
  if (cap.status !== 201) throw new Error(`cap: ${cap.status} ${JSON.stringify(cap.body)}`);
}

export async function committed2026(subsidy: SubsidyTestApp): Promise<bigint> {
  const [row] = await subsidy.sql<{ committed: string }>(
    `SELECT committed_kopecks AS committed FROM programme WHERE year = 2026`,
  );
  return BigInt(row.committed);
}

/** The amounts of every BudgetReleased in the outbox for one claim, oldest first. */
export async function budgetReleases(subsidy: SubsidyTestApp, claimId: string): Promise<string[]> {
  const rows = await subsidy.sql<{ amount: string }>(
    `SELECT envelope -> 'payload' ->> 'amountKopecks' AS amount FROM outbox_message
      WHERE event_type = 'BudgetReleased' AND envelope -> 'payload' ->> 'claimId' = $1 ORDER BY id`,
    [claimId],
  );
  return rows.map((row) => row.amount);
}

/** Everything of a claim a request could change: the row, its lines, documents, comments, audit entries, events. */
export async function claimFootprint(subsidy: SubsidyTestApp, claimId: string) {
  return {
    claim: await subsidy.sql(`SELECT to_jsonb(c) AS row FROM claim c WHERE id = $1`, [claimId]),
    lines: await subsidy.sql(`SELECT to_jsonb(l) AS row FROM claim_line l WHERE claim_id = $1 ORDER BY line_no`, [
      claimId,
    ]),
    documents: await subsidy.sql(`SELECT id FROM claim_document WHERE claim_id = $1 ORDER BY id`, [claimId]),
    comments: await subsidy.sql(`SELECT id FROM claim_comment WHERE claim_id = $1 ORDER BY id`, [claimId]),
    audit: await subsidy.sql(`SELECT id FROM audit_entry WHERE subject_id = $1 ORDER BY id`, [claimId]),
    events: await subsidy.eventsOf(claimId),
  };
}

/** Resolves once `count` sessions of the service's database wait on a lock: requests held where the test wants them. */
export function sessionsWaitingOnLocks(subsidy: SubsidyTestApp, count: number): Promise<true> {
  return waitFor(
    async () => {
      const [row] = await subsidy.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return row.n >= count;
    },
    { description: `${count} sessions waiting on a lock` },
  );
}
