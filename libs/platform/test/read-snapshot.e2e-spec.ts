import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@redmet/testing';
import { readSnapshot } from '../src/database/read-snapshot';

describe('readSnapshot', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('platform_read_snapshot');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 3 }).initialize();
    await dataSource.query('CREATE TABLE item (id int PRIMARY KEY)');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('reads every statement from one moment: a change committed between two of them shows in neither', async () => {
    await dataSource.query('INSERT INTO item VALUES (1)');
    const [before, after] = await readSnapshot(dataSource, async (manager) => {
      const first: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM item');
      await dataSource.query('INSERT INTO item VALUES (2)');
      const second: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM item');
      return [first[0].n, second[0].n];
    });
    expect([before, after]).toEqual([1, 1]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM item')).toEqual([{ n: 2 }]);
  });

  it('refuses a write, and gives its connection back to the pool either way', async () => {
    // More failures than the pool has connections: one kept by a failure would leave the last read waiting forever.
    for (let i = 0; i < 4; i += 1) {
      await expect(readSnapshot(dataSource, (manager) => manager.query('INSERT INTO item VALUES (3)'))).rejects.toThrow(
        /read-only transaction/,
      );
    }
    await readSnapshot(dataSource, (manager) => manager.query('SELECT 1'));
    expect(await dataSource.query('SELECT count(*)::int AS n FROM item WHERE id = 3')).toEqual([{ n: 0 }]);
  });
});
