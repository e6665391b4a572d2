import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { adversarialValue, bodyFor, MALFORMED_BODIES } from './support/adversarial';
import { DatabaseFingerprint } from './support/fingerprint';
import { ROLES, type Role } from '@redmet/contracts';
import { TestAuth } from '@redmet/testing';
import { Platform, type ServiceName } from '../system/support/platform';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_PER_OPERATION = Number(process.env.FUZZ_SAMPLES ?? 25);
// Percent-encoded, a character takes up to 12 bytes: two values stay well within the header limit.
const MAX_QUERY_VALUE = 500;
const ALL: ServiceName[] = [
  'deposit-registry',
  'production-reporting',
  'subsidy-processing',
  'target-monitoring',
  'gateway',
];
const BUILT = ALL.filter((name) => existsSync(path.join(ROOT, 'dist/apps', name, 'apps', name, 'src/main.js')));
const DOCS: Record<ServiceName, string> = {
  'deposit-registry': '/docs/openapi.json',
  'production-reporting': '/docs/openapi.json',
  'subsidy-processing': '/docs/openapi.json',
  'target-monitoring': '/docs/openapi.json',
  gateway: '/api/gateway/docs/openapi.json',
};
/** A refused login is recorded on purpose (audit trail, failure count for lock-out). */
const RECORDS_REFUSALS = new Set(['/api/auth/login', '/api/auth/refresh']);
const none = new URLSearchParams();
/** Health, signing in and the public keys need no token (`@Public()` routes); everything else does. */
const PUBLIC = new Set([
  'GET /health/live',
  'GET /health/ready',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /.well-known/jwks.json',
]);
/**
 * Only requests change data: no relay marking rows, no consumers, no schedules during the run
 * (monitoring's alert evaluation and escalation run on timers and write alerts between requests).
 */
const QUIET = {
  OUTBOX_RELAY_ENABLED: 'false',
  KAFKA_CONSUMERS_ENABLED: 'false',
  ALERTS_ENABLED: 'false',
  LOG_LEVEL: 'warn',
};

interface Operation {
  method: string;
  path: string;
  multipart: boolean;
  body?: { $ref?: string };
  /** The roles the route names (`@Roles`); none: anyone signed in. */
  roles?: Role[];
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
        'x-roles'?: Role[];
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
}

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods)
      .filter(
        ([, operation]) =>
          !Object.values(operation.responses ?? {}).some((response) => response.content?.['text/event-stream']),
      )
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: route,
        multipart: Boolean(operation.requestBody?.content?.['multipart/form-data']),
        body: operation.requestBody?.content?.['application/json']?.schema,
        roles: operation['x-roles'],
      })),
  );
}

/** Path parameters get ids that exist nowhere and strings that are no codes. */
function concretePath(route: string): string {
  return route.replace(
    /\{([^}]+)\}/g,
    () => fc.sample(fc.oneof(fc.uuid(), fc.constantFrom('LI-CARBONATE', "1' OR 1=1", '%2e%2e')), 1)[0],
  );
}

function changedTables(before: string, after: string): string[] {
  const earlier = new Set(before.split(','));
  return after
    .split(',')
    .filter((part) => !earlier.has(part))
    .map((part) => part.split(':')[0]);
}

function describeRequest(operation: Operation, body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `${operation.method} ${operation.path} ${String(text).slice(0, 300)}`;
}

