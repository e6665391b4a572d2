/**
 * Every request the load sent and what came back. `acknowledged` is a 2xx
 * answer; `refused` any other answer, or a connection the service refused;
 * `unknown` no answer at all (the process died or the request timed out),
 * which may or may not have been committed: the service's own database says.
 */
export type Outcome = 'acknowledged' | 'refused' | 'unknown';

export type RequestKind = 'report' | 'amendment' | 'invalid-report' | 'company';

export interface Entry {
  scenario: string;
  kind: RequestKind;
  outcome: Outcome;
  status: number | null;
  /** Report requests: the site and month the request is the only one to use. */
  siteId?: string;
  period?: string;
  /** Unique per request, so a stored version tells which request made it. */
  metal?: string;
  reportId?: string;
  version?: number;
  state?: string;
  /** Company requests: the INN, unique per request. */
  inn?: string;
  companyId?: string;
  error?: string;
}

/** One stored version of a report, as production-reporting's database has it. */
export interface StoredVersion {
  reportId: string;
  siteId: string;
  period: string;
  version: number;
  state: string;
  metal: string;
}

/** Figures of one site and month as target-monitoring serves them. */
export type Figures = Map<string, string>;

export interface Verdict {
  /** Expected monitoring figure per `site:period`, and the scenario whose request made it. */
  expected: Map<string, { metal: string; scenario: string }>;
  /** Acknowledged work missing downstream, per scenario. */
  lost: Map<string, string[]>;
  /** Effects counted more than once, or from nothing, per scenario. */
  duplicated: Map<string, string[]>;
  /** Refused requests that left something behind, per scenario. */
  traces: Map<string, string[]>;
}

const slot = (siteId: string, period: string) => `${siteId}:${period}`;

function add(map: Map<string, string[]>, scenario: string, problem: string): void {
  map.set(scenario, [...(map.get(scenario) ?? []), problem]);
}

/** Decimal strings compared as numbers: monitoring writes `12.5`, PostgreSQL `12.500000`. */
export function sameAmount(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && Number(a) === Number(b);
}

export class Ledger {
  readonly entries: Entry[] = [];

  record(entry: Entry): Entry {
    this.entries.push(entry);
    return entry;
  }

  of(scenario: string): Entry[] {
    return this.entries.filter((entry) => entry.scenario === scenario);
  }

  /**
   * What target-monitoring must show, given what production-reporting stored,
   * and every way the stored data or the figures disagree with the ledger.
   */
  judge(stored: StoredVersion[], figures: Figures): Verdict {
    const verdict: Verdict = { expected: new Map(), lost: new Map(), duplicated: new Map(), traces: new Map() };
    const byMetal = new Map(stored.map((version) => [Number(version.metal), version]));
    const reportRequests = this.entries.filter((entry) => entry.metal !== undefined);
    const requestOf = new Map(reportRequests.map((entry) => [Number(entry.metal), entry]));

    for (const entry of reportRequests) {
      const version = byMetal.get(Number(entry.metal));
      const what = `${entry.kind} ${entry.siteId}:${entry.period} metal ${entry.metal} (${entry.status ?? entry.error})`;
      if (entry.outcome === 'acknowledged' && entry.kind === 'invalid-report') {
        add(verdict.traces, entry.scenario, `invalid request acknowledged: ${what}`);
      } else if (entry.outcome === 'acknowledged') {
        if (!version || version.reportId !== entry.reportId || version.version !== entry.version) {
          add(verdict.lost, entry.scenario, `acknowledged but not stored as answered: ${what}`);
        }
      } else if (entry.outcome === 'refused' && version) {
        add(verdict.traces, entry.scenario, `refused but stored as ${version.reportId} v${version.version}: ${what}`);
      }
    }
    for (const version of stored) {
      const request = requestOf.get(Number(version.metal));
      if (!request || request.outcome === 'refused') continue;
      if (version.state !== 'accepted') continue;
      const key = slot(version.siteId, version.period);
      const current = verdict.expected.get(key);
      const currentVersion = current ? (byMetal.get(Number(current.metal))?.version ?? 0) : 0;
      if (version.version > currentVersion)
        verdict.expected.set(key, { metal: version.metal, scenario: request.scenario });
    }
    for (const [key, { metal, scenario }] of verdict.expected) {
      const shown = figures.get(key);
      if (shown === undefined) add(verdict.lost, scenario, `${key}: expected ${metal}, monitoring shows nothing`);
      else if (Number(shown) < Number(metal) || isOlderVersion(byMetal, shown, metal)) {
        add(verdict.lost, scenario, `${key}: expected ${metal}, monitoring shows ${shown}`);
      } else if (!sameAmount(shown, metal)) {
        add(verdict.duplicated, scenario, `${key}: expected ${metal}, monitoring shows ${shown}`);
      }
    }
    for (const [key, shown] of figures) {
      if (verdict.expected.has(key)) continue;
      const request = requestOf.get(Number(shown));
      add(
        verdict.duplicated,
        request?.scenario ?? 'unattributed',
        `${key}: monitoring shows ${shown}, expected nothing`,
      );
    }
    return verdict;
  }
}

/** A figure equal to an earlier version of the same report: the amendment did not arrive. */
function isOlderVersion(byMetal: Map<number, StoredVersion>, shown: string, expected: string): boolean {
  const old = byMetal.get(Number(shown));
  const current = byMetal.get(Number(expected));
  return Boolean(old && current && old.reportId === current.reportId && old.version < current.version);
}
