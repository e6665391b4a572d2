import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MonitoringEnvironment } from '../monitoring.environment';
import { DEVELOPMENT_SEALING_KEYS, SealedSecretUnreadable, SecretSealer } from './secret-sealing';

/** What signs a webhook's deliveries now: its newest secret first, then those a rotation lets overlap. */
export const SIGNING_SECRETS = (subscription: string) =>
  `(SELECT array_agg(s.sealed ORDER BY s.created_at DESC, s.id) FROM webhook_secret s
     WHERE s.subscription_id = ${subscription} AND (s.retired_at IS NULL OR s.retired_at > now()))`;

const RESEAL_PAGE = 500;

/**
 * A webhook's signing secrets: made, sealed and kept here, opened only to
 * sign a delivery. Each is shown once, in the answer to the registration or
 * rotation that made it.
 */
@Injectable()
export class WebhookSecrets implements OnModuleInit {
  private readonly logger = new Logger(WebhookSecrets.name);
  private readonly sealer: SecretSealer;

  constructor(
    private readonly dataSource: DataSource,
    environment: MonitoringEnvironment,
  ) {
    this.sealer = new SecretSealer(readKeys(environment));
  }

  /** Before any delivery is signed: what is kept in plain text, or under a key no longer the first, is sealed anew. */
  async onModuleInit(): Promise<void> {
    const plain = await this.sealPlainText();
    const resealed = await this.resealUnderCurrentKey();
    if (plain + resealed > 0) {
      this.logger.log(`webhook secrets sealed: ${plain} kept in plain text, ${resealed} under an older key`);
    }
  }

  /** A new secret for the subscription, sealed in `manager`'s transaction; the plain secret is returned to be shown once. */
  async issue(manager: EntityManager, subscriptionId: string): Promise<string> {
    const secret = randomBytes(32).toString('hex');
    await manager.query(`INSERT INTO webhook_secret (id, subscription_id, sealed) VALUES ($1, $2, $3)`, [
      randomUUID(),
      subscriptionId,
      this.sealer.seal(secret, subscriptionId),
    ]);
    return secret;
  }

  /** The subscription's secrets still signing stop `keepHours` from now (at once for 0); returns when, or null if none. */
  async retire(manager: EntityManager, subscriptionId: string, keepHours: number): Promise<Date | null> {
    const [{ until }]: { until: Date | null }[] = await manager.query(
      `WITH retired AS (
         UPDATE webhook_secret SET retired_at = least(coalesce(retired_at, 'infinity'), now() + make_interval(hours => $2))
          WHERE subscription_id = $1 AND (retired_at IS NULL OR retired_at > now())
         RETURNING retired_at)
       SELECT max(retired_at) AS until FROM retired`,
      [subscriptionId, keepHours],
    );
    return until;
  }

  /** The secrets that sign a delivery, as read with SIGNING_SECRETS; one that does not open is left out and logged. */
  open(subscriptionId: string, sealed: string[] | null): string[] {
    return (sealed ?? []).flatMap((value) => {
      try {
        return [this.sealer.open(value, subscriptionId)];
      } catch (error) {
        if (!(error instanceof SealedSecretUnreadable)) throw error;
        this.logger.error({ subscriptionId, reason: error.message }, 'a webhook secret does not open');
        return [];
      }
    });
  }

  private async sealPlainText(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const page = await this.dataSource.transaction(async (manager) => {
        const rows: { id: string; secret: string }[] = await manager.query(
          `SELECT id, secret FROM webhook_subscription WHERE secret IS NOT NULL
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RESEAL_PAGE],
        );
        for (const row of rows) {
          await manager.query(`INSERT INTO webhook_secret (id, subscription_id, sealed) VALUES ($1, $2, $3)`, [
            randomUUID(),
            row.id,
            this.sealer.seal(row.secret, row.id),
          ]);
        }
        if (rows.length > 0) {
          await manager.query(`UPDATE webhook_subscription SET secret = NULL WHERE id = ANY ($1::uuid[])`, [
            rows.map((row) => row.id),
          ]);
        }
        return rows.length;
      });
      sealed += page;
      if (page < RESEAL_PAGE) return sealed;
    }
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
      const stale = rows.filter((row) => !sealer.isCurrent(row.sealed));
      for (const row of stale) {
        let secret: string;
        try {
          secret = sealer.open(row.sealed, row.subscription_id);
        } catch (error) {
          if (!(error instanceof SealedSecretUnreadable)) throw error;
          this.logger.error({ secretId: row.id, reason: error.message }, 'a webhook secret does not open');
          continue;
        }
        // Only if no other instance sealed it meanwhile.
        await this.dataSource.query(`UPDATE webhook_secret SET sealed = $3 WHERE id = $1 AND sealed = $2`, [
          row.id,
          row.sealed,
          sealer.seal(secret, row.subscription_id),
        ]);
        resealed += 1;
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
