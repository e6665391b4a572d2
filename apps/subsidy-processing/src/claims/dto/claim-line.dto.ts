import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import {
  IsDecimalQuantity,
  IsInn,
  IsProductCode,
  CLAIM_LINE_BASES,
  type ClaimLineBasis,
  COST_CATEGORIES,
  type CostCategory,
} from '@redmet/contracts';
import { IsNotBlank, IsOmittable } from '@redmet/platform';
import { IsAmount } from '../../common/validators';

const isCost = (line: ClaimLineDto) => line.basis === 'cost';
const isDiscount = (line: ClaimLineDto) => line.basis === 'discount';

/** A cost (category, description, amount) or a discounted sale (product, quantity, prices, buyer); both cite a document. */
export class ClaimLineDto {
  @ApiProperty({ enum: CLAIM_LINE_BASES })
  @IsIn(CLAIM_LINE_BASES)
  basis: ClaimLineBasis;

  @ApiPropertyOptional({ enum: COST_CATEGORIES, description: 'cost lines' })
  @ValidateIf(isCost)
  @IsIn(COST_CATEGORIES)
  category?: CostCategory;

  @ApiPropertyOptional({ example: 'Electricity for the separation line, March', description: 'cost lines' })
  @ValidateIf(isCost)
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  description?: string;

  @ApiPropertyOptional({ example: '125000000', description: 'cost lines: amount excl. VAT, kopecks' })
  @ValidateIf(isCost)
  @IsAmount()
  amountKopecks?: string;

  @ApiPropertyOptional({ example: 'RE-COMPOUNDS', description: 'discount lines' })
  @ValidateIf(isDiscount)
  @IsProductCode()
  productCode?: string;

  @ApiPropertyOptional({ example: '2.5', description: 'discount lines: units sold' })
  @ValidateIf(isDiscount)
  @IsDecimalQuantity()
  @Matches(/[1-9]/, { message: 'quantity must be above zero' })
  quantity?: string;

  @ApiPropertyOptional({ example: '250000000', description: 'discount lines: sales-policy price per unit excl. VAT' })
  @ValidateIf(isDiscount)
  @IsAmount()
  policyPriceKopecks?: string;

  @ApiPropertyOptional({ example: '200000000', description: 'discount lines: invoiced price per unit excl. VAT' })
  @ValidateIf(isDiscount)
  @IsAmount()
  invoicedPriceKopecks?: string;

  @ApiPropertyOptional({ example: 'Magnit-Ural JSC', description: 'discount lines: the domestic buyer' })
  @ValidateIf(isDiscount)
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  buyerName?: string;

  @ApiPropertyOptional({ example: '7707083893' })
  @IsOmittable()
  @IsInn()
  buyerInn?: string;

  @ApiProperty({ example: 'INV-2026-0012', description: 'Invoice or cost document; claimed once per company' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  documentNumber: string;
}
