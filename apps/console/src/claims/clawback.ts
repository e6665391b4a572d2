import type { Claim, ClawbackStatement } from '../api/subsidy';

/**
 * Whether a claim has a clawback statement worth showing: a demand stands or
 * was repaid in full, or money moved either way under a demand since
 * withdrawn (the claim is `paid` again but keeps its repaid and refunded
 * totals, so its own fields tell without asking for the statement).
 */
export function hasClawback(
  claim: Pick<Claim, 'state' | 'clawbackSettledKopecks' | 'clawbackRefundedKopecks'>,
): boolean {
  return (
    claim.state === 'under_clawback' ||
    claim.state === 'clawed_back' ||
    !!claim.clawbackSettledKopecks ||
    !!claim.clawbackRefundedKopecks
  );
}

export interface ClawbackPayment {
  kind: 'repayment' | 'refund';
  id: string;
  on: string;
  amountKopecks: string;
  reference: string;
}

/** Repayments and refunds as one list, in the order the money moved (recording order within a day). */
export function clawbackPayments(statement: Pick<ClawbackStatement, 'repayments' | 'refunds'>): ClawbackPayment[] {
  return [
    ...statement.repayments.map((row) => ({ kind: 'repayment' as const, on: row.repaidOn, row })),
    ...statement.refunds.map((row) => ({ kind: 'refund' as const, on: row.refundedOn, row })),
  ]
    .sort((a, b) => a.on.localeCompare(b.on) || a.row.recordedAt.localeCompare(b.row.recordedAt))
    .map(({ kind, on, row }) => ({ kind, id: row.id, on, amountKopecks: row.amountKopecks, reference: row.reference }));
}
