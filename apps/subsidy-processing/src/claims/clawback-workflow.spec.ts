import type { DomainError } from '@redmet/platform';
import { Claim } from './claim.entity';
import * as workflow from './claim-workflow';

function underClawback(overrides: Partial<Claim> = {}): Claim {
  return Object.assign(new Claim(), {
    id: 'c-1',
    state: 'under_clawback',
    paidKopecks: '175000000',
    clawbackKopecks: '87500000',
    clawbackSettledKopecks: null,
    clawbackDueOn: '2026-06-29',
    clawbackSettledOn: null,
    version: 7,
    ...overrides,
  });
}

/** What the database's generated columns hold once the claim is saved (`saveClaim` reads them back). */
function owed(claim: Claim) {
  return { outstanding: workflow.outstandingOf(claim), refundDue: workflow.refundDueOf(claim) };
}

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('clawback repayments', () => {
  it('keeps the claim under clawback while part of the demand is outstanding', () => {
    const claim = underClawback();
    expect(workflow.repayClawback(claim, 50000000n, '2026-06-15')).toBe(false);
    expect(claim).toMatchObject({
      state: 'under_clawback',
      clawbackSettledKopecks: '50000000',
      clawbackSettledOn: null,
      version: 8,
    });
    expect(owed(claim)).toEqual({ outstanding: 37500000n, refundDue: 0n });
  });

  it('claws the claim back with the repayment that leaves nothing outstanding', () => {
    const claim = underClawback({ clawbackSettledKopecks: '50000000' });
    expect(workflow.repayClawback(claim, 37500000n, '2026-06-20')).toBe(true);
    expect(claim).toMatchObject({
      state: 'clawed_back',
      clawbackSettledKopecks: '87500000',
      clawbackSettledOn: '2026-06-20',
    });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 0n });
  });

  it('refuses more than is outstanding, and nothing, naming the amount field', () => {
    const claim = underClawback({ clawbackSettledKopecks: '50000000' });
    const over = refusal(() => workflow.repayClawback(claim, 37500001n, '2026-06-15'));
    expect(over.code).toBe('CLAWBACK.OVERPAYMENT');
    expect(over.message).toContain('37500000 kopecks outstanding');
    expect(over.fieldErrors.map((error) => error.field)).toEqual(['amountKopecks']);
    expect(refusal(() => workflow.repayClawback(claim, 0n, '2026-06-15')).code).toBe('CLAWBACK.REPAYMENT_NOT_POSITIVE');
    expect(claim).toMatchObject({ state: 'under_clawback', clawbackSettledKopecks: '50000000', version: 7 });
  });

  it('refuses a repayment unless a demand is open', () => {
    expect(refusal(() => workflow.repayClawback(underClawback({ state: 'paid' }), 1n, '2026-06-15')).code).toBe(
      'CLAIM.ILLEGAL_TRANSITION',
    );
    expect(refusal(() => workflow.repayClawback(underClawback({ state: 'clawed_back' }), 1n, '2026-06-15')).code).toBe(
      'CLAIM.ILLEGAL_TRANSITION',
    );
  });

  it('reopens a repaid claim when a larger demand follows, owing only the difference', () => {
    const claim = underClawback();
    workflow.settleClawback(claim, '2026-06-15');
    workflow.demandClawback(claim, {
      total: 175000000n,
      coefficient: '1',
      reason: 'relied-on report rejected',
      on: '2026-06-16',
      dueOn: '2026-06-30',
    });
    expect(claim).toMatchObject({
      state: 'under_clawback',
      clawbackSettledOn: null,
      clawbackDueOn: '2026-06-30',
    });
    expect(owed(claim)).toEqual({ outstanding: 87500000n, refundDue: 0n });
  });
});

