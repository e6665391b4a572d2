import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATE_INPUT_PATTERN, INPUT_YEARS } from '@redmet/contracts';
import { ALERT_SEVERITIES, type AlertSeverity, IsDecimalQuantity } from '@redmet/contracts';
import { IsNotBlank, IsOmittable } from '@redmet/platform';

const FRACTION = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** When a change takes effect and why: every configuration change carries both. */
export class ConfigChangeDto {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'The first day the new value applies' })
  @Matches(DATE_INPUT_PATTERN, {
    message: `effectiveFrom must be a date written YYYY-MM-DD, of the years ${INPUT_YEARS}`,
  })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'effectiveFrom must be a real calendar date' })
  effectiveFrom: string;

  @ApiProperty({ example: 'RIA (Minpromtorg, Minprirody) gives up to 80 t for small-tonnage metals' })
  @IsString()
  @Length(3, 1000)
  @IsNotBlank()
  reason: string;
}

export class TrajectoryPointDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '62' })
  @IsDecimalQuantity()
  value: string;
}

/** A target's settings to change; fields left out keep the value in effect on `effectiveFrom`. */
export class TargetChangeDto extends ConfigChangeDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name?: string;

  @ApiPropertyOptional({ example: 2024 })
  @IsOmittable()
  @IsInt()
  @Min(2000)
  @Max(2100)
  baselineYear?: number;

  @ApiPropertyOptional({ example: '75', nullable: true, description: 'null: measured from the baseline year' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsDecimalQuantity()
  baselineValue?: string | null;

  @ApiPropertyOptional({ example: 2030 })
  @IsOmittable()
  @IsInt()
  @Min(2000)
  @Max(2100)
  targetYear?: number;

  @ApiPropertyOptional({ example: '80' })
  @IsOmittable()
  @IsDecimalQuantity()
  targetValue?: string;

  @ApiPropertyOptional({ type: [TrajectoryPointDto], description: 'Year-end values between baseline and target' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TrajectoryPointDto)
  path?: TrajectoryPointDto[];

  @ApiPropertyOptional({ example: '0.05' })
  @IsOmittable()
  @Matches(FRACTION, { message: 'atRiskTolerance must be a decimal between 0 and 1' })
  atRiskTolerance?: string;

  @ApiPropertyOptional({ example: '0.15' })
  @IsOmittable()
  @Matches(FRACTION, { message: 'offTrackTolerance must be a decimal between 0 and 1' })
  offTrackTolerance?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  source?: string;
}

export class RuleChangeDto extends ConfigChangeDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOmittable()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @ApiPropertyOptional({ example: '90', description: 'subsidy.budget_utilisation' })
  @IsOmittable()
  @Matches(PERCENT, { message: 'thresholdPercent must be a percentage from 0 to 100' })
  thresholdPercent?: string;

  @ApiPropertyOptional({ example: '0.5', description: 'output.sudden_drop' })
  @IsOmittable()
  @Matches(FRACTION, { message: 'dropFraction must be a decimal between 0 and 1' })
  dropFraction?: string;

  @ApiPropertyOptional({ example: 3, description: 'output.sudden_drop' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24)
  trailingPeriods?: number;

  @ApiPropertyOptional({ example: '0.1', description: 'trade.export_discrepancy' })
  @IsOmittable()
  @Matches(FRACTION, { message: 'tolerance must be a decimal between 0 and 1' })
  tolerance?: string;

  @ApiPropertyOptional({
    example: 90,
    description: "registry.licence_expiring_output: days before a licence's last valid day the alert starts",
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  noticeDays?: number;

  @ApiPropertyOptional({
    example: 30,
    nullable: true,
    description:
      'registry.licence_expiring_output: days left from which it is critical, at most noticeDays; null: never',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(0)
  @Max(3650)
  criticalDays?: number | null;
}

export class ProductReferenceChangeDto extends ConfigChangeDto {
  @ApiPropertyOptional({ example: '560000000', nullable: true, description: 'Kopecks per tonne of product' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'referencePriceKopecksPerTonne must be an integer number of kopecks' })
  referencePriceKopecksPerTonne?: string | null;

  @ApiPropertyOptional({ example: '0.188', nullable: true, description: 'Tonnes of metal content per tonne' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(FRACTION, { message: 'metalContentFactor must be a decimal between 0 and 1' })
  metalContentFactor?: string | null;
}
