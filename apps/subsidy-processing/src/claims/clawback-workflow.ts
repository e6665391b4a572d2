import type { ClaimState } from '@redmet/contracts';
import type { Claim } from './claim.entity';
import * as errors from './claim.errors';
import { changed, requireState } from './claim-state';

const kopecks = (value: string | null): bigint => BigInt(value ?? '0');

/** What the programme keeps of the repayments: repaid less refunded. */
export function keptOf(claim: Claim): bigint {
  return kopecks(claim.clawbackSettledKopecks) - kopecks(claim.clawbackRefundedKopecks);
}

/**
 * Demanded and not yet repaid, for the decisions below. What the claim shows (`clawbackOutstandingKopecks`, and
 * likewise `clawbackRefundDueKopecks`) is the database's generated column, which `saveClaim` reads back: events
 * and answers take it from there, so the figure they state has one source.
 */
export function outstandingOf(claim: Claim): bigint {
  const owed = kopecks(claim.clawbackKopecks) - keptOf(claim);
  return owed > 0n ? owed : 0n;
}

/** Repaid beyond the demand and not yet refunded. */
export function refundDueOf(claim: Claim): bigint {
  const due = keptOf(claim) - kopecks(claim.clawbackKopecks);
  return due > 0n ? due : 0n;
}

/** Under clawback while money is owed, clawed back once the repayments cover the demand. */
function stateOf(claim: Claim): ClaimState {
  return outstandingOf(claim) > 0n ? 'under_clawback' : 'clawed_back';
}

/**
 * Demands back a total of `total` kopecks (never less than already demanded:
 * triggers do not add up). A refund still due is what the larger demand eats
 * into first: only what it leaves uncovered is owed again.
 */
export function demandClawback(
  claim: Claim,
  demand: { total: bigint; coefficient: string; reason: string; on: string; dueOn: string },
): void {
  requireState(claim, ['paid', 'under_clawback', 'clawed_back'], 'clawed back');
  Object.assign(claim, {
    clawbackKopecks: demand.total.toString(),
    clawbackCoefficient: demand.coefficient,
    clawbackReason: demand.reason,
    clawbackDemandedOn: demand.on,
    clawbackDueOn: demand.dueOn,
  });
  if (stateOf(claim) === 'under_clawback') claim.clawbackSettledOn = null;
  changed(claim, stateOf(claim));
}

/** A withdrawn demand leaves the claim as if none had been made; its event and audit entry keep the history. */
const NO_DEMAND: Partial<Claim> = {
  clawbackKopecks: null,
  clawbackCoefficient: null,
  clawbackReason: null,
  clawbackDemandedOn: null,
  clawbackDueOn: null,
  clawbackSettledOn: null,
};

function withdraw(claim: Claim): void {
  Object.assign(claim, NO_DEMAND);
  changed(claim, 'paid');
}

/** `settled`: the reduction left nothing outstanding of a demand that had some; `lowered`: it stays in its state. */
export type Reduction = 'withdrawn' | 'settled' | 'lowered';

/**
 * Lowers the demand to `total` kopecks, what the rules now call for, even
 * below what the programme kept of the repayments: the excess is then due
 * back to the company (`refundDueOf`). A demand with nothing kept and nothing
 * left is withdrawn (the claim is paid again); one the repayments now cover
 * is clawed back; what is left keeps its due date. Returns null when the
 * demand stays as it is.
 */
export function reduceClawback(
  claim: Claim,
  reduction: { total: bigint; coefficient: string; reason: string; on: string },
): Reduction | null {
  requireState(claim, ['under_clawback', 'clawed_back'], 'reduced');
  if (reduction.total >= kopecks(claim.clawbackKopecks)) return null;
  if (reduction.total === 0n && keptOf(claim) === 0n) {
    withdraw(claim);
    return 'withdrawn';
  }
  const before = claim.state;
  Object.assign(claim, {
    clawbackKopecks: reduction.total.toString(),
    clawbackCoefficient: reduction.coefficient,
    clawbackReason: reduction.reason,
  });
  const settled = before === 'under_clawback' && stateOf(claim) === 'clawed_back';
  if (settled) claim.clawbackSettledOn = reduction.on;
  changed(claim, stateOf(claim));
  return settled ? 'settled' : 'lowered';
}

/**
 * Records `amount` kopecks of the demand as repaid: never more than is
 * outstanding; the claim is clawed back when nothing is. Returns whether
 * this repayment settled the demand.
 */
export function repayClawback(claim: Claim, amount: bigint, on: string): boolean {
  requireState(claim, ['under_clawback'], 'repaid');
  const outstanding = outstandingOf(claim);
  if (amount <= 0n) throw errors.repaymentNotPositive();
  if (amount > outstanding) throw errors.overRepayment(amount, outstanding);
  claim.clawbackSettledKopecks = (kopecks(claim.clawbackSettledKopecks) + amount).toString();
  const settled = amount === outstanding;
  if (settled) claim.clawbackSettledOn = on;
  changed(claim, stateOf(claim));
  return settled;
}

/** Records everything outstanding as repaid at once; gives back that amount. */
export function settleClawback(claim: Claim, on: string): bigint {
  requireState(claim, ['under_clawback'], 'settled');
  const outstanding = outstandingOf(claim);
  repayClawback(claim, outstanding, on);
  return outstanding;
}

/**
 * Records `amount` kopecks paid back to the company: never more than the
 * refund due. A demand that came down to nothing and has everything given
 * back is withdrawn (the claim is paid again).
 */
export function refundClawback(claim: Claim, amount: bigint): void {
  const due = refundDueOf(claim);
  if (due === 0n) throw errors.noRefundDue(claim.state);
  if (amount > due) throw errors.overRefund(amount, due);
  claim.clawbackRefundedKopecks = (kopecks(claim.clawbackRefundedKopecks) + amount).toString();
  if (kopecks(claim.clawbackKopecks) === 0n && keptOf(claim) === 0n) withdraw(claim);
  else changed(claim);
}