describe('clawback reductions', () => {
  const lower = (claim: Claim, total: bigint) =>
    workflow.reduceClawback(claim, { total, coefficient: '0.1', reason: 'results corrected', on: '2026-06-20' });

  it('lowers the demand and what is outstanding, keeping the due date', () => {
    const claim = underClawback({ clawbackSettledKopecks: '10000000' });
    expect(lower(claim, 17500000n)).toBe('lowered');
    expect(claim).toMatchObject({
      state: 'under_clawback',
      clawbackKopecks: '17500000',
      clawbackCoefficient: '0.1',
      clawbackReason: 'results corrected',
      clawbackDueOn: '2026-06-29',
      version: 8,
    });
    expect(owed(claim)).toEqual({ outstanding: 7500000n, refundDue: 0n });
  });

  it('lowers below what is repaid: the repayments settle the demand and the excess is due back', () => {
    const claim = underClawback({ clawbackSettledKopecks: '50000000' });
    expect(lower(claim, 17500000n)).toBe('settled');
    expect(claim).toMatchObject({
      state: 'clawed_back',
      clawbackKopecks: '17500000',
      clawbackSettledOn: '2026-06-20',
    });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 32500000n });
  });

  it('lowers a demand already repaid in full, the refund due growing with it', () => {
    const claim = underClawback({ state: 'clawed_back', clawbackSettledKopecks: '87500000' });
    expect(lower(claim, 0n)).toBe('lowered');
    expect(claim).toMatchObject({ state: 'clawed_back', clawbackKopecks: '0' });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 87500000n });
  });

  it('withdraws a demand nothing was repaid on: the claim is paid again', () => {
    const claim = underClawback();
    expect(lower(claim, 0n)).toBe('withdrawn');
    expect(claim).toMatchObject({
      state: 'paid',
      clawbackKopecks: null,
      clawbackReason: null,
      clawbackDueOn: null,
    });
  });

  it('changes nothing when the total is not lower, and reduces only an open demand', () => {
    const open = underClawback();
    expect(lower(open, 87500000n)).toBeNull();
    expect(open).toMatchObject({ clawbackKopecks: '87500000', version: 7 });
    expect(refusal(() => lower(underClawback({ state: 'paid' }), 0n)).code).toBe('CLAIM.ILLEGAL_TRANSITION');
  });
});

describe('clawback refunds', () => {
  /** 50 000 000 repaid against a demand lowered to 17 500 000: 32 500 000 due back. */
  const owingRefund = (overrides: Partial<Claim> = {}) =>
    underClawback({
      state: 'clawed_back',
      clawbackKopecks: '17500000',
      clawbackSettledKopecks: '50000000',
      clawbackRefundedKopecks: null,
      clawbackSettledOn: '2026-06-15',
      ...overrides,
    });
  const demand = (claim: Claim, total: bigint) =>
    workflow.demandClawback(claim, { total, coefficient: '0.3', reason: 'r', on: '2026-06-22', dueOn: '2026-07-06' });

  it('records a partial refund, then the rest; the claim stays clawed back for what the demand keeps', () => {
    const claim = owingRefund();
    workflow.refundClawback(claim, 10000000n);
    expect(claim).toMatchObject({ state: 'clawed_back', clawbackRefundedKopecks: '10000000', version: 8 });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 22500000n });
    workflow.refundClawback(claim, 22500000n);
    expect(claim).toMatchObject({ state: 'clawed_back', clawbackKopecks: '17500000' });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 0n });
  });

  it('refuses more than is due, and a claim with nothing due, changing nothing', () => {
    const claim = owingRefund();
    const over = refusal(() => workflow.refundClawback(claim, 32500001n));
    expect(over.code).toBe('CLAWBACK.OVER_REFUND');
    expect(over.fieldErrors.map((error) => error.field)).toEqual(['amountKopecks']);
    expect(refusal(() => workflow.refundClawback(underClawback(), 1n)).code).toBe('CLAWBACK.NO_REFUND_DUE');
    expect(claim).toMatchObject({ clawbackRefundedKopecks: null, version: 7 });
  });

  it('lets a larger demand eat into the refund due first, and owe again only beyond it', () => {
    const claim = owingRefund();
    demand(claim, 40000000n);
    expect(claim).toMatchObject({ state: 'clawed_back', clawbackSettledOn: '2026-06-15' });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 10000000n });
    demand(claim, 60000000n);
    expect(claim).toMatchObject({ state: 'under_clawback', clawbackSettledOn: null });
    expect(owed(claim)).toEqual({ outstanding: 10000000n, refundDue: 0n });
  });

  it('owes what a larger demand asks beyond what the programme kept after a refund', () => {
    const claim = owingRefund({ clawbackRefundedKopecks: '32500000' });
    demand(claim, 20000000n);
    expect(claim).toMatchObject({ state: 'under_clawback' });
    expect(owed(claim)).toEqual({ outstanding: 2500000n, refundDue: 0n });
  });

  it('withdraws a demand that came down to nothing once everything repaid is given back', () => {
    const claim = owingRefund({ clawbackKopecks: '0' });
    workflow.refundClawback(claim, 50000000n);
    expect(claim).toMatchObject({
      state: 'paid',
      clawbackKopecks: null,
      clawbackSettledKopecks: '50000000',
      clawbackRefundedKopecks: '50000000',
    });
    expect(owed(claim)).toEqual({ outstanding: 0n, refundDue: 0n });
  });
});
