import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { COMPANY_STATUSES, type CompanySnapshot, type CompanyStatus } from '@redmet/contracts';
import { RegistryRecord } from '../common/registry-record.entity';

@Entity('company')
@Check('company_status_check', `status IN ('active', 'in_liquidation', 'liquidated')`)
// On lower(legal_name), an expression TypeORM cannot declare: the migration keeps it.
@Index('company_legal_name', { synchronize: false })
export class Company extends RegistryRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'Lovozersky GOK LLC' })
  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @ApiProperty({ example: '5190907139' })
  @Column({ type: 'text', unique: true })
  inn: string;

  @ApiPropertyOptional({ example: '1095190009111', nullable: true })
  @Column({ type: 'text', nullable: true, unique: true })
  ogrn: string | null;

  @ApiPropertyOptional({ example: 'Murmansk Oblast', nullable: true })
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @ApiPropertyOptional({
    example: 'office@lovgok.ru',
    nullable: true,
    description:
      "Personal data: null to a producer reading another company (or whose token names none); staff and the company's own producers see it",
  })
  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @ApiProperty({ enum: COMPANY_STATUSES })
  @Column({ type: 'text' })
  status: CompanyStatus;

  toSnapshot(): CompanySnapshot {
    return {
      companyId: this.id,
      legalName: this.legalName,
      inn: this.inn,
      ogrn: this.ogrn,
      region: this.region,
      contactEmail: this.contactEmail,
      status: this.status,
      version: this.version,
      changedBy: this.updatedBy,
    };
  }
}
