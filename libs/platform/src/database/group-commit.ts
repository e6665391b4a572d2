import { AsyncResource } from 'node:async_hooks';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { closeGroup, openGroup } from './group-batching';

export interface GroupCommitOptions<I, R> {
  /** Most items in one group; later ones wait for the next. */
  maxSize: number;
  /**
   * Commits a group of two or more at once, answering each item's result in order. If it throws, each
   * goes alone, unless `goAlone` says the failure leaves the group's outcome unknown.
   */
  together(items: I[]): Promise<R[]>;
  /** Whether the items of a group that failed with this error may run again alone (default: always). */
  goAlone?(error: unknown): boolean;
  /** One item on its own, with whatever retries it has: a lone item, and each item of a failed group. */
  alone(item: I): Promise<R>;
  /** A group failed and its items now go alone. */
  onGroupFailed?(error: unknown, size: number): void;
}

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items that arrive while a commit is in progress are committed
 * together once it ends (one transaction, one fsync for all of them), so a
 * busy service pays per group what an idle one pays per item. An idle one
 * commits a lone item at once, as before. If a group fails, for whatever
 * reason and whichever item caused it, every item of it goes alone, so one bad
 * item costs the others only a second try and its error reaches only its own
 * caller.
 */
export class GroupCommit<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private busy = false;
  /**
   * The async context the groups commit in: their creator's, not that of whichever caller's turn
   * started them, whose request would otherwise own statements (BEGIN, COMMIT, a group's shared
   * inserts) of groups it has no part in, even after it answered.
   */
  private readonly scope = new AsyncResource('GroupCommit');

  constructor(private readonly options: GroupCommitOptions<I, R>) {
    if (!(options.maxSize >= 1)) throw new Error(`a group holds at least one item, not ${options.maxSize}`);
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.busy) void this.scope.runInAsyncScope(() => this.commitWaiting());
    });
  }

  /** Whatever waits when a commit ends is the next group. */
  private async commitWaiting(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting.length > 0) {
        await this.commit(this.waiting.splice(0, this.options.maxSize));
      }
    } finally {
      this.busy = false;
    }
  }

  private async commit(group: Waiting<I, R>[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]);
    let results: R[];
    try {
      results = await this.options.together(group.map(({ item }) => item));
    } catch (error) {
      if (this.options.goAlone && !this.options.goAlone(error)) {
        for (const { reject } of group) reject(error);
        return;
      }
      try {
        this.options.onGroupFailed?.(error, group.length);
      } catch {
        // A report of the failure must not strand the group's callers.
      }
      // Not awaited: each is an ordinary transaction now, and the next group need not wait for their retries.
      for (const waiting of group) void this.alone(waiting);
      return;
    }
    group.forEach(({ resolve }, i) => resolve(results[i]));
  }

  private async alone({ item, resolve, reject }: Waiting<I, R>): Promise<void> {
    try {
      resolve(await this.options.alone(item));
    } catch (error) {
      reject(error);
    }
  }
}

/** Work done in the transaction it is given; it may run twice (in a failed group, then alone). */
export type TransactionWork<T> = (manager: EntityManager) => Promise<T>;

interface Unit {
  /** What the unit writes: units of one key run one after the other. */
  key: string;
  work: TransactionWork<unknown>;
}

/**
 * Group commit of independent transactions in one. Units of one key (say, one
 * report) run one after the other in arrival order, each seeing what the one
 * before it wrote, as in consecutive transactions. Units of different keys run
 * side by side on the group's connection: their statements are queued on it,
 * so it never waits for the event loop to hand it a unit's next statement.
 * Such units must not rely on one another's writes, except through a
 * constraint that fails one of them (a site claimed twice): the group is then
 * rolled back and each unit runs alone. Alone, a unit runs in its own
 * transaction through `retry` (give `(attempt) => attempt()` for none).
 */
export class GroupTransactions {
  private readonly groups: GroupCommit<Unit, unknown>;

