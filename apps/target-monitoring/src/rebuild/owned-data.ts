import { Client } from 'pg';

/**
 * What the service owns rather than derives from events, in foreign-key
 * order: configuration, uploaded statistics, subscriptions, silences and the
 * alert records. A rebuild copies these; it replays everything else.
 */
export const OWNED_TABLES = [
  'config_version',
  'trade_upload',
  'trade_statistic',
  'silence',
  'email_subscription',
  'webhook_subscription',
  'webhook_secret',
  'alert',
  'alert_event',
  'alert_delivery',
  'alert_delivery_attempt',
];

const SEQUENCES: Record<string, string> = {
  config_version: 'config_version_id_seq',
  trade_statistic: 'trade_statistic_id_seq',
  alert_event: 'alert_event_id_seq',
  alert_delivery_attempt: 'alert_delivery_attempt_id_seq',
};

const PAGE = 5000;

/** Copies the owned tables from `from` into the freshly migrated `to` (replacing its seeded configuration). */
export async function copyOwnedData(from: string, to: string): Promise<Record<string, number>> {
  const [source, target] = [new Client({ connectionString: from }), new Client({ connectionString: to })];
  const copied: Record<string, number> = {};
  try {
    // Both settle before either can fail the copy, so that `finally` never leaves one connected.
    const connected = await Promise.allSettled([source.connect(), target.connect()]);
    for (const outcome of connected) if (outcome.status === 'rejected') throw outcome.reason;
    // One snapshot of the live database, so that rows written meanwhile cannot refer to rows not copied.
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await target.query('BEGIN');
    await target.query('DELETE FROM config_version');
    for (const table of OWNED_TABLES) {
      copied[table] = 0;
      const columns = await storedColumns(target, table);
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await source.query<{ page: string | null }>(
          `SELECT json_agg(t)::text AS page FROM (SELECT * FROM ${table} ORDER BY 1 LIMIT $1 OFFSET $2) t`,
          [PAGE, offset],
        );
        const page = rows[0].page;
        if (!page) break;
        const { rowCount } = await target.query(
          `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, $1::json)`,
          [page],
        );
        copied[table] += rowCount ?? 0;
      }
      const sequence = SEQUENCES[table];
      if (sequence)
        await target.query(`SELECT setval('${sequence}', coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
    }
    await target.query('COMMIT');
    await source.query('COMMIT');
    return copied;
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
}

/** The columns of `table` that take values: PostgreSQL computes its generated ones again, and refuses a value for them. */
async function storedColumns(client: Client, table: string): Promise<string> {
  const { rows } = await client.query<{ columns: string }>(
    `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
    [table],
  );
  return rows[0].columns;
}
