import { randomUUID } from 'node:crypto';
import {
  type BudgetFigures,
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  type EventDefinition,
  type EventEnvelope,
} from '@redmet/contracts';
import { sampleEvent, samplePayload } from '@redmet/contracts/testing';
import { DataSource } from 'typeorm';
import { SubsidyProjection } from '../src/subsidy/subsidy.projection';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/** Years no other test publishes budgets for: the budget topic is shared with every test running. */
const [NEWEST_FIRST, OLDEST_FIRST, ONE_BATCH, TIED_ONE_BY_ONE, TIED_BATCH] = [2011, 2012, 2013, 2014, 2015];

type Budget = [definition: EventDefinition<BudgetFigures>, figures: Partial<BudgetFigures>, occurredAt: string];

const figures = (totalKopecks: string, committedKopecks: string, budgetVersion?: number) => ({
  totalKopecks,
  committedKopecks,
  availableKopecks: String(BigInt(totalKopecks) - BigInt(committedKopecks)),
  utilisationPercent: ((Number(committedKopecks) / Number(totalKopecks)) * 100).toFixed(2),
  budgetVersion,
});

/**
 * One year's budget events, oldest first by their stamps: a total from before events were counted,
 * three counted changes, the third stamped by a clock behind the second's, and an uncounted change (an
 * instance of the previous version during a rollout) stamped between those two. No uncounted event was
 * made after every counted one, so the highest count stands: 60 000 000 committed.
 */
const BUDGET: Budget[] = [
  [BudgetTotalChanged, figures('900000000', '0'), '2079-01-10T09:00:00.000Z'],
  [BudgetTotalChanged, figures('1000000000', '0', 1), '2079-01-15T09:00:00.000Z'],
  [BudgetReleased, figures('1000000000', '60000000', 3), '2079-03-10T08:59:59.000Z'],
  [BudgetReserved, figures('1000000000', '70000000'), '2079-03-10T08:59:59.500Z'],
  [BudgetReserved, figures('1000000000', '100000000', 2), '2079-03-10T09:00:00.000Z'],
];
const STANDING = {
  total_kopecks: '1000000000',
  committed_kopecks: '60000000',
  utilisation_percent: '6.00',
  as_of: new Date('2079-03-10T08:59:59.000Z'),
  budget_version: '3',
};

/** Two uncounted events stamped at the same moment: the one to arrive later (they share the year's key) stands. */
const TIED: Budget[] = [
  [BudgetReserved, figures('1000000000', '10000000'), '2079-05-01T09:00:00.000Z'],
  [BudgetReserved, figures('1000000000', '20000000'), '2079-05-01T09:00:00.000Z'],
];

const payload = ([definition, budget]: Budget, programmeYear: number) => ({
  ...samplePayload(definition),
  ...budget,
  programmeYear,
});

/**
 * The live row of a year's budget is the same whatever order or grouping its events come in: one at a
 * time through Kafka newest first or oldest first (as consumed live), or all in one batch (as a rebuild
 * applies them), and it is what the summary as of the end of the year gives.
 */
describe('subsidy budget whatever the order of its events', () => {
  let monitoring: MonitoringTestApp;

  const oneBatch = (events: Budget[], programmeYear: number) =>
    monitoring.app.get(DataSource).transaction((manager) =>
      monitoring.app.get(SubsidyProjection).applyBudgets(
        manager,
        events.map(
          (event) =>
            sampleEvent(event[0], {
              eventId: randomUUID(),
              occurredAt: event[2],
              payload: payload(event, programmeYear),
            }) as EventEnvelope<BudgetFigures>,
        ),
      ),
    );

  beforeAll(async () => {
    monitoring = await startMonitoring();
    const published = [];
    for (const [events, programmeYear] of [
      [[...BUDGET].reverse(), NEWEST_FIRST],
      [BUDGET, OLDEST_FIRST],
      [TIED, TIED_ONE_BY_ONE],
    ] as const)
      for (const event of events)
        published.push(
          await monitoring.publish(event[0], String(programmeYear), payload(event, programmeYear), {
            occurredAt: event[2],
          }),
        );
    await monitoring.processed(...published);
    expect(await oneBatch(BUDGET, ONE_BATCH)).toEqual([ONE_BATCH]);
    await oneBatch(TIED, TIED_BATCH);
  });

  afterAll(async () => {
    await monitoring.close();
  });

  const rows = (years: number[]) =>
    monitoring.query(
      `SELECT programme_year, total_kopecks, committed_kopecks, utilisation_percent, as_of, budget_version
         FROM subsidy_budget WHERE programme_year = ANY($1) ORDER BY programme_year`,
      [years],
    );

  const summary = async (programmeYear: number, asOf?: string) =>
    (await (await monitoring.http()).get('/subsidy/summary').query({ programmeYear, asOf }).expect(200)).body.budget;

  it('keeps the highest count unless an uncounted event came after every counted one, in any order or batch', async () => {
    const years = [NEWEST_FIRST, OLDEST_FIRST, ONE_BATCH];
    expect(await rows(years)).toEqual(years.map((programmeYear) => ({ programme_year: programmeYear, ...STANDING })));
    for (const year of years) {
      expect(await summary(year)).toEqual({
        totalKopecks: '1000000000',
        committedKopecks: '60000000',
        availableKopecks: '940000000',
        utilisationPercent: '6.00',
        asOf: '2079-03-10T08:59:59.000Z',
      });
      expect(await summary(year)).toEqual(await summary(year, '2079-12-31'));
    }
  });

  it('of two uncounted events stamped at once keeps the later to arrive, one at a time or in one batch', async () => {
    for (const year of [TIED_ONE_BY_ONE, TIED_BATCH]) {
      expect(await summary(year)).toMatchObject({ committedKopecks: '20000000', utilisationPercent: '2.00' });
      expect(await summary(year)).toEqual(await summary(year, '2079-12-31'));
    }
  });
});
