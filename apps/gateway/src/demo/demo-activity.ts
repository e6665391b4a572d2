import { calendarDay, PlatformEnvironment } from '@redmet/platform';
import { DEMO_PASSWORD } from './demo-users';

/**
 * A year of activity for the demo accounts, made the way users make it: over
 * the gateway's public API, signed in as the demo producers, officers, finance
 * and ministry staff. Nothing is written to any database directly, so every
 * figure the console shows has gone through validation, the outbox, Kafka and
 * the consumers, as in production.
 *
 * - Lovozersky GOK reports each of the last ten months at the Lovozero
 *   deposit (rare-earth compounds and niobium pentoxide), amends one month and
 *   drops sharply in the last one (a sudden-drop alert for the ministry);
 * - Polar Lithium files nil returns for its development quarters, then its
 *   first pilot output;
 * - Lovozersky claims the subsidy for the two last quarters: the earlier claim
 *   is approved and paid, the later one (above the four-eyes threshold) waits
 *   in the officers' queue. Claims close on 1 December of their year, so from
 *   then until the next year's quarters have ended the admin first moves the
 *   cut-off of their year to the end of this one, as a new programme version
 *   saying why (the demo needs claims in every month);
 * - the ministry analyst loads a year of customs figures, so import
 *   dependence has data.
 *
 * Runs once: when Lovozersky already has reports, it does nothing.
 */

interface Session {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  companyId: string | null;
}

interface Page<T> {
  items: T[];
}

interface ReportAnswer {
  reportId: string;
  version: number;
  state: string;
}

interface ClaimAnswer {
  id: string;
  state: string;
}

export interface DemoActivity {
  skipped: boolean;
  reports: ReportAnswer[];
  claims: ClaimAnswer[];
  tradeRows: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function signIn(gatewayUrl: string, username: string): Promise<Session> {
  const send = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new DemoRequestError(method, path, response.status, text);
    return text ? JSON.parse(text) : undefined;
  };
  const { accessToken } = await send('POST', '/api/auth/login', null, { username, password: DEMO_PASSWORD });
  const me = await send('GET', '/api/auth/me', accessToken);
  return {
    call: (method, path, body) => send(method, path, accessToken, body),
    companyId: me.companyId ?? null,
  };
}

export class DemoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/**
 * Retries while the services catch up with each other's events: until the
 * answer is there, or while a refusal is one that `willPass` says will turn
 * into a yes once the events arrive.
 */
async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  willPass: (refusal: DemoRequestError) => boolean = () => false,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (!(error instanceof DemoRequestError) || !willPass(error)) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: gave up waiting${last ? ` (${String(last)})` : ''}`);
    await sleep(500);
  }
}

function month(now: Date, back: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function quarter(now: Date, back: number): string {
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

const monthsOf = (q: string) =>
  [1, 2, 3].map((i) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + i).padStart(2, '0')}`);

async function depositOf(session: Session): Promise<string> {
  const licences = await session.call<Page<{ depositId: string; type: string }>>(
    'GET',
    `/api/registry/licences?holderCompanyId=${session.companyId}&pageSize=50`,
  );
  const licence = licences.items.find((item) => item.type !== 'exploration');
  if (!licence) throw new Error(`company ${session.companyId} holds no production licence in the registry`);
  return licence.depositId;
}

/** Files (or amends) a report and waits until the registry view has let it be accepted. */
async function accepted(session: Session, filed: ReportAnswer): Promise<ReportAnswer> {
  if (filed.state === 'accepted') return filed;
  if (filed.state === 'rejected') throw new Error(`demo report ${filed.reportId} was rejected`);
  return eventually(`report ${filed.reportId} accepted`, async () => {
    const report = await session.call<ReportAnswer>('GET', `/api/reporting/reports/${filed.reportId}`);
    if (report.state === 'rejected') throw new Error(`demo report ${filed.reportId} was rejected`);
    return report.state === 'accepted' ? report : undefined;
  });
}

