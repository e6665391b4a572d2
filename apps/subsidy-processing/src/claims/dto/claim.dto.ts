import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, Matches, ValidateNested } from 'class-validator';
import { INPUT_YEARS, QUARTER_INPUT_PATTERN } from '@redmet/contracts';
import { IsOmittable, IsUuid } from '@redmet/platform';
import { IsAmount } from '../../common/validators';
import { ClaimLineDto } from './claim-line.dto';

export class CreateClaimDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Officers keying in a claim name the company; a producer's is its own (another is 403 CLAIM.OTHER_COMPANY naming companyId)",
  })
  @IsOmittable()
  @IsUuid()
  companyId?: string;

  @ApiProperty({ example: '2026-Q1' })
  @Matches(QUARTER_INPUT_PATTERN, { message: `period must be a quarter (YYYY-Qn) of the years ${INPUT_YEARS}` })
  period: string;

  @ApiProperty({ type: [ClaimLineDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ClaimLineDto)
  lines: ClaimLineDto[];

  @ApiProperty({ type: [String], description: 'Accepted production reports of the company and quarter' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUuid({ each: true })
  reportIds: string[];

  @ApiProperty({ description: 'Declared: no tax or insurance-contribution arrears' })
  @IsBoolean()
  noTaxArrears: boolean;

  @ApiProperty({ description: 'Declared: not in liquidation or bankruptcy' })
  @IsBoolean()
  notInLiquidation: boolean;

  @ApiPropertyOptional({
    example: '950000000000',
    nullable: true,
    description: 'Annual revenue, kopecks; null clears it',
  })
  @IsOptional()
  @IsAmount()
  annualRevenueKopecks?: string | null;
}

/** Any field may change while the claim is a draft or returned; `lines` replaces every line. */
export class UpdateClaimDto extends PartialType(OmitType(CreateClaimDto, ['companyId'] as const), {
  skipNullProperties: false,
}) {}
