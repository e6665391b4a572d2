import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { DEPOSIT_STATUSES, type DepositStatus, ELEMENTS, type ElementSymbol, IsElementSymbol } from '@redmet/contracts';
import { IsNotBlank, PageQuery } from '@redmet/platform';

export class RegisterDepositDto {
  @ApiProperty({ example: 'Kolmozerskoye' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @ApiProperty({ example: 'Murmansk Oblast', description: 'Federal subject' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  region: string;

  @ApiPropertyOptional({ example: 67.85, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ApiPropertyOptional({ example: 34.67, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude?: number;

  @ApiProperty({ enum: ELEMENTS, isArray: true, example: ['Li', 'Ta', 'Nb', 'Be'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ELEMENTS.length)
  @ArrayUnique()
  @IsElementSymbol({ each: true })
  metals: ElementSymbol[];

  @ApiProperty({ enum: DEPOSIT_STATUSES })
  @IsIn(DEPOSIT_STATUSES)
  status: DepositStatus;
}

/** An absent field stays as it is; `null` is validated like any value. */
export class UpdateDepositDto extends PartialType(RegisterDepositDto, { skipNullProperties: false }) {}

export class DepositQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: 'Murmansk Oblast' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  region?: string;

  @ApiPropertyOptional({ enum: ELEMENTS, description: 'Deposits that contain this metal' })
  @IsOptional()
  @IsElementSymbol()
  metal?: ElementSymbol;

  @ApiPropertyOptional({ enum: DEPOSIT_STATUSES })
  @IsOptional()
  @IsIn(DEPOSIT_STATUSES)
  status?: DepositStatus;
}
