import {
  CompanyRegistered,
  type CompanySnapshot,
  CompanyUpdated,
  DepositRegistered,
  type DepositSnapshot,
  DepositUpdated,
  FacilityOperatorChanged,
  type FacilityOperatorChangePayload,
  FacilityRegistered,
  type FacilitySnapshot,
  FacilityStatusChanged,
  type FacilityStatusChangePayload,
  FacilityUpdated,
  LicenceAmended,
  LicenceExpired,
  LicenceExpiring,
  LicenceIssued,
  LicenceReinstated,
  LicenceRevoked,
  type LicenceSnapshot,
  type LicenceStatusChangePayload,
  LicenceSuspended,
  ProductAdded,
  type ProductSnapshot,
  ProductUpdated,
} from '../registry';
import type { Actor } from '../values/common';
import { sample } from './sample';

/** A registry administrator, as the registry records who made each change. */
const registryAdmin: Actor = { userId: '0b7d3e58-1c92-4a6f-8e47-3f5a9c2d6b10', name: 'Registry Admin' };

/** The registry itself: the scheduled licence expiry. */
const licenceExpiry: Actor = { userId: 'system', name: 'deposit-registry: scheduled licence expiry' };

export const company: CompanySnapshot = {
  companyId: '5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13',
  legalName: 'Lovozersky GOK LLC',
  inn: '5190907139',
  ogrn: '1025100000011',
  region: 'Murmansk Oblast',
  contactEmail: 'office@lovozero.example',
  status: 'active',
  version: 1,
  changedBy: registryAdmin,
};

export const deposit: DepositSnapshot = {
  depositId: '8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34',
  name: 'Lovozero (Karnasurt mine)',
  region: 'Murmansk Oblast',
  latitude: 67.85,
  longitude: 34.67,
  metals: ['REE', 'Nb', 'Ta', 'Ti'],
  status: 'producing',
  version: 1,
  changedBy: registryAdmin,
};

const licence: LicenceSnapshot = {
  licenceId: 'c47e0a95-2b1d-4f68-8e3a-5d7c9b1f2e60',
  number: 'MUR 01234 TE',
  holderCompanyId: company.companyId,
  depositId: deposit.depositId,
  type: 'combined',
  validFrom: '2018-04-01',
  validTo: '2038-03-31',
  status: 'active',
  statusSince: '2018-04-01',
  version: 1,
  changedBy: registryAdmin,
};

const facility: FacilitySnapshot = {
  facilityId: 'e2b9d4c7-6a13-4f05-9b8e-3c1d7a5f9e82',
  name: 'Solikamsk Magnesium Works: REE separation complex',
  operatorCompanyId: company.companyId,
  depositId: null,
  region: 'Perm Krai',
  productCodes: ['ND-OXIDE', 'PR-OXIDE', 'LA-OXIDE', 'CE-OXIDE'],
  capacityTonnesPerYear: '2500',
  status: 'under_construction',
  statusSince: '2025-06-01',
  commissionedOn: null,
  restartOf: null,
  version: 1,
  changedBy: registryAdmin,
};

const product: ProductSnapshot = {
  code: 'LI-CARBONATE',
  name: 'Lithium carbonate',
  elements: ['Li'],
  tonnageClass: 'large',
  hsCode: '2836.91',
  unit: 't',
  metalContentBasis: 't Li contained',
  version: 1,
  changedBy: registryAdmin,
};

const licenceSuspended: LicenceStatusChangePayload = {
  ...licence,
  status: 'suspended',
  statusSince: '2026-02-10',
  version: 2,
  previousStatus: 'active',
  reason: 'Mining plan not submitted on time',
};

const facilityCommissioned: FacilityStatusChangePayload = {
  ...facility,
  status: 'commissioned',
  statusSince: '2027-09-15',
  commissionedOn: '2027-09-15',
  version: 2,
  previousStatus: 'under_construction',
};

const facilityHandedOver: FacilityOperatorChangePayload = {
  ...facility,
  status: 'commissioned',
  statusSince: '2027-09-15',
  commissionedOn: '2027-09-15',
  operatorCompanyId: '5b0c2d8e-7f41-4a63-9e15-2c8d4b6a1f37',
  operators: [
    { operatorCompanyId: company.companyId, since: null },
    { operatorCompanyId: '5b0c2d8e-7f41-4a63-9e15-2c8d4b6a1f37', since: '2028-01-01', handedOverBy: registryAdmin },
  ],
  version: 3,
  previousOperatorCompanyId: company.companyId,
};

export const REGISTRY_SAMPLES = [
  sample(CompanyRegistered, company.companyId, company),
  sample(CompanyUpdated, company.companyId, { ...company, contactEmail: null, status: 'in_liquidation', version: 2 }),
  sample(DepositRegistered, deposit.depositId, deposit),
  sample(DepositUpdated, deposit.depositId, { ...deposit, metals: ['REE', 'Nb', 'Ta'], version: 2 }),
  sample(LicenceIssued, licence.licenceId, licence),
  sample(LicenceAmended, licence.licenceId, { ...licence, validTo: '2043-03-31', version: 2 }),
  sample(LicenceSuspended, licence.licenceId, licenceSuspended),
  sample(LicenceReinstated, licence.licenceId, {
    ...licenceSuspended,
    status: 'active',
    statusSince: '2026-04-20',
    previousStatus: 'suspended',
    reason: 'Mining plan approved',
    version: 3,
  }),
  sample(LicenceRevoked, licence.licenceId, {
    ...licenceSuspended,
    status: 'revoked',
    statusSince: '2026-06-01',
    previousStatus: 'suspended',
    reason: 'Repeated breach of licence terms',
    version: 3,
  }),
  sample(LicenceExpired, licence.licenceId, {
    ...licence,
    status: 'expired',
    statusSince: '2038-04-01',
    previousStatus: 'active',
    reason: 'Validity ended',
    version: 2,
    changedBy: licenceExpiry,
  }),
  sample(LicenceExpiring, licence.licenceId, { ...licence, daysBefore: 180 }),
  sample(FacilityRegistered, facility.facilityId, facility),
  sample(FacilityUpdated, facility.facilityId, { ...facility, capacityTonnesPerYear: '2750.5', version: 2 }),
  sample(FacilityStatusChanged, facility.facilityId, facilityCommissioned),
  sample(FacilityOperatorChanged, facility.facilityId, facilityHandedOver),
  sample(ProductAdded, product.code, product),
  sample(ProductUpdated, product.code, { ...product, hsCode: '2836.91.00', version: 2 }),
];
