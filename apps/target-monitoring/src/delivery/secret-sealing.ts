import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** One line of the keys file: `<id>:<32 bytes in base64>`. */
const SEALING_KEY = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;

/**
 * Used where WEBHOOK_SECRET_KEYS_FILE is empty, which only development and
 * tests allow: everyone can read it here, so it keeps nothing secret from
 * anyone with the database.
 */
export const DEVELOPMENT_SEALING_KEYS = `development:${createHash('sha256')
  .update('redmet development webhook secret sealing key')
  .digest('base64')}`;

export class SealedSecretUnreadable extends Error {}

/** Sealed under a key these keys do not hold: another instance may have read a newer keys file. */
export class SealingKeyUnknown extends SealedSecretUnreadable {}

/**
 * Webhook signing secrets are kept sealed (AES-256-GCM) under a key the
 * database does not hold, so a copy of the database (a backup, a replica, a
 * rebuild's source) does not let anyone sign as Redmet. The sealed value names
 * its key, so keys can be rotated: the first seals, the others still open
 * what they sealed until it is sealed again (WebhookSecrets does that at
 * start). The context (the subscription's id) is bound into the seal, so a
 * sealed secret moved to another subscription's row does not open.
 */
export class SecretSealer {
  private readonly keys: Map<string, Buffer>;
  private readonly current: string;

  /** `keysFile`: the keys file's text, a key a line, the sealing one first (blank lines and `#` comments aside). */
  constructor(keysFile: string) {
    const lines = keysFile
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    if (lines.length === 0) throw new Error('WEBHOOK_SECRET_KEYS_FILE holds no key');
    const keys = lines.map((line, index) => {
      if (!SEALING_KEY.test(line)) {
        throw new Error(`WEBHOOK_SECRET_KEYS_FILE: key ${index + 1} is not <id>:<32 bytes in base64>`);
      }
      const [id, key] = line.split(':');
      return [id, Buffer.from(key, 'base64')] as const;
    });
    if (keys.some(([, key]) => key.length !== KEY_BYTES))
      throw new Error('WEBHOOK_SECRET_KEYS_FILE: keys are 32 bytes');
    this.keys = new Map(keys);
    if (this.keys.size !== keys.length) throw new Error('WEBHOOK_SECRET_KEYS_FILE: key ids must differ');
    this.current = keys[0][0];
  }

  /** `<key id>.<iv>.<tag>.<ciphertext>`, each part base64url. */
  seal(secret: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(this.current), iv).setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [this.current, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [id, iv, tag, data, extra] = sealed.split('.');
    if (!id || !iv || !tag || data === undefined || extra !== undefined) {
      throw new SealedSecretUnreadable('not a sealed secret');
    }
    try {
      // The tag's full length, or a shortened tag (down to 4 bytes, which Node accepts) would be easier to forge.
      const decipher = createDecipheriv(ALGORITHM, this.key(id), Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      })
        .setAAD(Buffer.from(context))
        .setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      if (error instanceof SealedSecretUnreadable) throw error;
      throw new SealedSecretUnreadable(`sealed under key ${id}, but it does not open with that key`);
    }
  }

  /** Sealed under the key that seals now (else it is due to be sealed again). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${this.current}.`);
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new SealingKeyUnknown(`sealed under key ${id}, which WEBHOOK_SECRET_KEYS_FILE does not hold`);
    return key;
  }
}
