import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BudgetReserved } from '@redmet/contracts';
import { sampleEvent, samplePayload } from '@redmet/contracts/testing';
import { BudgetArrival1764403600000 } from '../src/database/migrations/1764403600000-budget-arrival';
import { SubsidyProjection } from '../src/subsidy/subsidy.projection';
import { type MigratedDatabase, migratedDatabase } from './support/migrated-database';

const [MIXED, TIED] = [2016, 2017];

/** The upgrade that decides a year's budget over its whole history, on a database that already holds budgets: no service, only the database. */
describe('budget history after the upgrade', () => {
  let database: MigratedDatabase | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await migratedDatabase('budget_arrival');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  const budgets = () =>
    dataSource.query(
      `SELECT programme_year, committed_kopecks, budget_version FROM subsidy_budget ORDER BY programme_year`,
    );

  it('restates the budgets the rule before left otherwise, and keeps the later arrival at a tie', async () => {
    // As the database was before the upgrade (the migrations after it touch other tables).
    const [upgrade, runner] = [new BudgetArrival1764403600000(), dataSource.createQueryRunner()];
    await upgrade.down(runner);
    // Of two uncounted events stamped at once, the standing one arrived later: its id sorts first.
    const [earlier, later] = [randomUUID(), randomUUID()].sort().reverse();
    const history: [year: number, event: string, committed: number, asOf: string, count: number | null][] = [
      // Counted 2 stamped after counted 3 by a clock ahead, an uncounted change between them: the rule
      // before left the count 2 standing when they came oldest first.
      [MIXED, randomUUID(), 60, '2079-03-10T08:59:59.000Z', 3],
      [MIXED, randomUUID(), 70, '2079-03-10T08:59:59.500Z', null],
      [MIXED, randomUUID(), 100, '2079-03-10T09:00:00.000Z', 2],
      [TIED, earlier, 10, '2079-05-01T09:00:00.000Z', null],
      [TIED, later, 20, '2079-05-01T09:00:00.000Z', null],
    ];
    for (const [year, event, committed, asOf, count] of history)
      await dataSource.query(
        `INSERT INTO subsidy_budget_version (event_id, programme_year, total_kopecks, committed_kopecks,
           available_kopecks, utilisation_percent, as_of, budget_version)
         VALUES ($1, $2, 1000, $3::bigint, 1000 - $3::bigint, $3::bigint / 10.0, $4, $5)`,
        [event, year, committed, asOf, count],
      );
    await dataSource.query(
      `INSERT INTO subsidy_budget (event_id, programme_year, total_kopecks, committed_kopecks, available_kopecks,
         utilisation_percent, as_of, budget_version)
       SELECT event_id, programme_year, total_kopecks, committed_kopecks, available_kopecks, utilisation_percent,
              as_of, budget_version
         FROM subsidy_budget_version WHERE committed_kopecks IN (100, 20)`,
    );

    await upgrade.up(runner);
    await runner.release();

    expect(await budgets()).toEqual([
      { programme_year: MIXED, committed_kopecks: '60', budget_version: '3' },
      { programme_year: TIED, committed_kopecks: '20', budget_version: null },
    ]);
    // An event arriving after the upgrade, stamped at the same moment, arrived after those before it.
    await dataSource.transaction((manager) =>
      new SubsidyProjection().applyBudgets(manager, [
        sampleEvent(BudgetReserved, {
          eventId: '00000000-0000-4000-8000-000000000000',
          occurredAt: '2079-05-01T09:00:00.000Z',
          payload: {
            ...samplePayload(BudgetReserved),
            programmeYear: TIED,
            totalKopecks: '1000',
            committedKopecks: '30',
            availableKopecks: '970',
            utilisationPercent: '3.00',
          },
        }),
      ]),
    );
    expect(await budgets()).toEqual([
      { programme_year: MIXED, committed_kopecks: '60', budget_version: '3' },
      { programme_year: TIED, committed_kopecks: '30', budget_version: null },
    ]);
  });
});
