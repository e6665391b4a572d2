import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  CompanyStatus,
  DepositStatus,
  ElementSymbol,
  FacilityOperatorPeriod,
  FacilityStatus,
  LicenceStatus,
  LicenceType,
  TonnageClass,
  Unit,
} from '@redmet/contracts';

/**
 * A downstream service's own copy of what the registry published: the latest
 * snapshot of each aggregate (by version) and the dated status history of
 * licences and facilities. Tables are prefixed `registry_` in the service's database.
 */
@Entity('registry_company')
export class RegistryCompany {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ type: 'text' })
  inn: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text' })
  status: CompanyStatus;

  @Column({ type: 'int' })
  version: number;
}

@Entity('registry_deposit')
export class RegistryDeposit {
  @PrimaryColumn({ name: 'deposit_id', type: 'uuid' })
  depositId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'text', array: true })
  metals: ElementSymbol[];

  @Column({ type: 'text' })
  status: DepositStatus;

  @Column({ type: 'int' })
  version: number;
}

@Entity('registry_licence')
@Index('registry_licence_holder_deposit', ['holderCompanyId', 'depositId'])
export class RegistryLicence {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'holder_company_id', type: 'uuid' })
  holderCompanyId: string;

  @Column({ name: 'deposit_id', type: 'uuid' })
  depositId: string;

  @Column({ type: 'text' })
  type: LicenceType;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'text' })
  status: LicenceStatus;

  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @Column({ type: 'int' })
  version: number;
}

@Entity('registry_facility')
@Index('registry_facility_operator', ['operatorCompanyId'])
export class RegistryFacility {
  @PrimaryColumn({ name: 'facility_id', type: 'uuid' })
  facilityId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'operator_company_id', type: 'uuid' })
  operatorCompanyId: string;

  /** See FacilitySnapshot.operators, without who recorded each hand-over: null for a facility published before the list existed. */
  @Column({ type: 'jsonb', nullable: true })
  operators: Pick<FacilityOperatorPeriod, 'operatorCompanyId' | 'since'>[] | null;

  @Column({ name: 'deposit_id', type: 'uuid', nullable: true })
  depositId: string | null;

  @Column({ type: 'text' })
  region: string;

  @Column({ name: 'product_codes', type: 'text', array: true })
  productCodes: string[];

  @Column({ name: 'capacity_tonnes_per_year', type: 'numeric', nullable: true })
  capacityTonnesPerYear: string | null;

  @Column({ type: 'text' })
  status: FacilityStatus;

  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @Column({ name: 'commissioned_on', type: 'date', nullable: true })
  commissionedOn: string | null;

  @Column({ type: 'int' })
  version: number;
}

@Entity('registry_product')
export class RegistryProduct {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  elements: ElementSymbol[];

  @Column({ name: 'tonnage_class', type: 'text' })
  tonnageClass: TonnageClass;

  @Column({ name: 'hs_code', type: 'text' })
  hsCode: string;

  @Column({ type: 'text' })
  unit: Unit;

  @Column({ name: 'metal_content_basis', type: 'text' })
  metalContentBasis: string;

  @Column({ type: 'int' })
  version: number;
}

/**
 * One row per licence version: its status and since when. Kept even when the
 * version arrives late, so "was the licence active all through March?" is
 * answered from the whole history, whatever order the events came in.
 */
@Entity('registry_licence_status')
export class RegistryLicenceStatus {
  @PrimaryColumn({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  status: LicenceStatus;

  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;
}

export const REGISTRY_VIEW_ENTITIES = [
  RegistryCompany,
  RegistryDeposit,
  RegistryLicence,
  RegistryLicenceStatus,
  RegistryFacility,
  RegistryProduct,
];
