import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { DATE_INPUT_PATTERN, INPUT_YEARS } from '@redmet/contracts';
import { addDays, type Clock } from '@redmet/platform';

export const KNOWLEDGE = ['now', 'then'] as const;
export type Knowledge = (typeof KNOWLEDGE)[number];

/**
 * When a figure is computed for (`asOf`, the valid date) and with what
 * knowledge: every input as known now, or only what had been received by the
 * end of `asOf` (before later amendments, uploads and configuration changes).
 * Days are TIME_ZONE's, as in the other services.
 */
export interface Perspective {
  asOf: string;
  knowledge: Knowledge;
  /** Null when known now. */
  knownAt: Date | null;
}

export class PerspectiveQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The date the figures are for; today (in TIME_ZONE) when omitted',
  })
  @IsOptional()
  @Matches(DATE_INPUT_PATTERN, { message: `asOf must be a date written YYYY-MM-DD, of the years ${INPUT_YEARS}` })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOf must be a real calendar date' })
  asOf?: string;

  @ApiPropertyOptional({
    enum: KNOWLEDGE,
    default: 'now',
    description: '`now`: as known today (amendments included); `then`: as known at the end of asOf',
  })
  @IsOptional()
  @IsIn(KNOWLEDGE)
  knowledge?: Knowledge;
}

/** What a request asks for: asOf is today on TIME_ZONE's calendar unless given. */
export function perspectiveOf(query: PerspectiveQuery, clock: Clock): Perspective {
  return perspectiveOn(query.asOf ?? clock.today(), query.knowledge ?? 'now', clock);
}

export function perspectiveOn(asOf: string, knowledge: Knowledge, clock: Clock): Perspective {
  return { asOf, knowledge, knownAt: knowledge === 'then' ? endOfDay(asOf, clock) : null };
}

const HOUR_MS = 3_600_000;

/**
 * The last millisecond of a day on TIME_ZONE's calendar: what became known by
 * then was known on that day, as the SQL function known_day() counts it.
 * Searched for by halving, from the next day's UTC midnight less 15 hours
 * (still the day in every zone, UTC−12 to UTC+14) to it plus 13 (the next day
 * everywhere), so that a day a clock change shortens or lengthens, even at
 * midnight, ends where the zone's own calendar ends it.
 */
export function endOfDay(day: string, clock: Clock): Date {
  const nextMidnight = Date.parse(addDays(day, 1));
  let known = nextMidnight - 15 * HOUR_MS;
  let after = nextMidnight + 13 * HOUR_MS;
  while (after - known > 1) {
    const middle = Math.floor((known + after) / 2);
    if (clock.dayOf(new Date(middle)) <= day) known = middle;
    else after = middle;
  }
  return new Date(known);
}
