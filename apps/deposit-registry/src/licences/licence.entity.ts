import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import {
  LICENCE_STATUSES,
  LICENCE_TYPES,
  type LicenceSnapshot,
  type LicenceStatus,
  type LicenceType,
} from '@redmet/contracts';

/** A subsoil-use licence: the right of one company to explore or mine one deposit for a period. */
@Entity('licence')
export class Licence {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'MUR 16050 TR', description: 'As printed on the licence; unique' })
  @Column({ type: 'text', unique: true })
  number: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'holder_company_id', type: 'uuid' })
  holderCompanyId: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'deposit_id', type: 'uuid' })
  depositId: string;

  @ApiProperty({ enum: LICENCE_TYPES })
  @Column({ type: 'text' })
  type: LicenceType;

  @ApiProperty({ format: 'date', example: '2023-02-21', description: 'First day of validity' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @ApiProperty({ format: 'date', example: '2048-02-20', description: 'Last day of validity' })
  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @ApiProperty({ enum: LICENCE_STATUSES })
  @Column({ type: 'text' })
  status: LicenceStatus;

  @ApiProperty({ format: 'date', description: 'The day the current status took effect' })
  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @ApiProperty({ description: 'Increases with every change' })
  @Column({ type: 'int' })
  version: number;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ApiProperty()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  toSnapshot(): LicenceSnapshot {
    return {
      licenceId: this.id,
      number: this.number,
      holderCompanyId: this.holderCompanyId,
      depositId: this.depositId,
      type: this.type,
      validFrom: this.validFrom,
      validTo: this.validTo,
      status: this.status,
      statusSince: this.statusSince,
      version: this.version,
    };
  }
}
