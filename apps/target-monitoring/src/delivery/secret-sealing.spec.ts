import { randomBytes } from 'node:crypto';
import { SealedSecretUnreadable, SealingKeyUnknown, SecretSealer } from './secret-sealing';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('sealing webhook secrets', () => {
  const [k1, k2] = [key('k1'), key('k2')];
  const subscription = '8f0c3a52-54d4-4a37-a4c5-2f0a4c9b8e11';

  it('opens what it sealed, and the sealed value neither holds nor repeats the secret', () => {
    const sealer = new SecretSealer(k1);
    const sealed = sealer.seal('s3cret-value', subscription);
    expect(sealed).toMatch(/^k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('s3cret');
    expect(sealer.seal('s3cret-value', subscription)).not.toBe(sealed);
    expect(sealer.open(sealed, subscription)).toBe('s3cret-value');
  });

  it('refuses a secret moved to another subscription, changed, or sealed under a key it does not hold', () => {
    const sealer = new SecretSealer(k1);
    const sealed = sealer.seal('s3cret-value', subscription);
    expect(() => sealer.open(sealed, 'another-subscription')).toThrow(SealedSecretUnreadable);
    const [id, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => sealer.open([id, iv, tag, flipped.toString('base64url')].join('.'), subscription)).toThrow(
      /does not open with that key/,
    );
    const shortTag = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => sealer.open([id, iv, shortTag, data].join('.'), subscription)).toThrow(SealedSecretUnreadable);
    expect(() => new SecretSealer(k2).open(sealed, subscription)).toThrow(SealingKeyUnknown);
    expect(() => sealer.open('plain-text-secret', subscription)).toThrow(/not a sealed secret/);
  });

  it('after a key rotation, still opens what the older key sealed, and tells it from what the new key seals', () => {
    const before = new SecretSealer(k1).seal('s3cret-value', subscription);
    const after = new SecretSealer(`# rotated 2026-12-01\n${k2}\n\n${k1}\n`);
    expect(after.open(before, subscription)).toBe('s3cret-value');
    expect(after.isCurrent(before)).toBe(false);
    expect(after.isCurrent(after.seal('s3cret-value', subscription))).toBe(true);
  });

  it('refuses a keys file without a key, with a malformed one, or with an id twice', () => {
    expect(() => new SecretSealer('# nothing yet\n')).toThrow(/holds no key/);
    expect(() => new SecretSealer(`${k1}\nk2:c2hvcnQ=`)).toThrow(/key 2 is not <id>:<32 bytes in base64>/);
    expect(() => new SecretSealer(`${k1}\n${k1}`)).toThrow(/key ids must differ/);
  });
});