describe.each(BUILT)('faults: adversarial input to every endpoint of %s', (name) => {
  const platform = new Platform([name], { [name]: QUIET });
  const fingerprint = () => new DatabaseFingerprint(platform.services.get(name)?.environment.DATABASE_URL ?? '');
  let database: DatabaseFingerprint;
  let bearer: string;

  beforeAll(async () => {
    await platform.start();
    database = fingerprint();
    await database.open();
    bearer = await platform.auth.bearer({
      roles: ['admin', 'registry_admin', 'subsidy_officer', 'finance_officer', 'ministry_analyst'],
    });
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await platform.stop();
  });

  it('never answers 5xx, never half-writes a refused request, and stays up', async () => {
    const document = (await (await fetch(`${platform.url(name)}${DOCS[name]}`)).json()) as OpenApi;
    const resolve = (ref: string) => document.components?.schemas?.[ref.split('/').pop() ?? ''] as never;
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operationsOf(document)) {
      const bodies: unknown[] =
        operation.method === 'GET'
          ? [undefined]
          : [...fc.sample(bodyFor(operation.body, resolve), SAMPLES_PER_OPERATION), ...MALFORMED_BODIES];
      for (const body of bodies) {
        const before = operation.method === 'GET' || RECORDS_REFUSALS.has(operation.path) ? '' : await database.take();
        // Huge values go in bodies: a URL past Node's 16 KiB header limit is refused with 431 before any
        // code of ours runs, and the connection closed while a streamed (multipart) body is still being sent.
        const [page, filter] = fc
          .sample(adversarialValue, 2)
          .map((value) => (JSON.stringify(value) ?? '').slice(0, MAX_QUERY_VALUE));
        const query = new URLSearchParams({ page, q: filter });
        const { status: response } = await send(platform.url(name), operation, body, bearer, query).catch(
          (error: Error) => {
            failures.push(`no answer (${error.cause ?? error.message}) for ${describeRequest(operation, body)}`);
            return { status: 0 };
          },
        );
        sent += 1;
        if (response >= 500) failures.push(`${response} for ${describeRequest(operation, body)}`);
        const checksWrites = operation.method !== 'GET' && !RECORDS_REFUSALS.has(operation.path);
        const changed = response >= 400 && checksWrites ? changedTables(before, await database.take()) : [];
        if (changed.length > 0) {
          failures.push(
            `refused with ${response} but wrote to ${changed.join(', ')}: ${describeRequest(operation, body)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(0);
    expect((await fetch(`${platform.url(name)}/health/live`)).status).toBe(200);
  }, 1_800_000);

  it('answers 401 to every operation called without a token or with one it does not trust', async () => {
    const document = (await (await fetch(`${platform.url(name)}${DOCS[name]}`)).json()) as OpenApi;
    // Signed by a key the service was never told about: a forged or foreign token.
    const forged = await new TestAuth().bearer({ roles: ['admin', 'registry_admin', 'ministry_analyst'] });
    const answers: string[] = [];
    const protectedOperations = operationsOf(document).filter(
      (operation) => !PUBLIC.has(`${operation.method} ${operation.path}`),
    );
    for (const operation of protectedOperations) {
      for (const [who, bearer] of [
        ['no token', ''],
        ['forged token', forged],
      ]) {
        // A well-formed id, so that the route matches: the token must be what refuses the call.
        const route = { ...operation, path: operation.path.replace(/\{[^}]+\}/g, randomUUID()) };
        const { status } = await send(platform.url(name), route, {}, bearer, new URLSearchParams());
        answers.push(`${operation.method} ${operation.path} with ${who}: ${status}`);
      }
    }
    expect(protectedOperations.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => !answer.endsWith(': 401'))).toEqual([]);
  });

  it('refuses every operation to each role it does not name, and lets each role it names past the role check', async () => {
    const document = (await (await fetch(`${platform.url(name)}${DOCS[name]}`)).json()) as OpenApi;
    const wrong: string[] = [];
    let tried = 0;
    for (const operation of operationsOf(document)) {
      if (!operation.roles || PUBLIC.has(`${operation.method} ${operation.path}`)) continue;
      const route = { ...operation, path: operation.path.replace(/\{[^}]+\}/g, randomUUID()) };
      for (const role of ROLES) {
        const claims = role === 'producer' ? { roles: [role], companyId: randomUUID() } : { roles: [role] };
        const { status, code } = await send(platform.url(name), route, {}, await platform.auth.bearer(claims), none);
        const named = operation.roles.includes(role);
        const refusedForRole = status === 403 && code === 'AUTH.ROLE_REQUIRED';
        if (named === refusedForRole) wrong.push(`${operation.method} ${operation.path} as ${role}: ${status} ${code}`);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});

async function send(
  base: string,
  operation: Operation,
  body: unknown,
  bearer: string,
  query: URLSearchParams,
): Promise<{ status: number; code?: string }> {
  const url = `${base}${concretePath(operation.path)}?${query}`;
  const headers: Record<string, string> = bearer ? { authorization: bearer } : {};
  let payload: string | FormData | undefined;
  if (operation.method !== 'GET') {
    if (operation.multipart) {
      const form = new FormData();
      form.append('file', new Blob([typeof body === 'string' ? body : (JSON.stringify(body) ?? '')]), 'upload.csv');
      payload = form;
    } else {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' && MALFORMED_BODIES.includes(body) ? body : JSON.stringify(body);
    }
  }
  const response = await fetch(url, {
    method: operation.method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const code = text.startsWith('{') ? (JSON.parse(text) as { code?: string }).code : undefined;
  return { status: response.status, code };
}
