import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { FACILITY_STATUSES, type FacilityStatus, IsDecimalQuantity, IsProductCode } from '@redmet/contracts';
import { IsIsoDate, IsNotBlank, IsOmittable, IsUuid, PageQuery } from '@redmet/platform';
import { INITIAL_FACILITY_STATUSES, type InitialFacilityStatus } from '../facility-status';

export class RegisterFacilityDto {
  @ApiProperty({ example: 'Solikamsk Magnesium Works' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  operatorCompanyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The deposit it mainly processes ore from' })
  @IsOptional()
  @IsUuid()
  depositId?: string;

  @ApiProperty({ example: 'Perm Krai' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  region: string;

  @ApiPropertyOptional({ isArray: true, example: ['RE-COMPOUNDS'], description: 'Catalogue codes; none when omitted' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsProductCode({ each: true })
  productCodes?: string[];

  @ApiPropertyOptional({ example: '2500', description: 'Design capacity, t of output per year, as a decimal string' })
  @IsOptional()
  @IsDecimalQuantity()
  capacityTonnesPerYear?: string;

  @ApiPropertyOptional({ enum: INITIAL_FACILITY_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(INITIAL_FACILITY_STATUSES)
  status?: InitialFacilityStatus;

  @ApiPropertyOptional({ format: 'date', description: 'When that status took effect; today when omitted' })
  @IsOptional()
  @IsIsoDate()
  statusSince?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The closed plant it brings back (closing is for good: a plant brought back is registered again)',
  })
  @IsOptional()
  @IsUuid()
  restartOf?: string;
}

/**
 * Details only: the status and the operator move through their own endpoints. An absent field stays as it is.
 * The plant a facility brings back is fixed at registration: a site's identity is its history, so a plant
 * never becomes, or stops being, a restart of another after the fact.
 */
export class UpdateFacilityDto extends PartialType(
  OmitType(RegisterFacilityDto, ['operatorCompanyId', 'status', 'statusSince', 'restartOf']),
  { skipNullProperties: false },
) {}

export class FacilityOperatorChangeDto {
  @ApiProperty({ format: 'uuid', description: 'The company taking over' })
  @IsUuid()
  operatorCompanyId: string;

  @ApiProperty({
    format: 'date',
    example: '2027-07-01',
    description: 'The first day of the month it took over: reports are by month, so each month has one operator',
  })
  @IsIsoDate()
  effectiveOn: string;
}

export class FacilityStatusChangeDto {
  @ApiProperty({ enum: FACILITY_STATUSES })
  @IsIn(FACILITY_STATUSES)
  status: FacilityStatus;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'The day it took effect' })
  @IsIsoDate()
  effectiveOn: string;
}

export class FacilityQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Facilities this company operates now' })
  @IsOptional()
  @IsUuid()
  operatorCompanyId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Facilities this company operates now or operated before a hand-over: it still reports the months it ran them',
  })
  @IsOptional()
  @IsUuid()
  operatedBy?: string;

  @ApiPropertyOptional({ example: 'Perm Krai' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  region?: string;

  @ApiPropertyOptional({ enum: FACILITY_STATUSES })
  @IsOptional()
  @IsIn(FACILITY_STATUSES)
  status?: FacilityStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A closed plant: finds the facility that brings it back (at most one does)',
  })
  @IsOptional()
  @IsUuid()
  restartOf?: string;

  @ApiPropertyOptional({ example: 'LI-CARBONATE', description: 'Facilities that make this product' })
  @IsOptional()
  @IsProductCode()
  productCode?: string;
}
