import type { ClaimState } from '@redmet/contracts';
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

/** A withdrawn demand leaves the claim as if none had been made; its event and audit entry keep the history. */
const NO_DEMAND: Partial<Claim> = {
  clawbackKopecks: null,
  clawbackCoefficient: null,
  clawbackReason: null,
  clawbackDemandedOn: null,
  clawbackDueOn: null,
  clawbackSettledOn: null,
};

export type Reduction = 'withdrawn' | 'settled' | 'lowered';

const STATE_AFTER: Record<Reduction, ClaimState> = {
  withdrawn: 'paid',
  settled: 'clawed_back',
  lowered: 'under_clawback',
};

/**
 * Lowers the demand to `total` kopecks, or to what is already repaid if that
 * is more (a reduction gives nothing back). A demand with nothing repaid and
 * nothing left is withdrawn (the claim is paid again); one whose repayments
 * now cover it is settled; what is left keeps its due date. Returns null
 * when the demand stays as it is.
 */
export function reduceClawback(
  claim: Claim,
  reduction: { total: bigint; coefficient: string; reason: string; on: string },
): Reduction | null {
  requireState(claim, ['under_clawback'], 'reduced');
  const repaid = BigInt(claim.clawbackSettledKopecks ?? '0');
  const total = reduction.total > repaid ? reduction.total : repaid;
  if (total >= BigInt(claim.clawbackKopecks ?? '0')) return null;
  const outcome: Reduction = total === 0n ? 'withdrawn' : total === repaid ? 'settled' : 'lowered';
  if (outcome === 'withdrawn') Object.assign(claim, NO_DEMAND);
  else
    Object.assign(claim, {
      clawbackKopecks: total.toString(),
      clawbackCoefficient: reduction.coefficient,
      clawbackReason: reduction.reason,
      clawbackSettledOn: outcome === 'settled' ? reduction.on : null,
    });
  claim.clawbackOutstandingKopecks = outcome === 'withdrawn' ? null : outstandingOf(claim).toString();
  changed(claim, STATE_AFTER[outcome]);
  return outcome;
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
