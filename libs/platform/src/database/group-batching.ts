import type { EntityManager } from 'typeorm';

/**
 * What the units of one group share besides the transaction: rows they append
 * (written together at the end) and statements they run side by side
 * (gathered into one).
 */
interface Group {
  inserts: GroupInserts;
  batches: Map<object, unknown>;
}

const groups = new WeakMap<EntityManager, Group>();

export function openGroup(manager: EntityManager): Group {
  const group: Group = { inserts: new GroupInserts(), batches: new Map() };
  groups.set(manager, group);
  return group;
}

export function closeGroup(manager: EntityManager): void {
  groups.delete(manager);
}

/** PostgreSQL takes at most this many parameters in one statement. */
const MAX_PARAMETERS = 65535;

/**
 * Rows that the units of a group append to a table, written for all of them
 * in one statement per table when every unit has finished (each unit's rows
 * in the order it gave them): one round trip where each unit would pay one.
 * Only for rows no unit reads back in the same transaction (an outbox).
 */
export class GroupInserts {
  private readonly tables = new Map<string, unknown[][]>();

  /** `into`: `table (column, ...)`, always the same text for a table. */
  append(into: string, rows: unknown[][]): void {
    this.tables.set(into, (this.tables.get(into) ?? []).concat(rows));
  }

  async flush(manager: EntityManager): Promise<void> {
    for (const [into, rows] of this.tables) await insertRows(manager, into, rows);
    this.tables.clear();
  }
}

/**
 * A multi-row INSERT in plain SQL (it runs inside every command, and the query
 * builder costs more than the insert), as few statements as PostgreSQL's
 * parameter limit allows.
 */
export async function insertRows(manager: EntityManager, into: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = rows[0].length;
  const perStatement = Math.floor(MAX_PARAMETERS / columns);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const tuples = chunk.map(
      (_, row) => `(${Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`).join(', ')})`,
    );
    await manager.query(`INSERT INTO ${into} VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}

/** The group's deferred inserts when `manager` runs a group of units; none in an ordinary transaction. */
export function groupInsertsOf(manager: EntityManager): GroupInserts | undefined {
  return groups.get(manager)?.inserts;
}

interface PendingBatch<K, V> {
  keys: K[];
  answers: { resolve(value: V): void; reject(error: unknown): void }[];
}

/**
 * A statement that the units of a group run side by side (a read, or a write
 * whose answer they need), gathered into one: the calls made while the units
 * start (before the event loop moves on) are answered by one `runAll`, as
 * DataLoader does. In an ordinary transaction each call runs at once, alone.
 * A failed `runAll` fails every call it gathered, and so the group.
 */
export class GroupBatch<K, V> {
  /** `runAll` answers one value for each key, in the keys' order. */
  constructor(private readonly runAll: (manager: EntityManager, keys: K[]) => Promise<V[]>) {}

  async run(manager: EntityManager, key: K): Promise<V> {
    const group = groups.get(manager);
    if (!group) return (await this.runAll(manager, [key]))[0];
    const batches = group.batches as Map<GroupBatch<K, V>, PendingBatch<K, V>>;
    let pending = batches.get(this);
    if (!pending) {
      const gathered: PendingBatch<K, V> = { keys: [], answers: [] };
      pending = gathered;
      batches.set(this, gathered);
      // After every promise job now queued: the other units reach this call in those jobs.
      process.nextTick(() => {
        batches.delete(this);
        // Called in a promise, so that a runAll that throws before returning one fails its calls, not the process.
        new Promise<V[]>((resolve) => resolve(this.runAll(manager, gathered.keys))).then(
          (values) => gathered.answers.forEach(({ resolve }, i) => resolve(values[i])),
          (error: unknown) => gathered.answers.forEach(({ reject }) => reject(error)),
        );
      });
    }
    const gathered = pending;
    gathered.keys.push(key);
    return new Promise<V>((resolve, reject) => gathered.answers.push({ resolve, reject }));
  }
}
