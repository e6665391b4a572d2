import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsDecimalQuantity,
  IsProductCode,
  IsReportingPeriodInput,
  IsUnit,
  REPORT_STATES,
  type ReportState,
  type Unit,
  UNITS,
} from '@redmet/contracts';
import { IsNotBlank, IsUuid, PageQuery, QueryBoolean } from '@redmet/platform';

/** Hard cap; REPORTING_MAX_LINES_PER_REPORT sets the working limit. */
const MAX_LINES = 4000;

export class ReportLineDto {
  @ApiProperty({ example: 'LI-CARBONATE', description: 'A code of the critical products catalogue' })
  @IsProductCode()
  @Length(1, 40)
  productCode: string;

  @ApiProperty({ example: '1250.5', description: 'Decimal string, at most 6 decimals, in `unit`' })
  @IsDecimalQuantity()
  quantity: string;

  @ApiProperty({ enum: UNITS, description: 'The unit the catalogue gives for the product' })
  @IsUnit()
  unit: Unit;

  @ApiProperty({ example: '235.1', description: 'Tonnes of contained metal (or oxide, per the product)' })
  @IsDecimalQuantity()
  metalContentTonnes: string;

  @ApiProperty({ example: '1000', description: 'Shipped to buyers in Russia in the period, in `unit`' })
  @IsDecimalQuantity()
  domesticShipments: string;

  @ApiProperty({ example: '200', description: 'Exported in the period, in `unit`' })
  @IsDecimalQuantity()
  exports: string;
}

const siteMessage = { message: 'a report names a facilityId or a depositId (or both)' };

export class ReportContentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The plant reported on' })
  @ValidateIf((dto: ReportContentDto) => dto.facilityId !== undefined || dto.depositId === undefined)
  @IsDefined(siteMessage)
  @IsUuid()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The deposit reported on (or the deposit of the facility)' })
  @ValidateIf((dto: ReportContentDto) => dto.depositId !== undefined || dto.facilityId === undefined)
  @IsDefined(siteMessage)
  @IsUuid()
  depositId?: string;

  @ApiProperty({ example: '2026-Q1', description: 'A month (YYYY-MM) or a quarter (YYYY-Qn)' })
  @IsReportingPeriodInput()
  period: string;

  @ApiProperty({ type: ReportLineDto, isArray: true, description: 'Empty for a nil return' })
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => ReportLineDto)
  lines: ReportLineDto[];
}

export class CreateReportDto extends ReportContentDto {
  @ApiPropertyOptional({ default: false, description: 'Sign and submit at once instead of keeping a draft' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class AmendReportDto extends OmitType(ReportContentDto, ['facilityId', 'depositId', 'period']) {
  @ApiProperty({ example: 'Assay corrected after the laboratory recheck' })
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  amendmentReason: string;
}

export class ReportQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuid()
  companyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  depositId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @IsReportingPeriodInput()
  period?: string;

  @ApiPropertyOptional({ enum: REPORT_STATES, description: 'State of the latest version' })
  @IsOptional()
  @IsIn(REPORT_STATES)
  state?: ReportState;

  @ApiPropertyOptional({
    description:
      'true: reports with an accepted version, whatever the latest version is (an amendment rejected or pending ' +
      'leaves the accepted one standing, and claims rely on it); false: reports with none',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  accepted?: boolean;
}
