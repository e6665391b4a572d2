import type {
  DepositStatus,
  FacilityStatus,
  LicenceStatus,
  LicenceType,
  TonnageClass,
  Unit,
} from '@redmet/contracts/vocabulary';
import { api } from './http';
import type { Page, PageParams } from './page';

/** deposit-registry through the gateway (`/api/registry`). */
const BASE = '/api/registry';

/**
 * Who made a registry change: a user, the registry itself (`userId` "system"), or unnamed registry staff (`userId`
 * null, to a producer of another company); null when it was made before the registry recorded authors.
 */
export type ChangedBy = { userId: string | null; name?: string | null } | null;

export interface Company {
  id: string;
  legalName: string;
  inn: string;
  ogrn: string | null;
  region: string | null;
  contactEmail: string | null;
  status: string;
  /** Who registered it. */
  createdBy: ChangedBy;
  /** Who made its last change (its registration, when it has not changed since). */
  updatedBy: ChangedBy;
}

export interface Deposit {
  id: string;
  name: string;
  region: string;
  latitude: number | null;
  longitude: number | null;
  metals: string[];
  status: DepositStatus;
}

export interface Licence {
  id: string;
  number: string;
  holderCompanyId: string;
  depositId: string;
  type: LicenceType;
  validFrom: string;
  validTo: string;
  status: LicenceStatus;
  statusSince: string;
  /** Increases with every change: a status history keyed by it is read again after one. */
  version: number;
  createdBy: ChangedBy;
  /** Who made its last change: a status, an amendment, an extension, or its issue. */
  updatedBy: ChangedBy;
}

/** One status a licence has had, the first being `active` from `validFrom` (`fromStatus` null). */
export interface LicenceStatusChange {
  id: string;
  fromStatus: LicenceStatus | null;
  toStatus: LicenceStatus;
  effectiveOn: string;
  recordedAt: string;
  reason: string;
  changedBy: ChangedBy;
}

export interface Facility {
  id: string;
  name: string;
  operatorCompanyId: string;
  depositId: string | null;
  region: string;
  productCodes: string[];
  capacityTonnesPerYear: string | null;
  status: FacilityStatus;
  statusSince: string;
  commissionedOn: string | null;
  /** The closed plant it brings back (a plant brought back is registered again); absent from a registry before it. */
  restartOf?: string | null;
  /**
   * Every operator in order, the current one last; `since` the first day of its first month (null: from the start);
   * `handedOverBy` who recorded the hand-over to it, absent for the operator it was registered with and for a
   * hand-over recorded before the registry kept their authors (as "registry staff" to a producer of neither company).
   */
  operators: { operatorCompanyId: string; since: string | null; handedOverBy?: ChangedBy }[];
  /** Sent back as `If-Match` with a change, so that one made meanwhile is not undone (412 `REGISTRY.STALE_VERSION`). */
  version: number;
}

/** One status a facility has had, the first being the one it was registered in (`fromStatus` null). */
export interface FacilityStatusChange {
  id: string;
  fromStatus: FacilityStatus | null;
  toStatus: FacilityStatus;
  effectiveOn: string;
  recordedAt: string;
  changedBy: ChangedBy;
}

export interface Product {
  code: string;
  name: string;
  elements: string[];
  tonnageClass: TonnageClass;
  hsCode: string;
  unit: Unit;
  metalContentBasis: string;
}

export const registry = {
  company: (id: string) => api<Company>(`${BASE}/companies/${id}`),
  companies: (query: PageParams & { name?: string }) =>
    api<Page<Company>>(`${BASE}/companies`, { query: { ...query } }),
  deposit: (id: string) => api<Deposit>(`${BASE}/deposits/${id}`),
  deposits: (query: PageParams & { name?: string; region?: string; status?: string }) =>
    api<Page<Deposit>>(`${BASE}/deposits`, { query: { ...query } }),
  facility: (id: string) => api<Facility>(`${BASE}/facilities/${id}`),
  facilityHistory: (id: string) => api<FacilityStatusChange[]>(`${BASE}/facilities/${id}/history`),
  /** Registry staff: a new status from `effectiveOn` (`closed`: the first day it no longer runs). */
  changeFacilityStatus: (facility: Facility, json: { status: FacilityStatus; effectiveOn: string }) =>
    api<Facility>(`${BASE}/facilities/${facility.id}/status`, { json, ifMatch: facility.version }),
  /** Registry staff: another company operates the plant from `effectiveOn`, the first day of a month. */
  changeFacilityOperator: (facility: Facility, json: { operatorCompanyId: string; effectiveOn: string }) =>
    api<Facility>(`${BASE}/facilities/${facility.id}/operator`, { json, ifMatch: facility.version }),
  facilities: (
    query: PageParams & {
      operatorCompanyId?: string;
      operatedBy?: string;
      region?: string;
      status?: string;
      restartOf?: string;
    },
  ) => api<Page<Facility>>(`${BASE}/facilities`, { query: { ...query } }),
  licence: (id: string) => api<Licence>(`${BASE}/licences/${id}`),
  licenceHistory: (id: string) => api<LicenceStatusChange[]>(`${BASE}/licences/${id}/history`),
  licences: (
    query: PageParams & { holderCompanyId?: string; depositId?: string; status?: string; expiringBefore?: string },
  ) => api<Page<Licence>>(`${BASE}/licences`, { query: { ...query } }),
  products: (query: PageParams & { element?: string; tonnageClass?: string }) =>
    api<Page<Product>>(`${BASE}/products`, { query: { ...query } }),
};

/** Every page of a list, for the small catalogues a screen needs whole (products, a company's sites, the map). */
export async function allPages<T>(load: (page: number) => Promise<Page<T>>, limit = 50): Promise<T[]> {
  const first = await load(1);
  const items = [...first.items];
  const pages = Math.min(limit, Math.ceil(first.total / first.pageSize));
  for (let page = 2; page <= pages; page += 1) items.push(...(await load(page)).items);
  return items;
}
