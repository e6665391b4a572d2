import { Client } from 'pg';

/**
 * A digest of every row of every table of a database: equal before and after
 * a refused request means it wrote nothing at all.
 */
export class DatabaseFingerprint {
  private client?: Client;
  private tables: string[] = [];

  constructor(private readonly url: string) {}

  async open(): Promise<void> {
    this.client = new Client({ connectionString: this.url });
    await this.client.connect();
    const { rows } = await this.client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    this.tables = rows.map((row) => row.table_name);
  }

  async take(): Promise<string> {
    if (!this.client) throw new Error('open() first');
    const parts = this.tables.map(
      (table) =>
        `SELECT '${table}' || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS part FROM "${table}" t`,
    );
    const { rows } = await this.client.query<{ part: string }>(parts.join(' UNION ALL '));
    return rows.map((row) => row.part).join(',');
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
