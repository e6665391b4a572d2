import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import {
  ELEMENTS,
  type ElementSymbol,
  IsElementSymbol,
  IsHsCode,
  IsProductCode,
  IsTonnageClass,
  IsUnit,
  TONNAGE_CLASSES,
  type TonnageClass,
  type Unit,
  UNITS,
} from '@redmet/contracts';
import { IsNotBlank, PageQuery } from '@redmet/platform';
import { PRODUCT_CODE_MAX_LENGTH } from '../product-code.param';

export class AddProductDto {
  @ApiProperty({ example: 'LI-CARBONATE', description: 'Capital letters, digits and dashes; cannot be changed later' })
  @IsProductCode()
  @Length(1, PRODUCT_CODE_MAX_LENGTH)
  code: string;

  @ApiProperty({ example: 'Lithium carbonate' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @ApiProperty({ enum: ELEMENTS, isArray: true, example: ['Li'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ELEMENTS.length)
  @ArrayUnique()
  @IsElementSymbol({ each: true })
  elements: ElementSymbol[];

  @ApiProperty({ enum: TONNAGE_CLASSES })
  @IsTonnageClass()
  tonnageClass: TonnageClass;

  @ApiProperty({ example: '2836.91' })
  @IsHsCode()
  hsCode: string;

  @ApiProperty({ enum: UNITS })
  @IsUnit()
  unit: Unit;

  @ApiProperty({ example: 't Li contained', description: 'What the metal content of a quantity is expressed as' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  metalContentBasis: string;
}

/** The code is the key other services hold; an absent field stays as it is, `null` is validated. */
export class UpdateProductDto extends PartialType(OmitType(AddProductDto, ['code']), { skipNullProperties: false }) {}

export class ProductQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ELEMENTS, description: 'Products that contain this element' })
  @IsOptional()
  @IsElementSymbol()
  element?: ElementSymbol;

  @ApiPropertyOptional({ enum: TONNAGE_CLASSES })
  @IsOptional()
  @IsTonnageClass()
  tonnageClass?: TonnageClass;

  @ApiPropertyOptional({ example: '2846', description: 'HS code or its beginning: 2846 finds 2846.10 and 2846.90' })
  @IsOptional()
  @Matches(/^\d{2,4}(\.\d{0,4})?$/, { message: 'hsCode must be an HS code or its beginning, e.g. 2846 or 2846.9' })
  hsCode?: string;
}
