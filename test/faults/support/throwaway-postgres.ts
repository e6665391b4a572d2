import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '@redmet/testing';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The PostgreSQL tools refuse to run as root: as root they run as the postgres user. */
function asPostgres(tool: string, args: string[]): void {
  const command = path.join(BIN, tool);
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

/**
 * A PostgreSQL 15 cluster of the test's own (initdb into a temporary folder,
 * trust authentication, a free port), so that a test can restart or stop a
 * database server without touching the machine's main cluster that other
 * tests use.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly folder: string,
    readonly port: number,
  ) {}

  static async start(): Promise<ThrowawayPostgres> {
    const folder = mkdtempSync(path.join(tmpdir(), 'redmet-faults-pg-'));
    if (process.getuid?.() === 0) {
      const { uid, gid } = JSON.parse(
        execFileSync('sh', ['-c', 'printf \'{"uid":%s,"gid":%s}\' "$(id -u postgres)" "$(id -g postgres)"']).toString(),
      ) as { uid: number; gid: number };
      chownSync(folder, uid, gid);
    }
    asPostgres('initdb', ['-D', path.join(folder, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    const cluster = new ThrowawayPostgres(folder, await freePort());
    cluster.control('start');
    return cluster;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Fast shutdown: every session is cut, open transactions roll back. */
  stopFast(): void {
    this.control('stop', ['-m', 'fast']);
  }

  startAgain(): void {
    this.control('start');
  }

  destroy(): void {
    try {
      this.control('stop', ['-m', 'immediate']);
    } catch {
      // Already down.
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  private control(action: 'start' | 'stop', extra: string[] = []): void {
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    asPostgres('pg_ctl', [
      '-D',
      path.join(this.folder, 'data'),
      '-l',
      path.join(this.folder, 'server.log'),
      '-w',
      ...extra,
      ...(action === 'start' ? ['-o', options] : []),
      action,
    ]);
  }
}
