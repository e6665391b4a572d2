import type { Claim } from './claim.entity';
import * as errors from './claim.errors';
import { changed, requireState } from './claim-state';

/** Demanded and not yet repaid. */
export function outstandingOf(claim: Claim): bigint {
  return BigInt(claim.clawbackKopecks ?? '0') - BigInt(claim.clawbackSettledKopecks ?? '0');
}

/** Demands back a total of `total` kopecks (never less than already demanded: triggers do not add up). */
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
    clawbackSettledOn: null,
  });
  claim.clawbackOutstandingKopecks = outstandingOf(claim).toString();
  changed(claim, 'under_clawback');
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
  claim.clawbackSettledKopecks = (BigInt(claim.clawbackSettledKopecks ?? '0') + amount).toString();
  claim.clawbackOutstandingKopecks = (outstanding - amount).toString();
  const settled = amount === outstanding;
  if (settled) claim.clawbackSettledOn = on;
  changed(claim, settled ? 'clawed_back' : 'under_clawback');
  return settled;
}

/** Records everything outstanding as repaid at once; gives back that amount. */
export function settleClawback(claim: Claim, on: string): bigint {
  requireState(claim, ['under_clawback'], 'settled');
  const outstanding = outstandingOf(claim);
  repayClawback(claim, outstanding, on);
  return outstanding;
}
