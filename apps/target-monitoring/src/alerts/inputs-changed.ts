import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/**
 * Tells the programme-wide alert evaluation that its inputs changed. In
 * process only: each instance evaluates after its own changes, and every
 * instance sweeps periodically, so a change made elsewhere is seen too.
 */
@Injectable()
export class InputsChanged implements EntitySubscriberInterface, OnModuleInit {
  private dirty = true;
  /** Transactions whose changes mark the inputs once they commit. */
  private readonly uncommitted = new WeakSet<QueryRunner>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  mark(): void {
    this.dirty = true;
  }

  /**
   * For a change made in a transaction that the caller does not commit (a
   * registry listener's): marked at its commit, since an evaluation taking
   * the mark before then would judge figures without the change.
   */
  markOnCommit(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) this.uncommitted.add(runner);
    else this.mark();
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // Still active: only a savepoint was released.
    if (!queryRunner.isTransactionActive && this.uncommitted.delete(queryRunner)) this.mark();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.uncommitted.delete(queryRunner);
  }

  /** True once after each change. */
  take(): boolean {
    const was = this.dirty;
    this.dirty = false;
    return was;
  }
}
