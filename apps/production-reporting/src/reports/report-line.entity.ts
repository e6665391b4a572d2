import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TonnageClass, Unit } from '@redmet/contracts';
import { ReportVersion } from './report-version.entity';

@Entity('report_line')
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

  @ManyToOne(() => ReportVersion, (version) => version.lines)
  @JoinColumn([
    { name: 'report_id', referencedColumnName: 'reportId' },
    { name: 'version', referencedColumnName: 'version' },
  ])
  reportVersion: ReportVersion;
}
