import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import {
  LICENCE_STATUSES,
  LICENCE_TYPES,
  type LicenceSnapshot,
  type LicenceStatus,
  type LicenceType,
} from '@redmet/contracts';
import { Company } from '../companies/company.entity';
import { Deposit } from '../deposits/deposit.entity';
import { RegistryRecord } from '../common/registry-record.entity';

/** A subsoil-use licence: the right of one company to explore or mine one deposit for a period. */
@Entity('licence')
@Check('licence_type_check', `type IN ('exploration', 'production', 'combined')`)
@Check('licence_status_check', `status IN ('active', 'suspended', 'revoked', 'expired')`)
@Check('licence_period', 'valid_to > valid_from')
@Index('licence_holder_company', ['holderCompanyId'])
@Index('licence_deposit', ['depositId'])
@Index('licence_status', ['status'])
@Index('licence_valid_to', ['validTo'])
export class Licence extends RegistryRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'MUR 16050 TR', description: 'As printed on the licence; unique' })
  @Column({ type: 'text', unique: true })
  number: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'holder_company_id', type: 'uuid' })
  holderCompanyId: string;

  @ManyToOne(() => Company)
  @JoinColumn({ name: 'holder_company_id', foreignKeyConstraintName: 'licence_holder_company_id_fkey' })
  holderCompany?: Company;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'deposit_id', type: 'uuid' })
  depositId: string;

  @ManyToOne(() => Deposit)
  @JoinColumn({ name: 'deposit_id', foreignKeyConstraintName: 'licence_deposit_id_fkey' })
  deposit?: Deposit;

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
      changedBy: this.updatedBy,
    };
  }
}
