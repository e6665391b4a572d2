import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { COMPANY_STATUSES, type CompanyStatus, IsInn, IsOgrn } from '@redmet/contracts';
import { IsNotBlank, IsOmittable, PageQuery } from '@redmet/platform';

export class RegisterCompanyDto {
  @ApiProperty({ example: 'Lovozersky GOK LLC' })
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  legalName: string;

  @ApiProperty({ example: '5190907139', description: '10 or 12 digits with valid check digits' })
  @IsInn()
  inn: string;

  @ApiPropertyOptional({
    example: '1095190009111',
    description: '13 digits (15 for an entrepreneur) with a valid check digit',
  })
  @IsOptional()
  @IsOgrn()
  ogrn?: string;

  @ApiPropertyOptional({ example: 'Murmansk Oblast' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  region?: string;

  @ApiPropertyOptional({ example: 'office@example.ru' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string;
}

/** An absent field stays as it is; `null` is validated like any value (a required field cannot be nulled). */
export class UpdateCompanyDto extends PartialType(RegisterCompanyDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    enum: COMPANY_STATUSES,
    description:
      'active → in_liquidation or liquidated (struck off without a liquidation, or learnt of late); in_liquidation → active (called off) or liquidated. A liquidated company keeps its status, name, INN and OGRN (409 COMPANY.LIQUIDATED, naming the fields)',
  })
  @IsOmittable()
  @IsIn(COMPANY_STATUSES)
  status?: CompanyStatus;
}

export class CompanyQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the legal name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInn()
  inn?: string;

  @ApiPropertyOptional({ enum: COMPANY_STATUSES })
  @IsOptional()
  @IsIn(COMPANY_STATUSES)
  status?: CompanyStatus;
}
