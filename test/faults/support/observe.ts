import { Client } from 'pg';
import { testKafka } from '@redmet/testing';
import type { Platform, ServiceName } from '../../system/support/platform';
import type { Figures, StoredVersion } from './ledger';

/** Reads a service's database directly, for assertions only (the services never do this to each other). */
export async function query<T>(url: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

export function databaseOf(platform: Platform, name: ServiceName): string {
  const url = platform.services.get(name)?.environment.DATABASE_URL;
  if (!url) throw new Error(`${name} has no database`);
  return url;
}

/** Every submitted version production-reporting stored, with the metal figure of its line. */
export function storedVersions(platform: Platform): Promise<StoredVersion[]> {
  return query<StoredVersion>(
    databaseOf(platform, 'production-reporting'),
    `SELECT r.id AS "reportId", r.site_id AS "siteId", r.period, v.version, v.state,
            l.metal_content_tonnes::text AS metal
       FROM report r
       JOIN report_version v ON v.report_id = r.id
       JOIN report_line l ON l.report_id = v.report_id AND l.version = v.version`,
  );
}

export async function outboxBacklog(platform: Platform, name: ServiceName): Promise<number> {
  const [{ backlog }] = await query<{ backlog: number }>(
    databaseOf(platform, name),
    'SELECT count(*)::int AS backlog FROM outbox_message WHERE published_at IS NULL',
  );
  return backlog;
}

interface OutputRow {
  siteId?: string;
  companyId?: string;
  period?: string;
  metalContentTonnes: string;
}

async function output(base: string, bearer: string, groupBy: string): Promise<OutputRow[]> {
  const url = `${base}/output?from=2010-01&to=2025-12&limit=5000&groupBy=${groupBy}`;
  const response = await fetch(url, { headers: { authorization: bearer }, signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`GET /output gave ${response.status}`);
  const body = (await response.json()) as { rows: OutputRow[]; truncated: boolean };
  if (body.truncated) throw new Error('the output answer was truncated');
  return body.rows;
}

/** Metal content per `site:month`, as target-monitoring's output drill-down shows it. */
export async function figuresBySiteMonth(base: string, bearer: string): Promise<Figures> {
  const rows = await output(base, bearer, 'site,period');
  return new Map(rows.map((row) => [`${row.siteId}:${row.period}`, row.metalContentTonnes]));
}

/** Metal content per company over the whole range, from the monthly aggregates (another read path). */
export async function figuresByCompany(base: string, bearer: string): Promise<Map<string, string>> {
  const rows = await output(base, bearer, 'company');
  return new Map(rows.map((row) => [row.companyId ?? '', row.metalContentTonnes]));
}

/** Messages of `topics` that the consumer group has not committed yet. */
export async function consumerLag(groupId: string, topics: string[]): Promise<number> {
  const admin = testKafka('redmet-faults-lag').admin();
  await admin.connect();
  try {
    let lag = 0;
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const offsets = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const { partition, high } of ends) {
        const at = Number(offsets.find((entry) => entry.partition === partition)?.offset ?? '-1');
        lag += Math.max(0, Number(high) - Math.max(at, 0));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/** How many members the consumer group has now (each instance of a service is one). */
export async function groupMembers(groupId: string): Promise<number> {
  const admin = testKafka('redmet-faults-group').admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.state === 'Stable' ? groups[0].members.length : 0;
  } finally {
    await admin.disconnect();
  }
}
