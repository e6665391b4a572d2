import type {
  CompanyStatus,
  ElementSymbol,
  FacilityOperatorPeriod,
  FacilityStatus,
  RejectionReason,
  ReportLineFigures,
  TonnageClass,
  Unit,
} from '@redmet/contracts';
import type { Coverage } from '@redmet/registry-view';

/** One line as the producer wrote it. */
export interface LineContent extends ReportLineFigures {
  lineNo: number;
}

/** What a version of a report says, whatever its state: the rules judge only this. */
export interface ReportContent {
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  period: string;
  lines: LineContent[];
}

export interface ProductFacts {
  code: string;
  unit: Unit;
  tonnageClass: TonnageClass;
  elements: ElementSymbol[];
}

export interface FacilityFacts {
  operatorCompanyId: string;
  operators: FacilityOperatorPeriod[] | null;
  depositId: string | null;
  region: string;
  status: FacilityStatus;
  statusSince: string;
  commissionedOn: string | null;
  /** What the registry says the plant makes; empty when it lists nothing, and then it is held to no product. */
  productCodes: string[];
}

/** What the registry view knows that the rules need; null where the view has not heard of it (yet). */
export interface RegistryFacts {
  company: { status: CompanyStatus } | null;
  facility: FacilityFacts | null;
  deposit: { region: string; metals: ElementSymbol[] } | null;
  /** The best licence of the company for the deposit over the period; null when none is known. */
  licence: { number: string; coverage: Coverage } | null;
  /** Another company holds a licence for the deposit, and the view knows none of this company's. */
  depositOfAnotherCompany: boolean;
  products: ReadonlyMap<string, ProductFacts>;
  /**
   * The first days of the period's months the company answers for at the site:
   * those it operated the facility in (a quarter is split when a plant changes
   * hands), every month otherwise. An accepted report claims these.
   */
  siteMonths: string[];
}

export type Verdict =
  | { outcome: 'accepted' }
  | { outcome: 'rejected'; reasons: RejectionReason[] }
  /** Nothing is definitely wrong, but the registry has not told us enough yet. */
  | { outcome: 'pending'; missing: RejectionReason[] };

/** Every amount a line carries. */
const LINE_AMOUNTS = [
  'quantity',
  'metalContentTonnes',
  'domesticShipments',
  'exports',
] as const satisfies readonly (keyof ReportLineFigures)[];

/**
 * No output in the period: no lines, or lines whose every amount is zero. Counts as filed all the same,
 * from a plant not operating too, so shipments or exports at a zero quantity are output, not a nil return.
 */
export function isNilReturn(lines: readonly ReportLineFigures[]): boolean {
  return lines.every((line) => LINE_AMOUNTS.every((amount) => /^0(\.0+)?$/.test(line[amount])));
}

export function reason(code: string, message: string, lineNo: number | null = null): RejectionReason {
  return { code: `REPORT.${code}`, message, lineNo };
}
