import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import {
  INPUT_YEARS,
  IsDecimalQuantity,
  IsHsCode,
  IsProductCode,
  IsUnit,
  STAT_PERIOD_INPUT_PATTERN,
  TRADE_FLOWS,
  type TradeFlow,
  type Unit,
  UNITS,
} from '@redmet/contracts';
import { IsOmittable, PageQuery } from '@redmet/platform';

export const MAX_TRADE_ROWS = 50_000;

/** One customs figure: what crossed the border in one direction, for one code and period. */
export class TradeRowDto {
  @ApiProperty({ enum: TRADE_FLOWS })
  @IsIn(TRADE_FLOWS, { message: 'flow must be import or export' })
  flow: TradeFlow;

  @ApiProperty({ example: '2836.91', description: 'HS / EAEU TN VED code, 4 to 8 digits' })
  @IsHsCode()
  hsCode: string;

  @ApiPropertyOptional({
    example: 'LI-CARBONATE',
    description: 'The catalogue product, when the HS code covers several products',
  })
  @IsOmittable()
  @IsProductCode()
  productCode?: string;

  @ApiProperty({ example: '2026-Q1', description: 'A month (2026-03), a quarter (2026-Q1) or a year (2026)' })
  @Matches(STAT_PERIOD_INPUT_PATTERN, {
    message: `period must be YYYY-MM, YYYY-Qn or YYYY, of the years ${INPUT_YEARS}`,
  })
  period: string;

  @ApiProperty({ example: '1250.5' })
  @IsDecimalQuantity()
  quantity: string;

  @ApiProperty({ enum: UNITS })
  @IsUnit()
  unit: Unit;

  @ApiPropertyOptional({ example: '125000000000', description: 'Customs value in kopecks' })
  @IsOmittable()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'valueKopecks must be a non-negative integer number of kopecks' })
  valueKopecks?: string;
}

export class TradeUploadDto {
  /** Each row is validated on its own (`trade-row-validation.ts`), so that one answer also names the rows that overlap. */
  @ApiProperty({ type: [TradeRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRADE_ROWS)
  rows: unknown[];
}

export class TradeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRADE_FLOWS })
  @IsOptional()
  @IsIn(TRADE_FLOWS)
  flow?: TradeFlow;

  @ApiPropertyOptional({ example: '2836.91' })
  @IsOptional()
  @IsHsCode()
  hsCode?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @Matches(STAT_PERIOD_INPUT_PATTERN, {
    message: `period must be YYYY-MM, YYYY-Qn or YYYY, of the years ${INPUT_YEARS}`,
  })
  period?: string;
}
