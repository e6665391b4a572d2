import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsProductCode } from '@redmet/contracts';
import { IsNotBlank, IsOmittable } from '@redmet/platform';
import { IsIsoDate } from '@redmet/platform';
import { IsAmount, IsDecimal, IsRate } from '../../common/validators';
import { CLAWBACK_BASES, type ClawbackBasis } from '../programme-rules';

/** Compensation rates as shares of the basis; absent ones keep the previous version's. */
export class RatesDto {
  @ApiPropertyOptional({ example: '0.5' })
  @IsOmittable()
  @IsRate()
  equipment?: string;

  @ApiPropertyOptional({ example: '0.3' })
  @IsOmittable()
  @IsRate()
  processing?: string;

  @ApiPropertyOptional({ example: '0.3' })
  @IsOmittable()
  @IsRate()
  energy?: string;

  @ApiPropertyOptional({ example: '0.5' })
  @IsOmittable()
  @IsRate()
  transport_logistics?: string;

  @ApiPropertyOptional({ example: '0.7' })
  @IsOmittable()
  @IsRate()
  rnd?: string;

  @ApiPropertyOptional({ example: '0.35', description: 'Share of (sales-policy price − invoiced price) × quantity' })
  @IsOmittable()
  @IsRate()
  buyer_discount?: string;
}

/**
 * A new version of a programme year's rules. Fields left out keep the values
 * of the latest version (the first version of a new year must give them all).
 */
export class ProgrammeVersionDto {
  @ApiProperty({ format: 'date', example: '2026-07-01' })
  @IsIsoDate()
  effectiveFrom: string;

  @ApiProperty({ example: 'Order of the Ministry No. 1234 of 20 June 2026' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;

  @ApiPropertyOptional({ example: '107000000000' })
  @IsOmittable()
  @IsAmount()
  totalKopecks?: string;

  @ApiPropertyOptional({ example: ['RE-COMPOUNDS', 'RE-MAGNETS'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @IsProductCode({ each: true })
  eligibleProductCodes?: string[];

  @ApiPropertyOptional({ type: RatesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => RatesDto)
  rates?: RatesDto;

  @ApiPropertyOptional({ example: '15000000000' })
  @IsOmittable()
  @IsAmount()
  companyCapKopecks?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @IsOmittable()
  @IsIsoDate()
  claimCutoff?: string;

  @ApiPropertyOptional({ example: '1000000000' })
  @IsOmittable()
  @IsAmount()
  fourEyesThresholdKopecks?: string;

  @ApiPropertyOptional({ example: '2' })
  @IsOmittable()
  @IsDecimal()
  minRevenueMultiple?: string;

  @ApiPropertyOptional({ enum: CLAWBACK_BASES })
  @IsOmittable()
  @IsIn(CLAWBACK_BASES)
  clawbackBasis?: ClawbackBasis;

  @ApiPropertyOptional({ example: '1' })
  @IsOmittable()
  @IsDecimal()
  clawbackMultiplier?: string;

  @ApiPropertyOptional({ example: 10 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(120)
  clawbackDueWorkingDays?: number;

  @ApiPropertyOptional({ format: 'date', example: '2027-02-01' })
  @IsOmittable()
  @IsIsoDate()
  resultsDueOn?: string;
}
