// deploy/auth/generate-webhook-keys.mjs writes what target-monitoring reads as its
// WEBHOOK_SECRET_KEYS_FILE, and its two-step rotation keeps every sealed secret opening.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SecretSealer } from '../../apps/target-monitoring/src/delivery/secret-sealing';
import { ROOT } from './support/environment-classes';

const SCRIPT = path.join(ROOT, 'deploy/auth/generate-webhook-keys.mjs');
const webhook = '5d7c2c8e-9a61-4c55-8f0e-3b2b1f5f7a10';

describe('generate-webhook-keys.mjs', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'redmet-webhook-keys-'));
  const file = path.join(directory, 'keys');
  const run = (...options: string[]) => execFileSync('node', [SCRIPT, '--file', file, ...options], { stdio: 'pipe' });
  const sealer = () => new SecretSealer(readFileSync(file, 'utf8'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates a keys file the service reads, and never overwrites it', () => {
    run();
    const sealed = sealer().seal('s3cret-value', webhook);
    expect(() => run()).toThrow(/exists: --add adds a key/);
    run('--if-missing');
    expect(sealer().open(sealed, webhook)).toBe('s3cret-value');
  });

  it('rotates in two steps: an added key opens before it seals, and the old one still opens after', () => {
    const before = sealer().seal('s3cret-value', webhook);
    run('--add');
    expect(sealer().isCurrent(before)).toBe(true);
    const added = readFileSync(file, 'utf8').split('\n')[1].split(':')[0];
    const promoting = sealer().seal('s3cret-value', webhook);
    run('--promote');
    const after = sealer();
    expect(after.isCurrent(before)).toBe(false);
    expect(after.seal('s3cret-value', webhook).startsWith(`${added}.`)).toBe(true);
    expect(after.open(before, webhook)).toBe('s3cret-value');
    expect(after.open(promoting, webhook)).toBe('s3cret-value');
  });
});
