import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { PlatformEnvironment } from '../config/platform.environment';
import { scheduleJob } from '../scheduling/scheduled-job';

export interface RequestFingerprint {
  method: string;
  path: string;
  bodyDigest: string;
}

export interface KeptAnswer {
  status: number;
  headers: Record<string, string>;
  /** The JSON sent, or null for an empty body. */
  body: string | null;
}

/** The request that holds a key: its fingerprint, and its answer once it has one. */
export interface HeldKey extends RequestFingerprint {
  answer: KeptAnswer | null;
  /** Its change committed, but no answer was kept within the in-progress timeout: none will be. */
  answerLost: boolean;
}

export interface KeyClaim {
  caller: string;
  key: string;
  claimId: string;
}

/** The key is ours to run with, or held by another request (undefined: released as we looked, twice). */
export type ClaimOutcome = { claim: KeyClaim } | { held: HeldKey | undefined };

/** Expired answers are deleted every ten minutes; an expired row is also reused at once by a new claim of its key. */
const PURGE_CRON = '0 */10 * * * *';

/** The idempotent_request table of the service's own database. */
@Injectable()
export class IdempotentRequests implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: PlatformEnvironment,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /**
   * One statement, so two first requests with one key cannot both run: the row is ours if it is new,
   * expired, or claimed for this same request by a run that has not answered within the in-progress
   * timeout (its process presumably died) and whose change has not committed (ClaimFence): running
   * that again would make it twice.
   */
  async claim(caller: string, key: string, request: RequestFingerprint): Promise<ClaimOutcome> {
    const outcome = await this.claimOnce(caller, key, request);
    // Released (its run failed on the service's side) between the insert and the look: the key is free again.
    return 'held' in outcome && outcome.held === undefined ? this.claimOnce(caller, key, request) : outcome;
  }

  private async claimOnce(caller: string, key: string, request: RequestFingerprint): Promise<ClaimOutcome> {
    const claimId = randomUUID();
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotent_request AS held
         (caller, idempotency_key, method, path, body_digest, claim_id, claimed_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now() + make_interval(hours => $7))
       ON CONFLICT (caller, idempotency_key) DO UPDATE SET
         method = excluded.method, path = excluded.path, body_digest = excluded.body_digest,
         claim_id = excluded.claim_id, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at,
         status = NULL, headers = NULL, body = NULL, committed_at = NULL
       WHERE held.expires_at <= now()
          OR (held.status IS NULL
              AND held.committed_at IS NULL
              AND held.claimed_at <= now() - make_interval(secs => $8)
              AND (held.method, held.path, held.body_digest) = (excluded.method, excluded.path, excluded.body_digest))
       RETURNING claim_id`,
      [
        caller,
        key,
        request.method,
        request.path,
        request.bodyDigest,
        claimId,
        this.environment.IDEMPOTENCY_TTL_HOURS,
        this.environment.IDEMPOTENCY_IN_PROGRESS_TIMEOUT_SECONDS,
      ],
    );
    if (claimed.length === 1) return { claim: { caller, key, claimId } };
    const [held] = await this.dataSource.query<
      {
        method: string;
        path: string;
        body_digest: string;
        status: number | null;
        headers: never;
        body: never;
        answer_lost: boolean;
      }[]
    >(
      // Within the timeout a committed run may still be about to keep its answer.
      `SELECT method, path, body_digest, status, headers, body,
              committed_at IS NOT NULL AND claimed_at <= now() - make_interval(secs => $3) AS answer_lost
       FROM idempotent_request
       WHERE caller = $1 AND idempotency_key = $2`,
      [caller, key, this.environment.IDEMPOTENCY_IN_PROGRESS_TIMEOUT_SECONDS],
    );
    if (!held) return { held: undefined };
    const answer = held.status === null ? null : { status: held.status, headers: held.headers, body: held.body };
    return {
      held: {
        method: held.method,
        path: held.path,
        bodyDigest: held.body_digest,
        answer,
        answerLost: answer === null && held.answer_lost,
      },
    };
  }

  async keep(claim: KeyClaim, answer: KeptAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotent_request SET status = $4, headers = $5, body = $6
       WHERE caller = $1 AND idempotency_key = $2 AND claim_id = $3`,
      [claim.caller, claim.key, claim.claimId, answer.status, answer.headers, answer.body],
    );
  }

  /** Forgets the claim, so that the key's next request runs. */
  async release(claim: KeyClaim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotent_request WHERE caller = $1 AND idempotency_key = $2 AND claim_id = $3`,
      [claim.caller, claim.key, claim.claimId],
    );
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotent_request WHERE expires_at <= now()`);
  }

  onApplicationBootstrap(): void {
    scheduleJob(this.scheduler, 'idempotency-purge', PURGE_CRON, () => this.purgeExpired());
  }
}
