import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { MonitoringEnvironment } from '../monitoring.environment';
import { SecretSealer } from './secret-sealing';
import { WebhookSecrets } from './webhook-secrets';

/** Reading the keys only: the database is not reached before a secret is issued or sealed anew. */
const NO_DATABASE = {} as DataSource;
const subscription = '0b8e5a51-3d0e-4a57-b3f5-7b1f45a8f1a2';

function environment(settings: Partial<MonitoringEnvironment>): MonitoringEnvironment {
  return Object.assign(new MonitoringEnvironment(), settings);
}

describe('WebhookSecrets: the sealing keys', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'redmet-webhook-keys-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('opens secrets with the keys of WEBHOOK_SECRET_KEYS_FILE, leaving out one that does not open', () => {
    const keys = `k1:${randomBytes(32).toString('base64')}\n`;
    const file = path.join(directory, 'keys');
    writeFileSync(file, keys);
    const secrets = new WebhookSecrets(NO_DATABASE, environment({ WEBHOOK_SECRET_KEYS_FILE: file }));
    const sealed = new SecretSealer(keys).seal('s3cret-value', subscription);
    const foreign = new SecretSealer(`k2:${randomBytes(32).toString('base64')}`).seal('other', subscription);
    expect(secrets.open(subscription, [sealed, foreign])).toEqual(['s3cret-value']);
    expect(secrets.open(subscription, null)).toEqual([]);
  });

  it('reads the keys file again, at most every ten seconds, for a secret sealed under a key it does not hold', async () => {
    const [k1, k2] = [`k1:${randomBytes(32).toString('base64')}`, `k2:${randomBytes(32).toString('base64')}`];
    const file = path.join(directory, 'rotated');
    writeFileSync(file, `${k1}\n`);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const secrets = new WebhookSecrets(NO_DATABASE, environment({ WEBHOOK_SECRET_KEYS_FILE: file }));
      const old = new SecretSealer(k1).seal('old', subscription);
      // Another instance started with the rotation's file: the new key seals, the old one still opens.
      writeFileSync(file, `${k2}\n${k1}\n`);
      const sealedElsewhere = new SecretSealer(`${k2}\n${k1}`).seal('new', subscription);
      clock.mockReturnValue(1_005_000);
      expect(secrets.open(subscription, [sealedElsewhere, old])).toEqual(['old']);
      clock.mockReturnValue(1_011_000);
      expect(secrets.open(subscription, [sealedElsewhere, old])).toEqual(['new', 'old']);
      // From then on it seals under the new key too.
      const query = jest.fn().mockResolvedValue([]);
      await secrets.issue({ query } as unknown as EntityManager, subscription, 'admin');
      expect(query.mock.calls[0][1][2]).toMatch(/^k2\./);

      // A file that no longer reads leaves the keys read before.
      writeFileSync(file, 'not a key\n');
      clock.mockReturnValue(1_030_000);
      const third = new SecretSealer(`k3:${randomBytes(32).toString('base64')}`).seal('third', subscription);
      expect(secrets.open(subscription, [third, sealedElsewhere])).toEqual(['new']);
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses to start in production without a keys file, or with one it cannot read', () => {
    expect(() => new WebhookSecrets(NO_DATABASE, environment({ NODE_ENV: 'production' }))).toThrow(
      /WEBHOOK_SECRET_KEYS_FILE must be set in production/,
    );
    const missing = path.join(directory, 'missing');
    expect(() => new WebhookSecrets(NO_DATABASE, environment({ WEBHOOK_SECRET_KEYS_FILE: missing }))).toThrow(
      /WEBHOOK_SECRET_KEYS_FILE: cannot read .*missing/,
    );
    expect(() => new WebhookSecrets(NO_DATABASE, environment({ NODE_ENV: 'development' }))).not.toThrow();
  });
});
