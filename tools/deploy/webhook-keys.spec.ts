// deploy/auth/generate-webhook-keys.mjs writes what target-monitoring reads as its
// WEBHOOK_SECRET_KEYS_FILE, and its rotation keeps every sealed secret opening.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SecretSealer } from '../../apps/target-monitoring/src/delivery/secret-sealing';
import { ROOT } from './support/environment-classes';

const SCRIPT = path.join(ROOT, 'deploy/auth/generate-webhook-keys.mjs');
const webhook = '5d7c2c8e-9a61-4c55-8f0e-3b2b1f5f7a10';

describe('generate-webhook-keys.mjs', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'redmet-webhook-keys-'));
  const file = path.join(directory, 'keys');
  const run = (...options: string[]) =>
    execFileSync('node', [SCRIPT, '--file', file, ...options], { stdio: 'pipe' }).toString();
  const sealer = () => new SecretSealer(readFileSync(file, 'utf8'));
  const ids = () =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .map((line) => line.trim().split(':')[0]);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('creates a keys file the service reads, and never overwrites it', () => {
    run();
    const sealed = sealer().seal('s3cret-value', webhook);
    expect(() => run()).toThrow(/exists: --add adds a key/);
    run('--if-missing');
    expect(sealer().open(sealed, webhook)).toBe('s3cret-value');
  });

  it('rotates: an added key opens before it seals, the old one opens until it is dropped, comments stay', () => {
    appendFileSync(file, "  # the operators' note\n");
    const [first] = ids();
    const before = sealer().seal('s3cret-value', webhook);
    run('--add');
    const [, added] = ids();
    expect(sealer().isCurrent(before)).toBe(true);
    expect(sealer().seal('s3cret-value', webhook).startsWith(`${first}.`)).toBe(true);

    run('--promote', added);
    expect(() => run('--promote', added)).toThrow(/seals already/);
    expect(ids()).toEqual([added, first]);
    expect(sealer().isCurrent(before)).toBe(false);
    expect(sealer().open(before, webhook)).toBe('s3cret-value');
    const after = sealer().seal('s3cret-value', webhook);

    expect(() => run('--drop', added)).toThrow(/is the sealing key/);
    expect(() => run('--drop', 'no-such-key')).toThrow(/holds no key no-such-key/);
    run('--drop', first);
    expect(ids()).toEqual([added]);
    expect(sealer().open(after, webhook)).toBe('s3cret-value');
    expect(() => sealer().open(before, webhook)).toThrow(/does not hold/);
    expect(readFileSync(file, 'utf8')).toContain("  # the operators' note");
  });
});
