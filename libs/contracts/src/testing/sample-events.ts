import { createHash } from 'node:crypto';
import { createEvent, type EventEnvelope } from '../envelope';
import type { EventDefinition } from '../event-definition';
import {
  CompanyRegistered,
  type CompanySnapshot,
  CompanyUpdated,
  DepositRegistered,
  type DepositSnapshot,
  DepositUpdated,
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
import { AlertAcknowledged, AlertEscalated, AlertRaised, AlertResolved, type AlertSnapshot } from '../monitoring';
import {
  ReportAccepted,
  ReportAmended,
  ReportingDeadlineApproaching,
  ReportingDeadlineMissed,
  type ReportingObligation,
  ReportRejected,
  ReportSubmitted,
  type ReportVersionSnapshot,
} from '../reporting';
import {
  BudgetReleased,
  BudgetReserved,
  type BudgetChangePayload,
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimPaid,
  ClaimRejected,
  ClaimReturned,
  type ClaimSnapshot,
  ClaimSubmitted,
} from '../subsidy';

/**
 * A valid payload for every event type in EVENT_CATALOGUE, with realistic data
 * (DOMAIN.md). Contract tests, consumers' tests and the AsyncAPI examples start
 * from these; a new event type without a sample fails the contract tests.
 */
const company: CompanySnapshot = {
  companyId: '5a1c2d9e-3f47-4b8a-9c61-0d2e7f4a8b13',
  legalName: 'Lovozersky GOK LLC',
  inn: '5190907139',
  ogrn: '1025100000011',
  region: 'Murmansk Oblast',
  contactEmail: 'office@lovozero.example',
  status: 'active',
  version: 1,
};

const deposit: DepositSnapshot = {
  depositId: '8d3f6b21-7c4e-4a90-b5d2-1e9f0c7a6b34',
  name: 'Lovozero (Karnasurt mine)',
  region: 'Murmansk Oblast',
  latitude: 67.85,
  longitude: 34.67,
  metals: ['REE', 'Nb', 'Ta', 'Ti'],
  status: 'producing',
  version: 1,
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
  version: 1,
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

const report: ReportVersionSnapshot = {
  reportId: '3f9a1c27-5d4e-4b8f-a2c6-7e0d9b1f4a53',
  version: 1,
  companyId: company.companyId,
  facilityId: null,
  depositId: deposit.depositId,
  region: 'Murmansk Oblast',
  period: '2026-Q1',
  state: 'submitted',
  nilReturn: false,
  lines: [
    {
      lineNo: 1,
      productCode: 'LOPARITE-CONC',
      tonnageClass: 'small',
      quantity: '2150.5',
      unit: 't',
      metalContentTonnes: '645.15',
      domesticShipments: '2150.5',
      exports: '0',
    },
  ],
  submittedBy: { userId: 'u-1f2e3d', name: 'A. Petrova, chief engineer' },
  submittedAt: '2026-04-12T08:15:00.000Z',
  contentSha256: '9f2b5c0e8d7a6b4c3e1f0a9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a4e3d2c1b0a9f',
};

const obligation: ReportingObligation = {
  obligationId: `${company.companyId}:${deposit.depositId}:2026-Q1`,
  companyId: company.companyId,
  facilityId: null,
  depositId: deposit.depositId,
  period: '2026-Q1',
  dueOn: '2026-04-30',
};

const claim: ClaimSnapshot = {
  claimId: '6c2e8a14-9b3f-4d7a-8e5c-1f0b2a3d4c95',
  companyId: company.companyId,
  programmeYear: 2026,
  period: '2026-Q1',
  state: 'submitted',
  requestedKopecks: '4500000000',
  approvedKopecks: null,
  paidKopecks: null,
  reportIds: [report.reportId],
  version: 1,
};

const officers = [
  { userId: 'u-officer-1', name: 'I. Smirnov' },
  { userId: 'u-officer-2', name: 'O. Volkova' },
];

const budgetChange: BudgetChangePayload = {
  programmeYear: 2026,
  claimId: claim.claimId,
  amountKopecks: '4000000000',
  totalKopecks: '107000000000',
  committedKopecks: '4000000000',
  availableKopecks: '103000000000',
  utilisationPercent: '3.74',
};

const alert: AlertSnapshot = {
  alertId: 'b8d4f2a6-1c3e-4a5b-9d7f-0e2c4a6b8d10',
  ruleId: 'reporting.deadline_missed',
  subject: `company:${company.companyId}`,
  severity: 'warning',
  state: 'open',
  title: 'Lovozersky GOK LLC missed the 2026-Q1 report deadline',
  message: 'The 2026-Q1 report for Lovozero (Karnasurt mine) was due on 2026-04-30 and has not been filed.',
  raisedAt: '2026-05-01T00:05:00.000Z',
};

interface Sample {
  aggregateId: string;
  payload: object;
}

function key(definition: EventDefinition): string {
  return `${definition.topic.name} ${definition.type}`;
}

/** Typed per definition, so a sample that no longer fits its payload class does not compile. */
function sample<P extends object>(definition: EventDefinition<P>, aggregateId: string, payload: P): [string, Sample] {
  return [key(definition), { aggregateId, payload }];
}

const SAMPLES: ReadonlyMap<string, Sample> = new Map([
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
  }),
  sample(LicenceExpiring, licence.licenceId, { ...licence, daysBefore: 180 }),
  sample(FacilityRegistered, facility.facilityId, facility),
  sample(FacilityUpdated, facility.facilityId, { ...facility, capacityTonnesPerYear: '2750.5', version: 2 }),
  sample(FacilityStatusChanged, facility.facilityId, facilityCommissioned),
  sample(ProductAdded, product.code, product),
  sample(ProductUpdated, product.code, { ...product, hsCode: '2836.91.00', version: 2 }),
  sample(ReportSubmitted, report.reportId, report),
  sample(ReportAccepted, report.reportId, { ...report, state: 'accepted' }),
  sample(ReportRejected, report.reportId, {
    ...report,
    state: 'rejected',
    reasons: [
      { code: 'REPORT.LICENCE_NOT_ACTIVE', message: 'Licence MUR 01234 TE was suspended on 2026-02-10', lineNo: null },
    ],
  }),
  sample(ReportAmended, report.reportId, {
    ...report,
    version: 2,
    lines: [{ ...report.lines[0], quantity: '2050.5', metalContentTonnes: '615.15', domesticShipments: '2050.5' }],
    supersedesVersion: 1,
    amendmentReason: 'Assay corrected after the laboratory recheck',
  }),
  sample(ReportingDeadlineApproaching, obligation.obligationId, { ...obligation, daysBefore: 7 }),
  sample(ReportingDeadlineMissed, obligation.obligationId, obligation),
  sample(ClaimSubmitted, claim.claimId, claim),
  sample(ClaimReturned, claim.claimId, {
    ...claim,
    state: 'returned',
    version: 3,
    decidedBy: [officers[0]],
    reason: 'Attach the invoices for the discounted sales in February',
  }),
  sample(ClaimApproved, claim.claimId, {
    ...claim,
    state: 'approved',
    approvedKopecks: '4000000000',
    version: 4,
    decidedBy: officers,
    reason: 'Transport costs above the cap were excluded',
  }),
  sample(ClaimRejected, claim.claimId, {
    ...claim,
    state: 'rejected',
    version: 4,
    decidedBy: [officers[0]],
    reason: 'Annual revenue is below twice the subsidy',
  }),
  sample(ClaimPaid, claim.claimId, {
    ...claim,
    state: 'paid',
    approvedKopecks: '4000000000',
    paidKopecks: '4000000000',
    version: 5,
    paidOn: '2026-06-15',
  }),
  sample(ClaimClawbackDemanded, claim.claimId, {
    ...claim,
    state: 'under_clawback',
    approvedKopecks: '4000000000',
    paidKopecks: '4000000000',
    version: 6,
    clawbackKopecks: '186046512',
    coefficient: '0.046512',
    reason: 'Report 2026-Q1 amended down: metal content 615.15 t instead of 645.15 t',
    dueOn: '2026-07-29',
  }),
  sample(BudgetReserved, '2026', budgetChange),
  sample(BudgetReleased, '2026', {
    ...budgetChange,
    amountKopecks: '500000000',
    committedKopecks: '3500000000',
    availableKopecks: '103500000000',
    utilisationPercent: '3.27',
  }),
  sample(AlertRaised, alert.alertId, alert),
  sample(AlertAcknowledged, alert.alertId, {
    ...alert,
    state: 'acknowledged',
    acknowledgedBy: { userId: 'u-analyst-1', name: 'M. Orlova' },
    comment: 'Called the company: the report is being signed',
  }),
  sample(AlertEscalated, alert.alertId, { ...alert, severity: 'critical' }),
  sample(AlertResolved, alert.alertId, { ...alert, state: 'resolved' }),
]);

