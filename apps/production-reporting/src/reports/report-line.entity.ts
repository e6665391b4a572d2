import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TonnageClass, Unit } from '@redmet/contracts';
import { ReportVersion } from './report-version.entity';

@Entity('report_line')
@Check('report_line_line_no_check', 'line_no > 0')
@Check('report_line_tonnage_class_check', `tonnage_class IN ('large', 'small')`)
@Check('report_line_quantity_check', 'quantity >= 0')
@Check('report_line_unit_check', `unit IN ('t', 'kg')`)
@Check('report_line_metal_content_tonnes_check', 'metal_content_tonnes >= 0')
@Check('report_line_domestic_shipments_check', 'domestic_shipments >= 0')
@Check('report_line_exports_check', 'exports >= 0')
export class ReportLine {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @PrimaryColumn({ name: 'line_no', type: 'int' })
  lineNo: number;

  @Column({ name: 'product_code', type: 'text' })
  productCode: string;

  @Column({ name: 'tonnage_class', type: 'text', nullable: true })
  tonnageClass: TonnageClass | null;

  /** numeric in PostgreSQL, a decimal string here: never a float. */
  @Column({ type: 'numeric' })
  quantity: string;

  @Column({ type: 'text' })
  unit: Unit;

  @Column({ name: 'metal_content_tonnes', type: 'numeric' })
  metalContentTonnes: string;

  @Column({ name: 'domestic_shipments', type: 'numeric' })
  domesticShipments: string;

  @Column({ type: 'numeric' })
  exports: string;

  @ManyToOne(() => ReportVersion, (version) => version.lines, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'report_id',
      referencedColumnName: 'reportId',
      foreignKeyConstraintName: 'report_line_report_id_version_fkey',
    },
    { name: 'version', referencedColumnName: 'version' },
  ])
  reportVersion: ReportVersion;
}
