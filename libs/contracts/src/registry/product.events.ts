import { ArrayMinSize, IsArray, IsInt, IsString, Length, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';
import { type ElementSymbol, IsElementSymbol, IsHsCode, IsProductCode, IsTonnageClass } from '../values/catalogue';
import { IsUnit } from '../values/quantities';
import { type TonnageClass, type Unit } from '../vocabulary/registry';
import { AuthoredSnapshot } from './authored-snapshot';

export class ProductSnapshot extends AuthoredSnapshot {
  @IsProductCode()
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsElementSymbol({ each: true })
  elements: ElementSymbol[];

  @IsTonnageClass()
  tonnageClass: TonnageClass;

  @IsHsCode({ shapeOnly: true })
  hsCode: string;

  /** Unit quantities of this product are reported in. */
  @IsUnit()
  unit: Unit;

  /** What the metal content of a quantity is expressed as, e.g. `t REO`, `t Li contained`. */
  @IsString()
  @Length(1, 120)
  metalContentBasis: string;

  @IsInt()
  @Min(1)
  version: number;
}

export const ProductAdded = defineEvent({
  topic: TOPICS.registryProduct,
  type: 'ProductAdded',
  schemaVersion: 2,
  payload: ProductSnapshot,
  summary: 'A critical product was added to the catalogue.',
});

export const ProductUpdated = defineEvent({
  topic: TOPICS.registryProduct,
  type: 'ProductUpdated',
  schemaVersion: 2,
  payload: ProductSnapshot,
  summary: 'A catalogue entry changed (name, class, HS code, unit).',
});
