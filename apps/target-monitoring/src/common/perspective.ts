import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { DATE_INPUT_PATTERN, INPUT_YEARS } from '@redmet/contracts';
import { today } from './months';

export const KNOWLEDGE = ['now', 'then'] as const;
export type Knowledge = (typeof KNOWLEDGE)[number];

/**
 * When a figure is computed for (`asOf`, the valid date) and with what
 * knowledge: every input as known now, or only what had been received by the
 * end of `asOf` (before later amendments, uploads and configuration changes).
 */
export interface Perspective {
  asOf: string;
  knowledge: Knowledge;
  /** Null when known now. */
  knownAt: Date | null;
}

export class PerspectiveQuery {
  @ApiPropertyOptional({ format: 'date', description: 'The date the figures are for; today when omitted' })
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

export function perspectiveOf(query: PerspectiveQuery): Perspective {
  const asOf = query.asOf ?? today();
  const knowledge = query.knowledge ?? 'now';
  return { asOf, knowledge, knownAt: knowledge === 'then' ? endOfDay(asOf) : null };
}

export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}
