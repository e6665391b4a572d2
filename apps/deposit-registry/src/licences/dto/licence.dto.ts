import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LICENCE_STATUSES, LICENCE_TYPES, type LicenceStatus, type LicenceType } from '@redmet/contracts';
import { IsIsoDate, IsNotBlank, IsUuid, PageQuery } from '@redmet/platform';

export class IssueLicenceDto {
  @ApiProperty({ example: 'MUR 16050 TR', description: 'As printed on the licence' })
  @IsString()
  @Length(1, 64)
  @Matches(/^\S(.*\S)?$/, { message: 'number must not start or end with spaces' })
  number: string;

  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  holderCompanyId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  depositId: string;

  @ApiProperty({ enum: LICENCE_TYPES })
  @IsIn(LICENCE_TYPES)
  type: LicenceType;

  @ApiProperty({ format: 'date', example: '2023-02-21', description: 'First day of validity' })
  @IsIsoDate()
  validFrom: string;

  @ApiProperty({ format: 'date', example: '2048-02-20', description: 'Last day of validity; after validFrom' })
  @IsIsoDate()
  validTo: string;
}

/** Holder and deposit are fixed: a transfer is a new licence. An absent field stays as it is. */
export class AmendLicenceDto extends PartialType(
  PickType(IssueLicenceDto, ['number', 'type', 'validFrom', 'validTo']),
  {
    skipNullProperties: false,
  },
) {}

export class LicenceStatusChangeDto {
  @ApiProperty({ example: 'Order of the subsoil agency No. 123 of 12 March 2026' })
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  reason: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day it took effect; today when omitted' })
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;
}

/** Why the closing was wrong (the court's decision, the order it rested on): kept in the history and published. */
export class ReopenLicenceDto extends PickType(LicenceStatusChangeDto, ['reason']) {}

export class ExtendLicenceDto extends IntersectionType(ReopenLicenceDto, PickType(IssueLicenceDto, ['validTo'])) {}

export class LicenceQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuid()
  holderCompanyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuid()
  depositId?: string;

  @ApiPropertyOptional({ enum: LICENCE_STATUSES })
  @IsOptional()
  @IsIn(LICENCE_STATUSES)
  status?: LicenceStatus;

  @ApiPropertyOptional({ format: 'date', description: 'Licences whose last valid day is before this date' })
  @IsOptional()
  @IsIsoDate()
  expiringBefore?: string;
}
