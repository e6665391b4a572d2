import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { INPUT_YEARS, MONTH_INPUT_PATTERN } from '@redmet/contracts';
import { KNOWLEDGE, type Knowledge } from '../../common/perspective';

export class TargetHistoryQuery {
  @ApiProperty({ example: '2025-01', description: 'First month (its last day is the first point)' })
  @Matches(MONTH_INPUT_PATTERN, { message: `from must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  from: string;

  @ApiProperty({ example: '2026-10', description: 'Last month; at most 120 months after from' })
  @Matches(MONTH_INPUT_PATTERN, { message: `to must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  to: string;

  @ApiPropertyOptional({ enum: KNOWLEDGE, default: 'now', description: '`then`: each point as known at its own date' })
  @IsOptional()
  @IsIn(KNOWLEDGE)
  knowledge?: Knowledge;
}