function sampleFor(definition: EventDefinition): Sample {
  const found = SAMPLES.get(key(definition));
  if (!found)
    throw new Error(`no sample for ${key(definition)}: add one to libs/contracts/src/testing/sample-events.ts`);
  return found;
}

/** A fresh copy of the sample payload of an event type, safe to change in a test. */
export function samplePayload<P extends object>(definition: EventDefinition<P>): P {
  return structuredClone(sampleFor(definition).payload) as P;
}

/** Stable per event type, so generated documents do not change from run to run. */
function sampleEventId(definition: EventDefinition): string {
  const hex = createHash('sha256').update(key(definition)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const SAMPLE_OCCURRED_AT = '2026-03-02T09:30:00.000Z';
export const SAMPLE_CORRELATION_ID = 'req-7f3a9c2e';

/**
 * A complete, valid event as a producer would write it (built by `createEvent`),
 * with fixed ids and time; pass `overrides` to vary the envelope.
 */
export function sampleEvent<P extends object>(
  definition: EventDefinition<P>,
  overrides: Partial<EventEnvelope<P>> = {},
): EventEnvelope<P> {
  const origin = { correlationId: SAMPLE_CORRELATION_ID, causationId: null };
  const { aggregateId } = sampleFor(definition);
  const event = createEvent(definition, aggregateId, samplePayload(definition), origin, new Date(SAMPLE_OCCURRED_AT));
  return { ...event, eventId: sampleEventId(definition), ...overrides };
}
