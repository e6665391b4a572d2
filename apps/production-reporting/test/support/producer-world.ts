import type {
  CompanySnapshot,
  DepositSnapshot,
  FacilitySnapshot,
  LicenceSnapshot,
  ProductSnapshot,
} from '@redmet/contracts';
import { RegistryEvents } from './registry-events';
import { type Agent, type ReportingTestApp, startReporting } from './reporting-app';

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
  const carbonate = await registry.product();
  const hydroxide = await registry.product({ name: 'Lithium hydroxide', hsCode: '2825.20' });
  const facility = await registry.facility(company.companyId, {
    depositId: deposit.depositId,
    region: 'Murmansk Oblast',
    productCodes: [carbonate.code, hydroxide.code],
  });
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

/** What a suite works with: the service, the registry that feeds it, and one producer the registry knows. */
export interface ReportingWorld {
  reporting: ReportingTestApp;
  registry: RegistryEvents;
  world: ProducerWorld;
}

/**
 * Starts the service with `settings` and a producer world before the suite's tests, and stops them after.
 * Its fields are set once the suite's first beforeAll has run: read them in hooks and tests, not while declaring.
 */
export function useReportingWorld(settings: Record<string, string> = {}): ReportingWorld {
  const suite = {} as ReportingWorld;
  beforeAll(async () => {
    suite.reporting = await startReporting(settings);
    suite.registry = await RegistryEvents.connect(suite.reporting);
    suite.world = await producerWorld(suite.reporting, suite.registry);
  });
  afterAll(async () => {
    await suite.registry?.disconnect();
    await suite.reporting?.close();
  });
  return suite;
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

/** A row of an upload for a site (a plant, a deposit or both) and period, its fields in CSV_HEADER's order. */
export function csvRow(
  site: { facilityId?: string; depositId?: string },
  period: string,
  { productCode, quantity, unit, metalContentTonnes, domesticShipments, exports }: ReturnType<typeof line>,
): string {
  const fields = [site.facilityId ?? '', site.depositId ?? '', period, productCode, quantity, unit];
  return [...fields, metalContentTonnes, domesticShipments, exports].join(',');
}

/** The upload's header row as producers' files carry it: spelled out, so that a renamed column fails the tests. */
export const CSV_HEADER =
  'facility_id,deposit_id,period,product_code,quantity,unit,metal_content_tonnes,domestic_shipments,exports';