  constructor(
    dataSource: DataSource,
    options: {
      maxSize: number;
      retry: <T>(attempt: () => Promise<T>) => Promise<T>;
      onGroupFailed?: GroupCommitOptions<unknown, unknown>['onGroupFailed'];
    },
  ) {
    this.groups = new GroupCommit({
      maxSize: options.maxSize,
      together: (units) => dataSource.transaction((manager) => runSideBySide(manager, units)),
      // A unit's failure rolled the group back: each may run again. A failing BEGIN or COMMIT may have
      // committed it all (a connection lost during COMMIT): running the units again could file twice;
      // not so a commit hook's refusal, thrown before COMMIT was sent.
      goAlone: (error) => error instanceof UnitFailed || refusedBeforeCommit(error),
      alone: (unit) => options.retry(() => dataSource.transaction(unit.work)),
      onGroupFailed: (error, size) => options.onGroupFailed?.(error instanceof UnitFailed ? error.cause : error, size),
    });
  }

  /**
   * The work runs in its caller's async context (correlation id, trace,
   * request logger), whichever caller's turn started the group.
   */
  run<T>(key: string, work: TransactionWork<T>): Promise<T> {
    const started: TransactionWork<T> = (manager) => {
      for (const listener of unitListeners) listener(manager);
      return work(manager);
    };
    return this.groups.submit({ key, work: AsyncResource.bind(started) }) as Promise<T>;
  }
}

type UnitListener = (manager: EntityManager) => void;

const unitListeners = new Set<UnitListener>();

/**
 * Told, in a unit's own async context, of the transaction it starts in. Watching the unit's statements
 * would not do: those gathered with other units' (GroupBatch, GroupInserts) are sent from another
 * unit's context, and a unit may send none of its own. Returns what stops the listening.
 */
export function onGroupUnitStart(listener: UnitListener): () => void {
  unitListeners.add(listener);
  return () => unitListeners.delete(listener);
}

/**
 * Marks an error a transaction's commit hook throws before COMMIT is sent: nothing of the transaction
 * committed, so the units of a group that failed with it may run again alone.
 */
export const REFUSED_BEFORE_COMMIT: unique symbol = Symbol('refused before commit');

function refusedBeforeCommit(error: unknown): boolean {
  return typeof error === 'object' && error !== null && REFUSED_BEFORE_COMMIT in error;
}

/**
 * Each key's units in order, the keys side by side. Returns only when every
 * unit has settled, so that none is still using the connection when the
 * transaction ends; a failure is reported as the first unit that failed.
 */
async function runSideBySide(manager: EntityManager, units: Unit[]): Promise<unknown[]> {
  const client = (await manager.queryRunner?.connect()) as PoolClient | undefined;
  const restore = client ? queueStatements(client) : () => undefined;
  const group = openGroup(manager);
  try {
    const results = await settleAll(manager, units);
    await group.inserts.flush(manager).catch((error: unknown) => {
      throw new UnitFailed(error);
    });
    return results;
  } finally {
    closeGroup(manager);
    restore();
  }
}

/**
 * Sends the connection's statements one after the other ourselves: pg 8 would
 * queue a statement sent while another runs, but deprecates that. The next one
 * still goes out as soon as the previous is answered, in the answer's own turn
 * of the event loop.
 */
function queueStatements(client: PoolClient): () => void {
  const query = client.query;
  let previous: Promise<unknown> = Promise.resolve();
  client.query = ((...args: Parameters<PoolClient['query']>) => {
    const next = previous.then(() => query.apply(client, args));
    previous = next.catch(() => undefined);
    return next;
  }) as PoolClient['query'];
  return () => {
    client.query = query;
  };
}

async function settleAll(manager: EntityManager, units: Unit[]): Promise<unknown[]> {
  const last = new Map<string, Promise<unknown>>();
  let firstFailure: UnitFailed | undefined;
  const outcomes = units.map(({ key, work }) => {
    // A unit after a failed one of its key does not run: the group is lost anyway.
    const outcome = (last.get(key) ?? Promise.resolve()).then(async () => {
      try {
        return await work(manager);
      } catch (error) {
        firstFailure ??= new UnitFailed(error);
        throw firstFailure;
      }
    });
    last.set(key, outcome);
    return outcome;
  });
  const settled = await Promise.allSettled(outcomes);
  if (firstFailure) throw firstFailure;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
}

/** A unit of a group threw: the group was rolled back, nothing of it committed. */
class UnitFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('a unit of the group failed');
  }
}