function line(productCode: string, quantity: number, metalShare: number, exportsShare: number) {
  const exports = Math.round(quantity * exportsShare * 1000) / 1000;
  return {
    productCode,
    quantity: quantity.toFixed(3),
    unit: 't',
    metalContentTonnes: (quantity * metalShare).toFixed(3),
    domesticShipments: (quantity - exports).toFixed(3),
    exports: exports.toFixed(3),
  };
}

async function lovozerskyReports(session: Session, now: Date): Promise<Map<string, ReportAnswer>> {
  const depositId = await depositOf(session);
  const byPeriod = new Map<string, ReportAnswer>();
  for (let back = 10; back >= 1; back -= 1) {
    const period = month(now, back);
    // A steady plant with a seasonal swing; the last month collapses (a flooded level, say).
    const [compounds, pentoxide] = back === 1 ? [14, 6] : [62 + ((back * 7) % 11), 24 + (back % 4)];
    const lines = [line('RE-COMPOUNDS', compounds, 0.42, 0.1), line('NB-PENTOXIDE', pentoxide, 0.69, 0.35)];
    const filed = await session.call<ReportAnswer>('POST', '/api/reporting/reports', {
      depositId,
      period,
      lines,
      submit: true,
    });
    byPeriod.set(period, await accepted(session, filed));
  }
  const corrected = month(now, 3);
  const original = byPeriod.get(corrected)!;
  const amended = await session.call<ReportAnswer>('POST', `/api/reporting/reports/${original.reportId}/amendments`, {
    lines: [line('RE-COMPOUNDS', 66.4, 0.41, 0.1), line('NB-PENTOXIDE', 25, 0.69, 0.35)],
    amendmentReason: 'Assay of the rare-earth compounds corrected after the laboratory recheck',
  });
  byPeriod.set(corrected, await accepted(session, amended));
  return byPeriod;
}

async function polarReports(session: Session, now: Date): Promise<ReportAnswer[]> {
  const depositId = await depositOf(session);
  const filed: ReportAnswer[] = [];
  for (const back of [3, 2, 1]) {
    // The mine is being built: nil returns, then the pilot plant's first lithium carbonate.
    const lines = back === 1 ? [line('LI-CARBONATE', 42, 0.188, 0)] : [];
    const answer = await session.call<ReportAnswer>('POST', '/api/reporting/reports', {
      depositId,
      period: quarter(now, back),
      lines,
      submit: true,
    });
    filed.push(await accepted(session, answer));
  }
  return filed;
}

