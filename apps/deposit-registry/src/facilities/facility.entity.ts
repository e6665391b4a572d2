import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import {
  FACILITY_STATUSES,
  type FacilityOperatorPeriod,
  type FacilitySnapshot,
  type FacilityStatus,
} from '@redmet/contracts';
import { Company } from '../companies/company.entity';
import { Deposit } from '../deposits/deposit.entity';
import { ChangedByDoc } from '../common/changed-by';
import { RegistryRecord } from '../common/registry-record.entity';

/** A processing plant turning ore or concentrate into catalogue products. */
@Entity('facility')
@Check('facility_capacity_tonnes_per_year_check', 'capacity_tonnes_per_year >= 0')
@Check('facility_status_check', `status IN ('planned', 'under_construction', 'commissioned', 'modernised', 'closed')`)
@Check(
  'facility_commissioned',
  `status = 'closed' OR (commissioned_on IS NULL) = (status IN ('planned', 'under_construction'))`,
)
@Unique('facility_name_region_unique', ['region', 'name'])
@Unique('facility_restart_of_unique', ['restartOf'])
@Index('facility_name', ['name', 'id'])
@Index('facility_operator_company', ['operatorCompanyId'])
@Index('facility_deposit', ['depositId'])
@Index('facility_region', ['region'])
@Index('facility_status', ['status'])
@Index('facility_product_codes', ['productCodes'], { type: 'gin' })
export class Facility extends RegistryRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty({ example: 'Solikamsk Magnesium Works' })
  @Column({ type: 'text' })
  name: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'operator_company_id', type: 'uuid' })
  operatorCompanyId: string;

  @ManyToOne(() => Company)
  @JoinColumn({ name: 'operator_company_id', foreignKeyConstraintName: 'facility_operator_company_id_fkey' })
  operatorCompany?: Company;

  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      required: ['operatorCompanyId', 'since'],
      properties: {
        operatorCompanyId: { type: 'string', format: 'uuid' },
        since: { type: 'string', format: 'date', nullable: true },
        handedOverBy: {
          allOf: [{ $ref: getSchemaPath(ChangedByDoc) }],
          nullable: true,
          description: `Who recorded the hand-over to it; absent or null for the operator it was registered with (see createdBy) and for hand-overs recorded before the registry kept their authors. A producer of neither the company that took it over nor the one that handed it over sees a person as "registry staff" (userId null)`,
        },
      },
    },
    description:
      'Every operator in order, the current one last; each from the first day of a month (null: from the start)',
  })
  @Column({ type: 'jsonb' })
  operators: FacilityOperatorPeriod[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The deposit it mainly processes ore from' })
  @Column({ name: 'deposit_id', type: 'uuid', nullable: true })
  depositId: string | null;

  @ManyToOne(() => Deposit)
  @JoinColumn({ name: 'deposit_id', foreignKeyConstraintName: 'facility_deposit_id_fkey' })
  deposit?: Deposit;

  @ApiProperty({ example: 'Perm Krai' })
  @Column({ type: 'text' })
  region: string;

  @ApiProperty({
    isArray: true,
    example: ['RE-COMPOUNDS', 'TA-PENTOXIDE'],
    description: 'Codes from the product catalogue',
  })
  @Column({ name: 'product_codes', type: 'text', array: true })
  productCodes: string[];

  @ApiPropertyOptional({ example: '2500', nullable: true, description: 'Design capacity, t of output per year' })
  @Column({ name: 'capacity_tonnes_per_year', type: 'numeric', nullable: true })
  capacityTonnesPerYear: string | null;

  @ApiProperty({ enum: FACILITY_STATUSES })
  @Column({ type: 'text' })
  status: FacilityStatus;

  @ApiProperty({ format: 'date', description: 'The day the current status took effect' })
  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'The day it was first commissioned' })
  @Column({ name: 'commissioned_on', type: 'date', nullable: true })
  commissionedOn: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description:
      'The closed plant it brings back: an existing site, registered again because closing is for good. Given at registration only; GET /facilities?restartOf=<id> finds the plant that brought one back',
  })
  @Column({ name: 'restart_of', type: 'uuid', nullable: true })
  restartOf: string | null;

  @ManyToOne(() => Facility)
  @JoinColumn({ name: 'restart_of', foreignKeyConstraintName: 'facility_restart_of_fkey' })
  broughtBack?: Facility;

  toSnapshot(): FacilitySnapshot {
    return {
      facilityId: this.id,
      name: this.name,
      operatorCompanyId: this.operatorCompanyId,
      operators: this.operators,
      depositId: this.depositId,
      region: this.region,
      productCodes: this.productCodes,
      capacityTonnesPerYear: this.capacityTonnesPerYear,
      status: this.status,
      statusSince: this.statusSince,
      commissionedOn: this.commissionedOn,
      restartOf: this.restartOf,
      version: this.version,
      changedBy: this.updatedBy,
    };
  }
}
