import type { ClaimLineInput, ClaimState, CostCategory } from '@redmet/contracts/vocabulary';
import { api } from './http';
import type { Page, PageParams } from './page';
import { uploadFile, type UploadProgress } from './upload';

/** subsidy-processing through the gateway (`/api/subsidy`). Money is integer kopecks in strings. */
const BASE = '/api/subsidy';

export const CLAIM_SORTS = ['oldest', 'newest', 'largest', 'smallest'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export interface Actor {
  userId: string;
  name: string | null;
}

export interface ClaimLine extends Required<Pick<ClaimLineInput, 'basis' | 'documentNumber'>> {
  lineNo: number;
  category: CostCategory | null;
  description: string | null;
  amountKopecks: string | null;
  productCode: string | null;
  quantity: string | null;
  policyPriceKopecks: string | null;
  invoicedPriceKopecks: string | null;
  buyerName: string | null;
  buyerInn: string | null;
  basisKopecks: string;
  rate: string;
  compensationKopecks: string;
}

export interface Claim {
  id: string;
  companyId: string;
  programmeYear: number;
  period: string;
  state: ClaimState;
  reportIds: string[];
  noTaxArrears: boolean;
  notInLiquidation: boolean;
  annualRevenueKopecks: string | null;
  computedKopecks: string;
  requestedKopecks: string;
  approvedKopecks: string | null;
  /** What the officers approved, while a relied-on report that changed before payment holds the amount below it. */
  originallyApprovedKopecks: string | null;
  approvalAdjustmentReason: string | null;
  paidKopecks: string | null;
  assignedTo: Actor | null;
  /** Under review with an assignee who wrote part of it, whom four eyes keep from deciding it: to be handed on. */
  needsAnotherOfficer: boolean;
  firstApproval: (Actor & { amountKopecks: string; reason: string | null; at: string }) | null;
  decidedBy: Actor[] | null;
  decisionReason: string | null;
  missingItems: string[];
  paymentScheduledOn: string | null;
  paidOn: string | null;
  clawbackKopecks: string | null;
  clawbackReason: string | null;
  clawbackDueOn: string | null;
  /** Demanded and not yet repaid; null when nothing is demanded. */
  clawbackOutstandingKopecks: string | null;
  /** Repaid by the producer so far, in total. */
  clawbackSettledKopecks: string | null;
  /** Paid back to the producer so far. */
  clawbackRefundedKopecks: string | null;
  /** Repaid beyond what the demand now is, not yet paid back ("0" when nothing). */
  clawbackRefundDueKopecks: string;
  createdBy: string;
  lastEditedBy: string;
  /** Everyone who created or changed the claim: four eyes keep each of them from deciding it. */
  editedBy: string[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  lines?: ClaimLine[];
}

export interface ClaimContent {
  period: string;
  lines: ClaimLineInput[];
  reportIds: string[];
  noTaxArrears: boolean;
  notInLiquidation: boolean;
  /** Null clears it. */
  annualRevenueKopecks?: string | null;
}

export interface Eligibility {
  eligible: boolean;
  failures: { code: string; field: string; message: string }[];
  computedKopecks: string;
  requestedKopecks: string;
}

export interface Budget {
  year: number;
  totalKopecks: string;
  committedKopecks: string;
  availableKopecks: string;
  utilisationPercent: string;
}

export interface ReportSide {
  reportId: string;
  relied: { version: number; metalContentTonnes: string; quantityTonnes: string } | null;
  latestAccepted: {
    version: number;
    period: string;
    facilityId: string | null;
    depositId: string | null;
    metalContentTonnes: string;
    quantityTonnes: string;
    stateAt: string;
  } | null;
  versions: { version: number; state: string; stateAt: string; metalContentTonnes: string; quantityTonnes: string }[];
}

export interface ClaimReview {
  claim: Claim & { lines: ClaimLine[] };
  reports: ReportSide[];
  budget: Budget;
  fourEyes: { thresholdKopecks: string; required: boolean };
}

export interface ClaimDocument {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ClaimComment {
  id: string;
  visibility: 'internal' | 'producer';
  text: string;
  authorId: string;
  authorName: string | null;
  createdAt: string;
}

/** A payment against a clawback demand (`repaidOn`) or back to the producer (`refundedOn`); never changed. */
interface ClawbackPaymentRow {
  id: string;
  amountKopecks: string;
  reference: string;
  recordedBy: Actor;
  recordedAt: string;
}

export interface ClawbackRepayment extends ClawbackPaymentRow {
  repaidOn: string;
}

export interface ClawbackRefund extends ClawbackPaymentRow {
  refundedOn: string;
}

export interface ClawbackStatement {
  claimId: string;
  state: ClaimState;
  clawbackKopecks: string;
  repaidKopecks: string;
  outstandingKopecks: string;
  refundedKopecks: string;
  refundDueKopecks: string;
  dueOn: string | null;
  /** Past its due day with money still outstanding (the service's calendar). */
  overdue: boolean;
  repayments: ClawbackRepayment[];
  refunds: ClawbackRefund[];
}

export interface ClaimQuery extends PageParams {
  state?: ClaimState;
  companyId?: string;
  period?: string;
  assignedTo?: string;
  awaitingSecondApproval?: boolean;
  needsAnotherOfficer?: boolean;
  /** `recent`: last changed first, a producer's own list (drafts among the rest, not last). */
  sort?: ClaimSort | 'recent';
}

const claim = (id: string) => `${BASE}/claims/${id}`;

export const subsidy = {
  list: (query: ClaimQuery) => api<Page<Claim>>(`${BASE}/claims`, { query: { ...query } }),
  get: (id: string) => api<Claim & { lines: ClaimLine[] }>(claim(id)),
  create: (content: ClaimContent) => api<Claim>(`${BASE}/claims`, { method: 'POST', json: content }),
  update: (id: string, content: Partial<ClaimContent>) => api<Claim>(claim(id), { method: 'PATCH', json: content }),
  eligibility: (id: string) => api<Eligibility>(`${claim(id)}/eligibility`),
  submit: (id: string) => api<Claim>(`${claim(id)}/submit`, { method: 'POST' }),
  review: (id: string) => api<ClaimReview>(`${claim(id)}/review`),
  take: (id: string) => api<Claim>(`${claim(id)}/take`, { method: 'POST' }),
  reassign: (id: string, body: { officerId: string; officerName?: string; reason: string }) =>
    api<Claim>(`${claim(id)}/reassign`, { method: 'POST', json: body }),
  approve: (id: string, body: { approvedKopecks?: string; reason?: string }) =>
    api<Claim>(`${claim(id)}/approve`, { method: 'POST', json: body }),
  reject: (id: string, reason: string) => api<Claim>(`${claim(id)}/reject`, { method: 'POST', json: { reason } }),
  revoke: (id: string, reason: string) => api<Claim>(`${claim(id)}/revoke`, { method: 'POST', json: { reason } }),
  returnForInformation: (id: string, body: { reason: string; missing: string[] }) =>
    api<Claim>(`${claim(id)}/return`, { method: 'POST', json: body }),
  schedulePayment: (id: string, scheduledOn: string) =>
    api<Claim>(`${claim(id)}/schedule-payment`, { method: 'POST', json: { scheduledOn } }),
  pay: (id: string, body: { paidOn: string; reference: string }) =>
    api<Claim>(`${claim(id)}/pay`, { method: 'POST', json: body }),
  clawback: (id: string) => api<ClawbackStatement>(`${claim(id)}/clawback`),
  repay: (id: string, body: { amountKopecks: string; repaidOn: string; reference: string }) =>
    api<{ repayment: ClawbackRepayment; claim: Claim }>(`${claim(id)}/clawback/repayments`, {
      method: 'POST',
      json: body,
    }),
  settle: (id: string, body: { settledOn: string; reference: string }) =>
    api<Claim>(`${claim(id)}/clawback/settle`, { method: 'POST', json: body }),
  refund: (id: string, body: { amountKopecks: string; refundedOn: string; reference: string }) =>
    api<{ refund: ClawbackRefund; claim: Claim }>(`${claim(id)}/clawback/refunds`, { method: 'POST', json: body }),
  documents: (id: string) => api<ClaimDocument[]>(`${claim(id)}/documents`),
  attach: (id: string, file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal) =>
    uploadFile<ClaimDocument>(`${claim(id)}/documents`, file, onProgress, { signal }),
  documentUrl: (id: string, documentId: string) => `${claim(id)}/documents/${documentId}`,
  comments: (id: string) => api<ClaimComment[]>(`${claim(id)}/comments`),
  comment: (id: string, body: { text: string; visibility: 'internal' | 'producer' }) =>
    api<ClaimComment>(`${claim(id)}/comments`, { method: 'POST', json: body }),
  programme: (year: number) => api<{ budget: Budget }>(`${BASE}/programmes/${year}`),
};

/** Documents need the bearer token, so they are fetched and handed to the browser as a download. */
export async function downloadDocument(claimId: string, document: ClaimDocument): Promise<void> {
  const blob = await api<Blob>(subsidy.documentUrl(claimId, document.id), { as: 'blob' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(window.document.createElement('a'), { href: url, download: document.fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