function discount(quantity: string, documentNumber: string) {
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

/** What subsidy-processing answers until the registry's and reporting's events have reached it. */
const UNTIL_EVENTS_ARRIVE = [
  'CLAIM.REPORT_NOT_ACCEPTED',
  'CLAIM.COMPANY_NOT_ACTIVE',
  'CLAIM.NO_VALID_LICENCE_OR_FACILITY',
];

/** Creates and submits a claim, retrying the submission while subsidy-processing learns of the reports. */
async function submittedClaim(session: Session, period: string, reportIds: string[], lines: object[]) {
  const draft = await session.call<ClaimAnswer>('POST', '/api/subsidy/claims', {
    period,
    lines,
    reportIds,
    noTaxArrears: true,
    notInLiquidation: true,
    annualRevenueKopecks: '1850000000000',
  });
  return eventually(
    `claim ${draft.id} submitted`,
    () => session.call<ClaimAnswer>('POST', `/api/subsidy/claims/${draft.id}/submit`),
    (refusal) => UNTIL_EVENTS_ARRIVE.some((code) => refusal.body.includes(code)),
  );
}

interface ProgrammeAnswer {
  inForce: { claimCutoff: string } | null;
}

/** Keeps the claims of `years` open until the end of today's year, where their cut-off has passed. */
async function claimsOpen(gatewayUrl: string, years: number[], today: string): Promise<void> {
  const admin = await signIn(gatewayUrl, 'admin');
  for (const year of new Set(years)) {
    const programme = await admin.call<ProgrammeAnswer>('GET', `/api/subsidy/programmes/${year}`);
    const cutoff = programme.inForce?.claimCutoff;
    if (cutoff === undefined || cutoff >= today) continue;
    await admin.call('POST', `/api/subsidy/programmes/${year}/versions`, {
      effectiveFrom: today,
      claimCutoff: `${today.slice(0, 4)}-12-31`,
      reason: `Demo data: claims for ${year} kept open past ${cutoff} so that the demo has claims to review`,
    });
  }
}

async function lovozerskyClaims(
  gatewayUrl: string,
  producer: Session,
  reports: Map<string, ReportAnswer>,
  now: Date,
): Promise<ClaimAnswer[]> {
  const reportsOf = (q: string) =>
    monthsOf(q)
      .map((m) => reports.get(m)?.reportId)
      .filter((id) => id !== undefined);
  const [earlier, later] = [quarter(now, 2), quarter(now, 1)];
  // The services' day, not UTC's: between 00:00 and 03:00 Moscow time UTC's is yesterday, too late to schedule on.
  const today = calendarDay(now, process.env.TIME_ZONE || new PlatformEnvironment().TIME_ZONE);
  await claimsOpen(
    gatewayUrl,
    [earlier, later].map((q) => Number(q.slice(0, 4))),
    today,
  );
  const paidClaim = await submittedClaim(producer, earlier, reportsOf(earlier), [
    discount('10', `LVZ-${earlier}-INV-0412`),
    {
      basis: 'cost',
      category: 'energy',
      description: 'Electricity for the chemical-metallurgical shop',
      amountKopecks: '310000000',
      documentNumber: `LVZ-${earlier}-EN-07`,
    },
  ]);
  const officer = await signIn(gatewayUrl, 'officer.smirnov');
  await officer.call('POST', `/api/subsidy/claims/${paidClaim.id}/take`);
  await officer.call('POST', `/api/subsidy/claims/${paidClaim.id}/approve`, {});
  const finance = await signIn(gatewayUrl, 'finance.sokolov');
  await finance.call('POST', `/api/subsidy/claims/${paidClaim.id}/schedule-payment`, { scheduledOn: today });
  const paid = await finance.call<ClaimAnswer>('POST', `/api/subsidy/claims/${paidClaim.id}/pay`, {
    paidOn: today,
    reference: `PP-${earlier}-0031`,
  });
  // Above the four-eyes threshold: it waits for two officers.
  const waiting = await submittedClaim(producer, later, reportsOf(later), [discount('100', `LVZ-${later}-INV-0977`)]);
  return [paid, waiting];
}

/** A year of customs figures for the products the demo producers make (figures illustrative). */
async function customsFigures(gatewayUrl: string, now: Date): Promise<number> {
  const analyst = await signIn(gatewayUrl, 'analyst.orlova');
  const rows = [];
  for (let back = 12; back >= 1; back -= 1) {
    const period = month(now, back);
    rows.push(
      { flow: 'import', hsCode: '2846.90', productCode: 'RE-COMPOUNDS', period, quantity: '118.500', unit: 't' },
      { flow: 'export', hsCode: '2846.90', productCode: 'RE-COMPOUNDS', period, quantity: '6.400', unit: 't' },
      { flow: 'import', hsCode: '2836.91', productCode: 'LI-CARBONATE', period, quantity: '410.000', unit: 't' },
      { flow: 'export', hsCode: '2825.90', productCode: 'NB-PENTOXIDE', period, quantity: '8.900', unit: 't' },
    );
  }
  await analyst.call('POST', '/api/monitoring/trade-statistics', { rows });
  return rows.length;
}

export async function loadDemoActivity(gatewayUrl: string, now = new Date()): Promise<DemoActivity> {
  const lovozersky = await signIn(gatewayUrl, 'producer.lovozero');
  const existing = await lovozersky.call<Page<unknown>>('GET', `/api/reporting/reports?pageSize=1`);
  if (existing.items.length > 0) return { skipped: true, reports: [], claims: [], tradeRows: 0 };
  const byPeriod = await lovozerskyReports(lovozersky, now);
  const polar = await polarReports(await signIn(gatewayUrl, 'producer.polar'), now);
  const claims = await lovozerskyClaims(gatewayUrl, lovozersky, byPeriod, now);
  const tradeRows = await customsFigures(gatewayUrl, now);
  return { skipped: false, reports: [...byPeriod.values(), ...polar], claims, tradeRows };
}
