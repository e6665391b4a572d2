import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import {
  DEPOSIT_STATUSES,
  type DepositSnapshot,
  type DepositStatus,
  ELEMENTS,
  type ElementSymbol,
} from '@redmet/contracts';
import { RegistryRecord } from '../common/registry-record.entity';

@Entity('deposit')
@Check('deposit_latitude_check', 'latitude BETWEEN -90 AND 90')
@Check('deposit_longitude_check', 'longitude BETWEEN -180 AND 180')
@Check('deposit_metals_check', 'cardinality(metals) > 0')
@Check('deposit_status_check', `status IN ('exploration', 'development', 'producing')`)
@Unique('deposit_name_region_unique', ['region', 'name'])
@Index('deposit_name', ['name', 'id'])
@Index('deposit_region', ['region'])
@Index('deposit_status', ['status'])
@Index('deposit_metals', ['metals'], { type: 'gin' })
export class Deposit extends RegistryRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'Kolmozerskoye' })
  @Column({ type: 'text' })
  name: string;

  @ApiProperty({ example: 'Murmansk Oblast', description: 'Federal subject' })
  @Column({ type: 'text' })
  region: string;

  @ApiPropertyOptional({ example: 67.85, nullable: true })
  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @ApiPropertyOptional({ example: 34.67, nullable: true })
  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @ApiProperty({ enum: ELEMENTS, isArray: true, example: ['Li', 'Ta', 'Nb', 'Be'] })
  @Column({ type: 'text', array: true })
  metals: ElementSymbol[];

  @ApiProperty({ enum: DEPOSIT_STATUSES })
  @Column({ type: 'text' })
  status: DepositStatus;

  toSnapshot(): DepositSnapshot {
    return {
      depositId: this.id,
      name: this.name,
      region: this.region,
      latitude: this.latitude,
      longitude: this.longitude,
      metals: this.metals,
      status: this.status,
      version: this.version,
      changedBy: this.updatedBy,
    };
  }
}
