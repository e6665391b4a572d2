import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { INPUT_YEARS, MONTH_INPUT_PATTERN } from '@redmet/contracts';
import { PageQuery } from '@redmet/platform';

/** Paged like every other list here: there is a figure per HS code and period loaded, thousands in a few years. */
export class ExportCheckQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-01', description: 'Customs periods starting in or after this month' })
  @IsOptional()
  @Matches(MONTH_INPUT_PATTERN, { message: `from must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Customs periods ending in or before this month' })
  @IsOptional()
  @Matches(MONTH_INPUT_PATTERN, { message: `to must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  to?: string;
}
