import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformEnvironment } from '@redmet/platform';
import { recomputeKnowledge } from './output-knowledge';

/**
 * Makes the days on which things became known (the SQL function known_day()
 * and the `known_on` columns summed from it) days of `timeZone`, so that
 * they agree with the days the code asks about (Clock: "today", the end of
 * `asOf`). `calendar_zone` names the zone they are in now; when it is
 * another, the function is redefined with the zone written into it and the
 * stored days are summed again from the stored instants, in the caller's
 * transaction. Returns whether anything changed.
 *
 * The zone is a constant of known_day() rather than read from the table by
 * it: a function that runs a query is not inlined, and a replay calls it for
 * every line and month. Because its body changes, known_day() must never be
 * used in an index or a stored column: those would keep the old days.
 */
export async function keepDaysIn(manager: EntityManager, timeZone: string): Promise<boolean> {
  // Taken first, so that two instances starting with a new TIME_ZONE count the days once.
  const [kept]: { time_zone: string }[] = await manager.query(`SELECT time_zone FROM calendar_zone FOR UPDATE`);
  if (kept.time_zone === timeZone) return false;
  const [zone]: { literal: string }[] = await manager.query(
    `SELECT quote_literal(name) AS literal FROM pg_timezone_names WHERE name = $1`,
    [timeZone],
  );
  if (!zone) throw new Error(`PostgreSQL does not know the time zone ${timeZone} (TIME_ZONE)`);
  // 999 µs: a moment after the last millisecond of a day (endOfDay) was not known by its end.
  await manager.query(`
    CREATE OR REPLACE FUNCTION known_day(instant timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT date_trunc('day', (instant AT TIME ZONE ${zone.literal}) + interval '999 microseconds')::date
    $$`);
  await manager.query(`UPDATE calendar_zone SET time_zone = $1`, [timeZone]);
  // The truncation waits for the consumers' transactions that wrote these tables and holds off the next ones
  // until this one commits: those plan their statements with the new function then.
  await recomputeKnowledge(manager);
  return true;
}

/**
 * The days are made TIME_ZONE's by the migration that introduced them; a
 * TIME_ZONE changed since would leave the stored days in the old zone while
 * "today" and "as known then" follow the new one, so every start checks.
 */
@Injectable()
export class KnownDays implements OnModuleInit {
  private readonly logger = new Logger(KnownDays.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: PlatformEnvironment,
  ) {}

  async onModuleInit(): Promise<void> {
    const zone = this.environment.TIME_ZONE;
    if (await this.dataSource.transaction((manager) => keepDaysIn(manager, zone))) {
      this.logger.warn(`TIME_ZONE is ${zone}: what became known day by day was counted again in its days`);
    }
  }
}
