import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOmittable, IsUuid, QueryInteger } from '@redmet/platform';
import { IsNotBlank } from '@redmet/platform';
import { CompanyFilter } from '../../common/company-filter';
import { IsDecimal } from '../../common/validators';

function IsPlanned(): PropertyDecorator {
  return applyDecorators(IsDecimal(), Matches(/[1-9]/, { message: 'planned must be above zero' }));
}

export class ResultsReportDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "An officer names the company; a producer's is its own (another is 403 CLAIM.OTHER_COMPANY naming companyId)",
  })
  @IsOmittable()
  @IsUuid()
  companyId?: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;

  @ApiProperty({ example: 'REO output, t', description: 'The result the subsidy agreement set' })
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  indicator: string;

  @ApiPropertyOptional({
    example: '1000',
    description:
      "The agreement's target: required from a subsidy officer, refused from a producer (an officer sets it)",
  })
  @IsOmittable()
  @IsPlanned()
  planned?: string;

  @ApiProperty({ example: '800' })
  @IsDecimal()
  actual: string;
}

/** An officer's correction: the figures given replace the recorded ones; at least one must change. */
export class ResultsCorrectionDto {
  @ApiPropertyOptional({ example: 'REO output, t' })
  @IsOmittable()
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  indicator?: string;

  @ApiPropertyOptional({ example: '1000' })
  @IsOmittable()
  @IsPlanned()
  planned?: string;

  @ApiPropertyOptional({ example: '800' })
  @IsOmittable()
  @IsDecimal()
  actual?: string;

  @ApiProperty({ example: 'Output per the audited annual accounts, letter No. 12-345' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  reason: string;
}

export class ResultsQuery {
  @CompanyFilter()
  companyId?: string;
}

export class OutstandingResultsQuery extends ResultsQuery {
  @ApiProperty({ example: 2026 })
  @QueryInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;
}

/** A company paid subsidy for a year whose results cannot be judged yet: not reported, or no plan set. */
export class OutstandingResults {
  @ApiProperty({ format: 'uuid' })
  companyId: string;
  @ApiProperty()
  programmeYear: number;
  @ApiProperty({ example: '2027-02-01' })
  dueOn: string;
  @ApiProperty({ description: 'The due day has passed with no results from the company' })
  overdue: boolean;
  @ApiProperty({ description: 'The company reported what it achieved; an officer has yet to set the plan' })
  awaitingPlan: boolean;
  @ApiProperty({ description: 'Claims of that year paid (or under clawback)' })
  paidClaims: number;
  @ApiProperty({ example: '175000000' })
  paidKopecks: string;
}
