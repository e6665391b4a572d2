import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SERVICES } from '@redmet/contracts';
import { waitFor } from '@redmet/testing';
import { Platform, type ServiceName } from './support/platform';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** A demo loader from dist/, with a service's settings, as `npm start` runs it. */
async function load(platform: Platform, service: ServiceName, loader: string, ...args: string[]): Promise<string> {
  const name = service;
  const file = path.join(ROOT, 'dist/apps', name, 'apps', name, 'src/demo', `${loader}.js`);
  const environment = platform.services.get(service)!.environment;
  const { stdout } = await run(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...environment, LOG_LEVEL: 'warn' },
    timeout: 240_000,
  });
  return stdout;
}

describe('system: the demo data set, loaded as npm start loads it', () => {
  const platform = new Platform([...SERVICES]);

  beforeAll(async () => {
    await platform.start();
  }, 240_000);

  afterAll(async () => {
    await platform.stop();
  });

  const signIn = async (username: string) => {
    const response = await fetch(`${platform.gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'redmet-demo-2026' }),
    });
    expect(response.status).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    return async <T>(apiPath: string): Promise<T> => {
      const answer = await fetch(`${platform.gatewayUrl}${apiPath}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(answer.status).toBe(200);
      return (await answer.json()) as T;
    };
  };

  it('gives every kind of user something to work with: reports, claims in the queue and paid, customs figures, an alert', async () => {
    await load(platform, 'deposit-registry', 'load-demo');
    await load(platform, 'gateway', 'load-demo-users');
    const loaded = await load(platform, 'gateway', 'load-demo-activity', platform.gatewayUrl);
    expect(loaded).toMatch(/Demo activity: 13 reports accepted, claims paid and submitted, 48 customs rows/);

    const lovozero = await signIn('producer.lovozero');
    const reports = await lovozero<{ items: { state: string; latestVersion: number }[] }>(
      '/api/reporting/reports?pageSize=50',
    );
    expect(reports.items).toHaveLength(10);
    expect(reports.items.every((report) => report.state === 'accepted')).toBe(true);
    expect(reports.items.filter((report) => report.latestVersion === 2)).toHaveLength(1);
    const polar = await signIn('producer.polar');
    expect((await polar<{ items: unknown[] }>('/api/reporting/reports?pageSize=50')).items).toHaveLength(3);

    const officer = await signIn('officer.smirnov');
    const queue = await officer<{ items: { state: string; requestedKopecks: string }[] }>(
      '/api/subsidy/claims?state=submitted',
    );
    expect(queue.items).toEqual([expect.objectContaining({ state: 'submitted', requestedKopecks: '1750000000' })]);
    const paid = await officer<{ items: { paidKopecks: string }[] }>('/api/subsidy/claims?state=paid');
    expect(paid.items).toHaveLength(1);
    expect(BigInt(paid.items[0].paidKopecks)).toBeGreaterThan(0n);

    const analyst = await signIn('analyst.orlova');
    const drop = await waitFor(
      async () => {
        const alerts = await analyst<{ items: { ruleId: string; state: string }[] }>(
          '/api/monitoring/alerts?ruleId=output.sudden_drop&state=open',
        );
        return alerts.items.length > 0 && alerts.items;
      },
      { timeoutMs: 60_000, description: 'the sudden-drop alert of the demo' },
    );
    expect(drop).toHaveLength(1);
    const imports = await analyst<{ products: { productCode: string; importDependencePercent: string | null }[] }>(
      '/api/monitoring/import-dependence',
    );
    expect(imports.products.find((product) => product.productCode === 'RE-COMPOUNDS')?.importDependencePercent).toMatch(
      /^\d+\.\d+$/,
    );

    // Loading again adds nothing.
    expect(await load(platform, 'gateway', 'load-demo-activity', platform.gatewayUrl)).toContain(
      'Demo activity: already there',
    );
  }, 420_000);
});
