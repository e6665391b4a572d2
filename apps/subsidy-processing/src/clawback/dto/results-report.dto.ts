import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsDecimal } from '../../common/validators';

export class ResultsReportDto {
  @ApiPropertyOptional({ format: 'uuid', description: "An officer names the company; a producer's is its own" })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;

  @ApiProperty({ example: 'REO output, t', description: 'The result the subsidy agreement set' })
  @IsString()
  @Length(1, 300)
  indicator: string;

  @ApiProperty({ example: '1000' })
  @IsDecimal()
  @Matches(/[1-9]/, { message: 'planned must be above zero' })
  planned: string;

  @ApiProperty({ example: '800' })
  @IsDecimal()
  actual: string;
}

export class ResultsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}

export class OutstandingResultsQuery extends ResultsQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear: number;
}

/** A company that was paid subsidy for a year and has not reported its results for it. */
export class OutstandingResults {
  @ApiProperty({ format: 'uuid' })
  companyId: string;
  @ApiProperty()
  programmeYear: number;
  @ApiProperty({ example: '2027-02-01' })
  dueOn: string;
  @ApiProperty({ description: 'The due day has passed' })
  overdue: boolean;
  @ApiProperty({ description: 'Claims of that year paid (or under clawback)' })
  paidClaims: number;
  @ApiProperty({ example: '175000000' })
  paidKopecks: string;
}
