import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsUuid, QueryInteger } from '@redmet/platform';
import {
  INPUT_YEARS,
  IsElementSymbol,
  IsProductCode,
  IsTonnageClass,
  MONTH_INPUT_PATTERN,
  OUTPUT_DIMENSIONS,
  type OutputDimension,
  type TonnageClass,
} from '@redmet/contracts';
import { PerspectiveQuery } from '../../common/perspective';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export class OutputQuery extends PerspectiveQuery {
  @ApiPropertyOptional({
    description: `Comma-separated: ${OUTPUT_DIMENSIONS.join(', ')} (site = facility or deposit)`,
    example: 'period,product',
    default: 'period',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(OUTPUT_DIMENSIONS, { each: true, message: `groupBy must list some of: ${OUTPUT_DIMENSIONS.join(', ')}` })
  groupBy?: OutputDimension[];

  @ApiPropertyOptional({ enum: PERIOD_KINDS, default: 'month' })
  @IsOptional()
  @IsIn(PERIOD_KINDS)
  periodKind?: PeriodKind;

  @ApiProperty({
    example: '2026-01',
    description: 'By period, widened to the first month of its quarter or year (periodKind)',
  })
  @Matches(MONTH_INPUT_PATTERN, { message: `from must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  from: string;

  @ApiProperty({
    example: '2026-12',
    description: 'By period, widened to the last month of its quarter or year (periodKind)',
  })
  @Matches(MONTH_INPUT_PATTERN, { message: `to must be a month written YYYY-MM, of the years ${INPUT_YEARS}` })
  to: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsProductCode()
  productCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsElementSymbol()
  element?: string;

  @ApiPropertyOptional({ enum: ['large', 'small'] })
  @IsOptional()
  @IsTonnageClass()
  tonnageClass?: TonnageClass;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuid()
  companyId?: string;

  @ApiPropertyOptional({ example: 'Murmansk Oblast' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  region?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 1000 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}
