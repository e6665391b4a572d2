import type {
  CompanySnapshot,
  DepositSnapshot,
  FacilitySnapshot,
  LicenceSnapshot,
  ProductSnapshot,
} from '@redmet/contracts';
import type { RegistryEvents } from './registry-events';
import type { Agent, ReportingTestApp } from './reporting-app';

/** A producer as the registry knows it: its company, a licensed deposit, a commissioned plant, two products. */
export interface ProducerWorld {
  company: CompanySnapshot;
  deposit: DepositSnapshot;
  licence: LicenceSnapshot;
  facility: FacilitySnapshot;
  carbonate: ProductSnapshot;
  hydroxide: ProductSnapshot;
  /** Calls as a producer of this company. */
  http: Agent;
}

export async function producerWorld(reporting: ReportingTestApp, registry: RegistryEvents): Promise<ProducerWorld> {
  const company = await registry.company();
  const deposit = await registry.deposit({ name: 'Kolmozerskoye', metals: ['Li', 'Ta', 'Nb', 'Be'] });
  const licence = await registry.licence(company.companyId, deposit.depositId);
  const facility = await registry.facility(company.companyId, {
    depositId: deposit.depositId,
    region: 'Murmansk Oblast',
  });
  const carbonate = await registry.product();
  const hydroxide = await registry.product({ name: 'Lithium hydroxide', hsCode: '2825.20' });
  await registry.seen('company', company.companyId);
  await registry.seen('deposit', deposit.depositId);
  await registry.seen('licence', licence.licenceId);
  await registry.seen('facility', facility.facilityId);
  await registry.seen('product', carbonate.code);
  await registry.seen('product', hydroxide.code);
  return {
    company,
    deposit,
    licence,
    facility,
    carbonate,
    hydroxide,
    http: await reporting.producer(company.companyId),
  };
}

export function line(product: ProductSnapshot, overrides: Record<string, string> = {}) {
  return {
    productCode: product.code,
    quantity: '1250.5',
    unit: product.unit,
    metalContentTonnes: '235.1',
    domesticShipments: '1000',
    exports: '200',
    ...overrides,
  };
}

/** The upload's header row as producers' files carry it: spelled out, so that a renamed column fails the tests. */
export const CSV_HEADER =
  'facility_id,deposit_id,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports';
