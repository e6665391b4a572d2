import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { KNOWLEDGE, type Knowledge } from '../../common/perspective';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class TargetHistoryQuery {
  @ApiProperty({ example: '2025-01', description: 'First month (its last day is the first point)' })
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from: string;

  @ApiProperty({ example: '2026-10', description: 'Last month; at most 120 months after from' })
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to: string;

  @ApiPropertyOptional({ enum: KNOWLEDGE, default: 'now', description: '`then`: each point as known at its own date' })
  @IsOptional()
  @IsIn(KNOWLEDGE)
  knowledge?: Knowledge;
}
