import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MonitoringEnvironment } from '../monitoring.environment';
import { DEVELOPMENT_SEALING_KEYS, SealedSecretUnreadable, SealingKeyUnknown, SecretSealer } from './secret-sealing';

/** What signs a webhook's deliveries now: its newest secret first, then those a rotation lets overlap. */
export const SIGNING_SECRETS = (subscription: string) =>
  `(SELECT array_agg(s.sealed ORDER BY s.created_at DESC, s.id DESC) FROM webhook_secret s
     WHERE s.subscription_id = ${subscription} AND (s.retired_at IS NULL OR s.retired_at > now()))`;

const RESEAL_PAGE = 500;
/** How often at most the keys file is read again for a key this instance does not hold. */
const KEYS_REREAD_MS = 10_000;

/**
 * A webhook's signing secrets: made, sealed and kept here, opened only to
 * sign a delivery. Each is shown once, in the answer to the registration or
 * rotation that made it.
 */
@Injectable()
export class WebhookSecrets implements OnModuleInit {
  private readonly logger = new Logger(WebhookSecrets.name);
  private sealer: SecretSealer;
  private keysReadAt: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: MonitoringEnvironment,
  ) {
    this.sealer = new SecretSealer(readKeys(environment));
    this.keysReadAt = Date.now();
  }

  /**
   * Before any delivery is signed: what is kept in plain text, or under a
   * key no longer the first, is sealed anew; secrets retired for good, which
   * never sign again, are dropped.
   */
  async onModuleInit(): Promise<void> {
    const dropped = await this.dataSource.query(
      `DELETE FROM webhook_secret WHERE retired_at <= clock_timestamp() RETURNING id`,
    );
    let plain = 0;
    for (;;) {
      const page = await this.dataSource.transaction((manager) => this.sealPlainText(manager));
      plain += page;
      if (page < RESEAL_PAGE) break;
    }
    const resealed = await this.resealUnderCurrentKey();
    if (plain + resealed + dropped.length > 0) {
      this.logger.log(
        `webhook secrets: ${plain} kept in plain text sealed, ${resealed} sealed anew under the current key, ` +
          `${dropped.length} retired dropped`,
      );
    }
  }

  /**
   * A new secret for the subscription, sealed in `manager`'s transaction; the plain secret is returned to be shown once.
   * Dated by the clock, not the transaction's start: a rotation that waited for another's lock makes the newer secret.
   */
  async issue(manager: EntityManager, subscriptionId: string, by: string): Promise<string> {
    const secret = randomBytes(32).toString('hex');
    await manager.query(
      `INSERT INTO webhook_secret (id, subscription_id, sealed, created_at, created_by)
       VALUES ($1, $2, $3, clock_timestamp(), $4)`,
      [randomUUID(), subscriptionId, this.sealer.seal(secret, subscriptionId), by],
    );
    return secret;
  }

  /**
   * The subscription's secrets still signing stop `keepHours` from now (at once for 0); returns until when they
   * sign, or null when none does any more. A secret an instance of an earlier version kept in plain text is
   * sealed first, so that it is retired with the others rather than sealed as current at the next start.
   */
  async retire(manager: EntityManager, subscriptionId: string, keepHours: number): Promise<Date | null> {
    await this.sealPlainText(manager, subscriptionId);
    const [{ until }]: { until: Date | null }[] = await manager.query(
      `WITH retired AS (
         UPDATE webhook_secret
            SET retired_at = least(coalesce(retired_at, 'infinity'), clock_timestamp() + make_interval(hours => $2))
          WHERE subscription_id = $1 AND (retired_at IS NULL OR retired_at > clock_timestamp())
         RETURNING retired_at)
       SELECT max(retired_at) FILTER (WHERE retired_at > clock_timestamp()) AS until FROM retired`,
      [subscriptionId, keepHours],
    );
    return until;
  }

  /** The secrets that sign a delivery, as read with SIGNING_SECRETS; one that does not open is left out and logged. */
  open(subscriptionId: string, sealed: string[] | null): string[] {
    return (sealed ?? []).flatMap((value) => {
      try {
        return [this.openOne(value, subscriptionId)];
      } catch (error) {
        if (!(error instanceof SealedSecretUnreadable)) throw error;
        this.logger.error({ subscriptionId, reason: error.message }, 'a webhook secret does not open');
        return [];
      }
    });
  }

  /**
   * Sealed under a key this instance does not hold, a secret was sealed by an
   * instance that started with a newer keys file (a key rotation's new key,
   * mounted here too by now): the file is read again, and with it the key
   * that seals from then on.
   */
  private openOne(sealed: string, subscriptionId: string): string {
    try {
      return this.sealer.open(sealed, subscriptionId);
    } catch (error) {
      if (error instanceof SealingKeyUnknown && this.readKeysAgain()) return this.sealer.open(sealed, subscriptionId);
      throw error;
    }
  }

  private readKeysAgain(): boolean {
    if (this.environment.WEBHOOK_SECRET_KEYS_FILE === '' || Date.now() - this.keysReadAt < KEYS_REREAD_MS) return false;
    this.keysReadAt = Date.now();
    try {
      this.sealer = new SecretSealer(readKeys(this.environment));
      this.logger.log('webhook secret keys read again');
      return true;
    } catch (error) {
      this.logger.error({ err: error }, 'the webhook secret keys file does not read; the keys read before stay');
      return false;
    }
  }

  /** Seals a page of the secrets kept in plain text (one subscription's, or any), in `manager`'s transaction. */
  private async sealPlainText(manager: EntityManager, subscriptionId?: string): Promise<number> {
    const rows: { id: string; secret: string; created_at: Date; created_by: string }[] = await manager.query(
      `SELECT id, secret, created_at, created_by FROM webhook_subscription
        WHERE secret IS NOT NULL AND ($2::uuid IS NULL OR id = $2)
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [RESEAL_PAGE, subscriptionId ?? null],
    );
    for (const row of rows) {
      // Made when the webhook was registered, by whoever registered it.
      await manager.query(
        `INSERT INTO webhook_secret (id, subscription_id, sealed, created_at, created_by) VALUES ($1, $2, $3, $4, $5)`,
        [randomUUID(), row.id, this.sealer.seal(row.secret, row.id), row.created_at, row.created_by],
      );
    }
    if (rows.length > 0) {
      await manager.query(`UPDATE webhook_subscription SET secret = NULL WHERE id = ANY ($1::uuid[])`, [
        rows.map((row) => row.id),
      ]);
    }
    return rows.length;
  }

  private async resealUnderCurrentKey(): Promise<number> {
    const { sealer } = this;
    let resealed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; subscription_id: string; sealed: string }[] = await this.dataSource.query(
        `SELECT id, subscription_id, sealed FROM webhook_secret WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, RESEAL_PAGE],
      );
      for (const row of rows.filter((candidate) => !sealer.isCurrent(candidate.sealed))) {
        const [secret] = this.open(row.subscription_id, [row.sealed]);
        if (secret === undefined) continue;
        // Only if no other instance sealed it meanwhile.
        const updated = await this.dataSource.query(
          `UPDATE webhook_secret SET sealed = $3 WHERE id = $1 AND sealed = $2 RETURNING id`,
          [row.id, row.sealed, sealer.seal(secret, row.subscription_id)],
        );
        resealed += updated.length;
      }
      if (rows.length < RESEAL_PAGE) return resealed;
      after = rows[rows.length - 1].id;
    }
  }
}

/** Checked here rather than with the settings: the migration job, which shares them, seals nothing. */
function readKeys({ WEBHOOK_SECRET_KEYS_FILE: file, NODE_ENV }: MonitoringEnvironment): string {
  if (file === '' && NODE_ENV === 'production') {
    throw new Error('WEBHOOK_SECRET_KEYS_FILE must be set in production: the development key seals nothing');
  }
  if (file === '') return DEVELOPMENT_SEALING_KEYS;
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new Error(`WEBHOOK_SECRET_KEYS_FILE: cannot read ${file} (${(error as Error).message})`, { cause: error });
  }
}
