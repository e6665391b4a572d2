import type { EntityManager } from 'typeorm';
import { closeGroup, GroupInserts, GroupBatch, insertRows, openGroup } from './group-batching';

/** A stand-in for a transaction's manager that records the statements sent through it. */
function recordingManager() {
  const statements: { sql: string; parameters: unknown[] }[] = [];
  const manager = {
    query: async (sql: string, parameters: unknown[]) => {
      statements.push({ sql, parameters });
      return [];
    },
  } as unknown as EntityManager;
  return { manager, statements };
}

describe('GroupBatch', () => {
  const squares = () => {
    const asked: number[][] = [];
    const reads = new GroupBatch<number, number>(async (_manager, keys) => {
      asked.push(keys);
      if (keys.includes(13)) throw new Error('13 is unlucky');
      return keys.map((key) => key * key);
    });
    return { reads, asked };
  };

  it("answers the calls a group's units make side by side from one statement, each with its own value", async () => {
    const { manager } = recordingManager();
    const { reads, asked } = squares();
    openGroup(manager);
    try {
      const answers = await Promise.all([2, 3, 4].map((key) => reads.run(manager, key)));
      const later = await reads.run(manager, 5);

      expect(answers).toEqual([4, 9, 16]);
      expect(later).toBe(25);
      expect(asked).toEqual([[2, 3, 4], [5]]);
    } finally {
      closeGroup(manager);
    }
  });

  it('gathers the calls that units reach after awaiting something already settled', async () => {
    const { manager } = recordingManager();
    const { reads, asked } = squares();
    openGroup(manager);
    try {
      const unit = async (key: number) => {
        await Promise.resolve();
        await Promise.resolve();
        return reads.run(manager, key);
      };
      expect(await Promise.all([unit(6), reads.run(manager, 7)])).toEqual([36, 49]);
      expect(asked).toEqual([[7, 6]]);
    } finally {
      closeGroup(manager);
    }
  });

  it('fails every call of a gathered statement that fails', async () => {
    const { manager } = recordingManager();
    const { reads } = squares();
    openGroup(manager);
    try {
      const outcomes = await Promise.allSettled([reads.run(manager, 12), reads.run(manager, 13)]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    } finally {
      closeGroup(manager);
    }
  });

  it('fails the calls, not the process, when the statement cannot even be built', async () => {
    const { manager } = recordingManager();
    const unbuildable = new GroupBatch<number, number>((_manager, keys) => {
      if (keys.includes(13)) throw new Error('13 cannot be written');
      return Promise.resolve(keys);
    });
    openGroup(manager);
    try {
      const outcomes = await Promise.allSettled([unbuildable.run(manager, 12), unbuildable.run(manager, 13)]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    } finally {
      closeGroup(manager);
    }
  });

  it('runs each call at once, alone, in an ordinary transaction', async () => {
    const { manager } = recordingManager();
    const { reads, asked } = squares();
    expect(await Promise.all([reads.run(manager, 2), reads.run(manager, 3)])).toEqual([4, 9]);
    expect(asked).toEqual([[2], [3]]);
  });
});

describe('GroupInserts and insertRows', () => {
  it("writes every unit's rows of a table in one statement, in the order they were appended", async () => {
    const { manager, statements } = recordingManager();
    const inserts = new GroupInserts();
    inserts.append('event (id, body)', [[1, 'a']]);
    inserts.append('event (id, body)', [
      [2, 'b'],
      [3, 'c'],
    ]);

    await inserts.flush(manager);

    expect(statements).toEqual([
      { sql: 'INSERT INTO event (id, body) VALUES ($1, $2), ($3, $4), ($5, $6)', parameters: [1, 'a', 2, 'b', 3, 'c'] },
    ]);
    await inserts.flush(manager);
    expect(statements).toHaveLength(1);
  });

  it("splits rows over as few statements as PostgreSQL's 65,535 parameters allow", async () => {
    const { manager, statements } = recordingManager();
    const rows = Array.from({ length: 25_000 }, (_, i) => [i, `row ${i}`, null, true, 'x', 'y']);

    await insertRows(manager, 'wide (a, b, c, d, e, f)', rows);

    expect(statements.map((statement) => statement.parameters.length)).toEqual([65_532, 65_532, 18_936]);
    expect(statements.flatMap((statement) => statement.parameters)).toEqual(rows.flat());
  });
});
