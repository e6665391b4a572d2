import type { Platform, ServiceName } from '../../system/support/platform';
import { type Ledger, sameAmount, type StoredVersion } from './ledger';
import { databaseOf, query } from './observe';

/** What went wrong, per scenario. */
export type Problems = Map<string, string[]>;

/**
 * subsidy-processing's copy of the reports: every stored version of an
 * acknowledged (or unanswered but committed) request in its final state,
 * once; nothing of a refused one.
 */
export async function subsidyProblems(platform: Platform, ledger: Ledger, stored: StoredVersion[]): Promise<Problems> {
  const problems = new Map<string, string[]>();
  const requestOf = new Map(ledger.entries.filter((entry) => entry.metal).map((entry) => [Number(entry.metal), entry]));
  const copies = await query<{ reportId: string; version: number; state: string; metal: string }>(
    databaseOf(platform, 'subsidy-processing'),
    `SELECT report_id AS "reportId", version, state, metal_content_tonnes::text AS metal
       FROM report_version WHERE report_id = ANY($1::uuid[])`,
    [[...new Set(stored.map((version) => version.reportId))]],
  );
  const copyOf = new Map(copies.map((copy) => [`${copy.reportId}:${copy.version}`, copy]));
  for (const version of stored) {
    const request = requestOf.get(Number(version.metal));
    const copy = copyOf.get(`${version.reportId}:${version.version}`);
    copyOf.delete(`${version.reportId}:${version.version}`);
    if (!request || request.outcome === 'refused') continue;
    if (!copy || copy.state !== version.state || !sameAmount(copy.metal, version.metal)) {
      const problem = `subsidy has ${copy ? `${copy.state} ${copy.metal}` : 'nothing'} for ${version.reportId} v${version.version} (${version.state} ${version.metal})`;
      problems.set(request.scenario, [...(problems.get(request.scenario) ?? []), problem]);
    }
  }
  for (const copy of copyOf.values()) {
    const scenario = requestOf.get(Number(copy.metal))?.scenario ?? 'unattributed';
    problems.set(scenario, [
      ...(problems.get(scenario) ?? []),
      `subsidy has ${copy.reportId} v${copy.version} that reporting never stored`,
    ]);
  }
  return problems;
}

/** Company registrations: acknowledged ones known downstream, refused ones nowhere. */
export async function companyProblems(
  platform: Platform,
  ledger: Ledger,
): Promise<{ lost: Problems; traces: Problems }> {
  const lost = new Map<string, string[]>();
  const traces = new Map<string, string[]>();
  const entries = ledger.entries.filter((entry) => entry.kind === 'company');
  if (entries.length === 0) return { lost, traces };
  const inns = entries.map((entry) => entry.inn);
  const registered = await query<{ id: string; inn: string }>(
    databaseOf(platform, 'deposit-registry'),
    'SELECT id, inn FROM company WHERE inn = ANY($1::text[])',
    [inns],
  );
  const idOf = new Map(registered.map((row) => [row.inn, row.id]));
  const ids = registered.map((row) => row.id);
  const known = async (name: ServiceName) =>
    new Set(
      (
        await query<{ company_id: string }>(
          databaseOf(platform, name),
          'SELECT company_id FROM registry_company WHERE company_id = ANY($1::uuid[])',
          [ids],
        )
      ).map((row) => row.company_id),
    );
  const [reporting, monitoring] = [await known('production-reporting'), await known('target-monitoring')];
  for (const entry of entries) {
    const id = idOf.get(entry.inn ?? '');
    const problem = (map: Map<string, string[]>, text: string) =>
      map.set(entry.scenario, [...(map.get(entry.scenario) ?? []), `company ${entry.inn}: ${text}`]);
    if (entry.outcome === 'refused' && id) problem(traces, `refused (${entry.status ?? entry.error}) but registered`);
    if (entry.outcome === 'acknowledged' && id !== entry.companyId) problem(lost, 'acknowledged but not registered');
    if (entry.outcome !== 'refused' && id && !(reporting.has(id) && monitoring.has(id))) {
      problem(lost, `registered but unknown to ${reporting.has(id) ? 'monitoring' : 'reporting'}`);
    }
  }
  return { lost, traces };
}
