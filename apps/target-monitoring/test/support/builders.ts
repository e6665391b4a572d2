import { randomUUID } from 'node:crypto';
import {
  type FacilitySnapshot,
  FacilityRegistered,
  LicenceIssued,
  LicenceRevoked,
  type LicenceSnapshot,
  type LicenceStatusChangePayload,
  ProductAdded,
  type ProductSnapshot,
  ReportAccepted,
  type ReportLine,
  type ReportVersionSnapshot,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';

/** A catalogue code no other test uses. */
export function productCode(prefix = 'TEST'): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export function product(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  return { ...samplePayload(ProductAdded), code: productCode(), ...overrides };
}

export function facility(overrides: Partial<FacilitySnapshot> = {}): FacilitySnapshot {
  return {
    ...samplePayload(FacilityRegistered),
    facilityId: randomUUID(),
    operatorCompanyId: randomUUID(),
    ...overrides,
  };
}

/** A licence as LicenceIssued carries it: a new licence, of a new holder for a new deposit unless given. */
export function issuedLicence(overrides: Partial<LicenceSnapshot> = {}): LicenceSnapshot {
  return {
    ...samplePayload(LicenceIssued),
    licenceId: randomUUID(),
    holderCompanyId: randomUUID(),
    depositId: randomUUID(),
    ...overrides,
  };
}

/** A licence revoked in its second version, as LicenceRevoked carries it: new ids unless given. */
export function revokedLicence(overrides: Partial<LicenceStatusChangePayload> = {}): LicenceStatusChangePayload {
  return {
    ...samplePayload(LicenceRevoked),
    licenceId: randomUUID(),
    holderCompanyId: randomUUID(),
    depositId: randomUUID(),
    status: 'revoked',
    version: 2,
    ...overrides,
  };
}

export interface LineInput {
  productCode: string;
  quantity: string;
  metal?: string;
  exports?: string;
  unit?: 't' | 'kg';
  tonnageClass?: 'large' | 'small' | null;
}

export function line(input: LineInput, lineNo = 1): ReportLine {
  return {
    lineNo,
    productCode: input.productCode,
    tonnageClass: input.tonnageClass === undefined ? 'large' : input.tonnageClass,
    quantity: input.quantity,
    unit: input.unit ?? 't',
    metalContentTonnes: input.metal ?? input.quantity,
    domesticShipments: input.quantity,
    exports: input.exports ?? '0',
  };
}

/** An accepted report version: one site, one period, the given lines. */
export function acceptedReport(
  overrides: Partial<ReportVersionSnapshot> & { lines?: ReportLine[] } = {},
): ReportVersionSnapshot {
  return {
    ...samplePayload(ReportAccepted),
    reportId: randomUUID(),
    companyId: randomUUID(),
    facilityId: null,
    depositId: randomUUID(),
    region: 'Murmansk Oblast',
    version: 1,
    state: 'accepted',
    lines: [],
    ...overrides,
  };
}

export function lines(...inputs: LineInput[]): ReportLine[] {
  return inputs.map((input, index) => line(input, index + 1));
}

/**
 * An HS code of the tariff that no real catalogue entry has (chapter 96, miscellaneous manufactured
 * articles), so customs figures map to this test's product only.
 */
export function hsCode(): string {
  const digits = () => String(Math.floor(Math.random() * 90) + 10);
  return `96${digits()}.${digits()}.${digits()}`;
}
