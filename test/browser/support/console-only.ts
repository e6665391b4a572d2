import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page, Request, Route } from 'playwright-core';
import { type Browser, openBrowser } from './browser';

/**
 * The built console alone, its API answered by the test: for what the whole
 * platform cannot be made to do on cue (a token expiring mid-page, a refresh
 * throttled, a service failing, a download refused).
 */

/** `dist/console` by default; REDMET_CONSOLE_DIR serves another build (`vite build --outDir`). */
const CONSOLE_DIR = path.resolve(process.env.REDMET_CONSOLE_DIR ?? path.join(__dirname, '../../../dist/console'));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves the built console as the gateway does: files by path, `index.html` for every other page address. */
export async function serveConsole(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const wanted = path.join(CONSOLE_DIR, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = wanted.startsWith(CONSOLE_DIR) && path.extname(wanted) ? wanted : path.join(CONSOLE_DIR, 'index.html');
    readFile(file).then(
      (body) =>
        response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a describe block: the console served alone for its tests, and a fresh
 * browser for each whose page must end without an error. Registers the hooks;
 * read `site` and `browser` inside the tests.
 */
export function consoleOnly(): { readonly site: { url: string }; readonly browser: Browser } {
  const state = {} as { site: Awaited<ReturnType<typeof serveConsole>>; browser: Browser };
  beforeAll(async () => {
    state.site = await serveConsole();
  });
  afterAll(async () => {
    await state.site.close();
  });
  beforeEach(async () => {
    state.browser = await openBrowser();
  });
  afterEach(async () => {
    await state.browser.close();
    expect(state.browser.errors).toEqual([]);
  });
  return state;
}

/** A claim as subsidy-processing answers it: a producer's draft for 2026-Q1 with nothing decided, `changes` on top. */
export function claimAnswer<C extends Record<string, unknown>>(changes: C & { id: string }) {
  return {
    companyId: 'c-1',
    programmeYear: 2026,
    period: '2026-Q1',
    state: 'draft',
    reportIds: [],
    noTaxArrears: true,
    notInLiquidation: true,
    annualRevenueKopecks: null as string | null,
    computedKopecks: '0',
    requestedKopecks: '0',
    approvedKopecks: null as string | null,
    originallyApprovedKopecks: null,
    approvalAdjustmentReason: null,
    paidKopecks: null as string | null,
    assignedTo: null,
    needsAnotherOfficer: false,
    firstApproval: null,
    decidedBy: null,
    decisionReason: null,
    missingItems: [],
    paymentScheduledOn: null as string | null,
    paidOn: null as string | null,
    clawbackKopecks: null as string | null,
    clawbackReason: null as string | null,
    clawbackDueOn: null as string | null,
    clawbackOutstandingKopecks: null as string | null,
    clawbackSettledKopecks: null as string | null,
    clawbackRefundedKopecks: null as string | null,
    clawbackRefundDueKopecks: '0',
    createdBy: 'u-producer',
    lastEditedBy: 'u-producer',
    editedBy: ['u-producer'],
    submittedAt: null as string | null,
    createdAt: '2026-04-02T09:00:00Z',
    updatedAt: '2026-04-02T09:00:00Z',
    lines: [],
    ...changes,
  };
}

/** An open warning as target-monitoring lists it, with nothing acknowledged, escalated or resolved; `changes` on top. */
export function alertAnswer<C extends Record<string, unknown>>(changes: C & { alertId: string; ruleId: string }) {
  return {
    subject: 'target:import-dependence',
    severity: 'warning',
    state: 'open',
    title: '',
    message: '',
    raisedAt: '2026-04-02T09:00:00Z',
    silenced: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgementComment: null,
    escalatedAt: null,
    resolvedAt: null,
    ...changes,
  };
}

/** `GET /claims/:id/review` of a claim relying on no report, in a programme year with money to spare and no second approval needed. */
export function reviewAnswer(claim: object): Reply {
  const budget = {
    year: 2026,
    totalKopecks: '100000000000',
    committedKopecks: '0',
    availableKopecks: '100000000000',
    utilisationPercent: '0',
  };
  return { json: { claim, reports: [], budget, fourEyes: { thresholdKopecks: '1000000000', required: false } } };
}

export interface Reply {
  status?: number;
  json?: unknown;
  /** Instead of `json`: a body as is. */
  body?: string | Buffer;
  contentType?: string;
  /** The connection fails: what the browser sees when the network is down. */
  fail?: boolean;
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

export const problem = (status: number, code: string, detail = '', errors: unknown[] = []): Reply => ({
  status,
  contentType: 'application/problem+json',
  json: { status, code, detail, errors, correlationId: 'corr-1' },
});

/**
 * Answers `/api/...` from `handlers`, keyed `METHOD /path` (no query). Every
 * call is recorded with its bearer token; one no handler answers is a 404 and
 * is listed in `unanswered`, which a test expects empty.
 */
export async function mockGateway(page: Page, handlers: Record<string, Handler>) {
  const calls: { key: string; token: string | null }[] = [];
  const unanswered: string[] = [];
  await page.route('**/api/**', async (route: Route, request: Request) => {
    const key = `${request.method()} ${new URL(request.url()).pathname}`;
    calls.push({ key, token: request.headers().authorization?.replace('Bearer ', '') ?? null });
    const handler = handlers[key];
    if (!handler) unanswered.push(key);
    const reply = handler ? await handler(request) : problem(404, 'RESOURCE.NOT_FOUND');
    if (reply.fail) return route.abort('failed');
    await route.fulfill({
      status: reply.status ?? 200,
      contentType: reply.contentType ?? 'application/json',
      body: reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json)),
    });
  });
  return { calls, unanswered };
}

/** The users the console-only tests sign in as, as `GET /api/auth/me` answers them. */
export const PRODUCER = { userId: 'u-producer', name: 'Producer', roles: ['producer'], companyId: 'c-1' };
export const OFFICER = { userId: 'u-officer', name: 'Officer', roles: ['subsidy_officer'], companyId: null };
export const FINANCE = { userId: 'u-finance', name: 'Finance', roles: ['finance_officer'], companyId: null };
export const ANALYST = { userId: 'u-analyst', name: 'Analyst', roles: ['ministry_analyst'], companyId: null };
export const ADMIN = { userId: 'u-admin', name: 'Admin', roles: ['admin'], companyId: null };

/** The gateway's answer to a sign-in or refresh. */
export const tokens = (accessToken: string, refreshToken: string): Reply => ({
  json: { accessToken, refreshToken, expiresIn: 900 },
});

/** A gateway that signs `user` in and answers `handlers`. */
export function signedInAs(user: object, handlers: Record<string, Handler> = {}): Record<string, Handler> {
  return { 'POST /api/auth/login': () => tokens('a1', 'r1'), 'GET /api/auth/me': () => ({ json: user }), ...handlers };
}

/** A gateway that signs `user` in at claim `claimId`'s page, `claim` answering the claim; `handlers` change or add answers. */
export function atClaim(
  user: object,
  claimId: string,
  claim: Handler,
  handlers: Record<string, Handler> = {},
): Record<string, Handler> {
  const claimPath = `/api/subsidy/claims/${claimId}`;
  return signedInAs(user, { [`GET ${claimPath}`]: claim, ...noDocumentsOrComments(claimPath), ...handlers });
}

/** A gateway that signs `user` in at claim `claimId`'s review, `review` answering it; `handlers` change or add answers. */
export function atReview(
  user: object,
  claimId: string,
  review: Handler,
  handlers: Record<string, Handler> = {},
): Record<string, Handler> {
  const claimPath = `/api/subsidy/claims/${claimId}`;
  return signedInAs(user, { [`GET ${claimPath}/review`]: review, ...noDocumentsOrComments(claimPath), ...handlers });
}

/** Both lists a claim's page asks for besides the claim, empty. */
function noDocumentsOrComments(claimPath: string): Record<string, Handler> {
  return { [`GET ${claimPath}/documents`]: () => ({ json: [] }), [`GET ${claimPath}/comments`]: () => ({ json: [] }) };
}

/** Signs in through the login form with any password; the test's handlers decide what the gateway says. */
export async function signInAs(page: Page, url: string, username = 'someone'): Promise<void> {
  await page.goto(url);
  await signInHere(page, username);
}

/** Signs in through the login form the page shows now, wherever it is. */
export async function signInHere(page: Page, username = 'someone'): Promise<void> {
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill('password');
  await page.getByRole('button', { name: 'Войти' }).click();
}
