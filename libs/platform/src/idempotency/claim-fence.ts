import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';
import {
  DataSource,
  type BeforeQueryEvent,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type TransactionStartEvent,
} from 'typeorm';
import { onGroupUnitStart } from '../database/group-commit';
import { IdempotencyKeyTakenOverError } from './idempotency.errors';
import type { KeyClaim } from './idempotent-requests';

const CLAIM_KEY = 'redmet.idempotencyClaim';

/**
 * Claims whose change has committed: their key can no longer be taken over, so the run's later
 * transactions need not fence it again.
 */
const committed = new WeakSet<KeyClaim>();

/** The request runs under this claim: the transactions it commits from now on are fenced with it. */
export function runUnderClaim(claim: KeyClaim): void {
  const cls = ClsServiceManager.getClsService();
  // Without a request context (none is mounted) nothing is fenced, as before the fence.
  if (cls.isActive()) cls.set(CLAIM_KEY, claim);
}

/** The request answered: whatever it left running in its context does not commit under its key. */
export function endClaim(): void {
  const cls = ClsServiceManager.getClsService();
  if (cls.isActive()) cls.set(CLAIM_KEY, undefined);
}

function currentClaim(): KeyClaim | undefined {
  const cls = ClsServiceManager.getClsService();
  const claim = cls.isActive() ? cls.get<KeyClaim | undefined>(CLAIM_KEY) : undefined;
  return claim && !committed.has(claim) ? claim : undefined;
}

/** Outermost transaction 1, a savepoint 2 and more; TypeORM keeps it protected. */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

/**
 * Fences a change sent with an Idempotency-Key inside its own transaction: at the outermost commit of
 * a transaction the request's statements ran in, its claim's row is marked committed in the same
 * transaction, and if a retry has taken the key over meanwhile (the run outlived the in-progress
 * timeout) the transaction is rolled back instead. So a key's change commits once, and a key whose
 * change committed is never taken over, even if the answer was lost on the way to being kept.
 * A group's transaction (GroupTransactions) is fenced with the claims of all its units.
 */
@Injectable()
export class ClaimFence implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  private readonly enlisted = new WeakMap<QueryRunner, Set<KeyClaim>>();
  private stopWatchingGroups?: () => void;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
    this.stopWatchingGroups = onGroupUnitStart((manager: EntityManager) => {
      if (manager.connection === this.dataSource && manager.queryRunner) this.enlist(manager.queryRunner);
    });
  }

  onModuleDestroy(): void {
    this.stopWatchingGroups?.();
  }

  beforeQuery({ queryRunner }: BeforeQueryEvent): void {
    this.enlist(queryRunner);
  }

  beforeTransactionStart({ queryRunner }: TransactionStartEvent): void {
    // A runner whose last transaction ended without its after-event (a COMMIT lost with its connection).
    if (depthOf(queryRunner) === 0) this.enlisted.delete(queryRunner);
  }

  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    // Releasing a savepoint: the outermost transaction may still roll it back.
    if (depthOf(queryRunner) !== 1) return;
    const claims = [...(this.enlisted.get(queryRunner) ?? [])];
    if (claims.length === 0) return;
    const { records } = await queryRunner.query(
      `UPDATE idempotent_request SET committed_at = now()
       WHERE (caller, idempotency_key, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]))
       RETURNING claim_id`,
      [claims.map((claim) => claim.caller), claims.map((claim) => claim.key), claims.map((claim) => claim.claimId)],
      true,
    );
    // Not `committed_at IS NULL`: a run may commit several transactions, and once one has, its key is
    // never taken over, so its claim still matching is what says the key is still this run's.
    if ((records as unknown[]).length < claims.length) throw new IdempotencyKeyTakenOverError();
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return;
    for (const claim of this.enlisted.get(queryRunner) ?? []) committed.add(claim);
    this.enlisted.delete(queryRunner);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    // Rolled back to a savepoint: what the transaction did before it still commits under its claims.
    if (!queryRunner.isTransactionActive) this.enlisted.delete(queryRunner);
  }

  private enlist(runner: QueryRunner): void {
    if (!runner.isTransactionActive) return;
    const claim = currentClaim();
    if (!claim) return;
    const claims = this.enlisted.get(runner);
    if (claims) claims.add(claim);
    else this.enlisted.set(runner, new Set([claim]));
  }
}
