import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  ELEMENTS,
  type ElementSymbol,
  type ProductSnapshot,
  TONNAGE_CLASSES,
  type TonnageClass,
  type Unit,
  UNITS,
} from '@redmet/contracts';
import { RegistryRecord } from '../common/registry-record.entity';

/** An entry of the catalogue of critical products; the code is its key and never changes. */
@Entity('product')
@Check('product_code_check', `code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
@Check('product_elements_check', 'cardinality(elements) > 0')
@Check('product_tonnage_class_check', `tonnage_class IN ('large', 'small')`)
@Check('product_hs_code_check', `hs_code ~ '^\\d{4}(\\.\\d{2}){0,2}$'`)
@Check('product_unit_check', `unit IN ('t', 'kg')`)
@Index('product_elements', ['elements'], { type: 'gin' })
@Index('product_tonnage_class', ['tonnageClass'])
// On hs_code with the text_pattern_ops operator class (prefix search), which TypeORM cannot declare: the
// migration keeps it.
@Index('product_hs_code', { synchronize: false })
export class Product extends RegistryRecord {
  @ApiProperty({ example: 'LI-CARBONATE' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @ApiProperty({ example: 'Lithium carbonate' })
  @Column({ type: 'text' })
  name: string;

  @ApiProperty({ enum: ELEMENTS, isArray: true, example: ['Li'] })
  @Column({ type: 'text', array: true })
  elements: ElementSymbol[];

  @ApiProperty({ enum: TONNAGE_CLASSES })
  @Column({ name: 'tonnage_class', type: 'text' })
  tonnageClass: TonnageClass;

  @ApiProperty({ example: '2836.91' })
  @Column({ name: 'hs_code', type: 'text' })
  hsCode: string;

  @ApiProperty({ enum: UNITS })
  @Column({ type: 'text' })
  unit: Unit;

  @ApiProperty({ example: 't Li contained' })
  @Column({ name: 'metal_content_basis', type: 'text' })
  metalContentBasis: string;

  toSnapshot(): ProductSnapshot {
    return {
      code: this.code,
      name: this.name,
      elements: this.elements,
      tonnageClass: this.tonnageClass,
      hsCode: this.hsCode,
      unit: this.unit,
      metalContentBasis: this.metalContentBasis,
      version: this.version,
      changedBy: this.updatedBy,
    };
  }
}
