import {
  BudgetReleased,
  BudgetReserved,
  type BudgetChangePayload,
  ClaimApproved,
  ClaimClawbackDemanded,
  ClaimClawbackSettled,
  ClaimPaid,
  ClaimPaymentScheduled,
  ClaimRejected,
  ClaimReturned,
  type ClaimSnapshot,
  ClaimSubmitted,
  ClaimTakenForReview,
} from '../subsidy';
import { company } from './registry.samples';
import { report } from './reporting.samples';
import { sample } from './sample';

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

export const SUBSIDY_SAMPLES = [
  sample(ClaimSubmitted, claim.claimId, claim),
  sample(ClaimTakenForReview, claim.claimId, {
    ...claim,
    state: 'under_review',
    version: 2,
    assignedTo: officers[0],
  }),
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
  sample(ClaimPaymentScheduled, claim.claimId, {
    ...claim,
    state: 'payment_scheduled',
    approvedKopecks: '4000000000',
    version: 5,
    scheduledOn: '2026-06-15',
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
  sample(ClaimClawbackSettled, claim.claimId, {
    ...claim,
    state: 'clawed_back',
    approvedKopecks: '4000000000',
    paidKopecks: '4000000000',
    version: 7,
    clawbackKopecks: '186046512',
    settledOn: '2026-07-27',
  }),
  sample(BudgetReserved, '2026', budgetChange),
  sample(BudgetReleased, '2026', {
    ...budgetChange,
    amountKopecks: '500000000',
    committedKopecks: '3500000000',
    availableKopecks: '103500000000',
    utilisationPercent: '3.27',
  }),
];
