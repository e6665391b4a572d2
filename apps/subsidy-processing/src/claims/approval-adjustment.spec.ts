import { Claim } from './claim.entity';
import * as workflow from './claim-workflow';

const SMIRNOV = { userId: 'u-officer-1', name: 'I. Smirnov' };

function approved(overrides: Partial<Claim> = {}): Claim {
  return Object.assign(new Claim(), {
    id: 'c-1',
    state: 'approved',
    requestedKopecks: '175000000',
    approvedKopecks: '175000000',
    originallyApprovedKopecks: null,
    approvalAdjustmentReason: null,
    assignedTo: SMIRNOV,
    decidedBy: [SMIRNOV],
    firstApproval: null,
    paymentScheduledOn: null,
    createdBy: 'u-producer',
    editedBy: ['u-producer'],
    version: 5,
    ...overrides,
  });
}

/** Above the four-eyes threshold: a first approval, awaiting its second officer. */
function approveOnce(claim: Claim, amount: bigint): void {
  const outcome = workflow.approve(claim, SMIRNOV, {
    amount,
    threshold: 1000000000n,
    capRoom: amount,
    at: new Date('2026-06-16T09:00:00Z'),
  });
  expect(outcome).toBe('awaiting_second_approval');
}

describe('a relied-on report lowered before payment', () => {
  it('lowers the approved amount, keeps the original and the reason, and gives back the difference', () => {
    const claim = approved({ state: 'payment_scheduled', paymentScheduledOn: '2026-06-20' });
    expect(workflow.reduceApproval(claim, 87500000n, 'report v2: 322.575 t instead of 645.15 t')).toBe(87500000n);
    expect(claim).toMatchObject({
      state: 'payment_scheduled',
      approvedKopecks: '87500000',
      originallyApprovedKopecks: '175000000',
      approvalAdjustmentReason: 'report v2: 322.575 t instead of 645.15 t',
      version: 6,
    });
    workflow.reduceApproval(claim, 50000000n, 'v3');
    expect(claim).toMatchObject({ approvedKopecks: '50000000', originallyApprovedKopecks: '175000000' });
  });

  it('never raises the amount, nor lowers it to nothing (that is a withdrawal)', () => {
    expect(() => workflow.reduceApproval(approved(), 175000001n, 'up')).toThrow(RangeError);
    expect(() => workflow.reduceApproval(approved(), 0n, 'zero')).toThrow(RangeError);
  });

  it('raises a lowered amount back, at most to what the officers approved, and clears the adjustment when whole', () => {
    const claim = approved({
      approvedKopecks: '87500000',
      originallyApprovedKopecks: '175000000',
      approvalAdjustmentReason: 'v2',
    });
    expect(() => workflow.raiseApproval(claim, 175000001n, 'above')).toThrow(RangeError);
    expect(() => workflow.raiseApproval(claim, 87500000n, 'same')).toThrow(RangeError);
    workflow.raiseApproval(claim, 140000000n, 'v3: 516.12 t');
    expect(claim).toMatchObject({
      approvedKopecks: '140000000',
      originallyApprovedKopecks: '175000000',
      approvalAdjustmentReason: 'v3: 516.12 t',
      version: 6,
    });
    workflow.raiseApproval(claim, 175000000n, 'v4: as approved');
    expect(claim).toMatchObject({
      approvedKopecks: '175000000',
      originallyApprovedKopecks: null,
      approvalAdjustmentReason: null,
    });
    expect(() => workflow.raiseApproval(approved(), 175000001n, 'never lowered')).toThrow(RangeError);
    expect(() => workflow.raiseApproval(approved({ state: 'paid' }), 175000000n, 'paid')).toThrow();
  });

  it('withdraws the approval when nothing is left: under review again with its officer, all money released', () => {
    const claim = approved({ state: 'payment_scheduled', paymentScheduledOn: '2026-06-20' });
    expect(workflow.withdrawApproval(claim, 'report rejected')).toBe(175000000n);
    expect(claim).toMatchObject({
      state: 'under_review',
      approvedKopecks: null,
      originallyApprovedKopecks: '175000000',
      decidedBy: null,
      paymentScheduledOn: null,
      assignedTo: SMIRNOV,
      approvalAdjustmentReason: 'report rejected',
    });
    // Its officer may decide it again; a new approval starts afresh.
    workflow.approve(claim, SMIRNOV, {
      threshold: 1000000000n,
      capRoom: 175000000n,
      at: new Date('2026-06-16T09:00:00Z'),
    });
    expect(claim).toMatchObject({ state: 'approved', originallyApprovedKopecks: null, approvalAdjustmentReason: null });
  });

  it.each([
    ['approved again at the first of two stages', (claim: Claim) => approveOnce(claim, 1750000000n)],
    ['rejected', (claim: Claim) => workflow.reject(claim, SMIRNOV, 'The relied-on report was rejected')],
    ['returned', (claim: Claim) => workflow.returnForInformation(claim, SMIRNOV, 'Report to correct', ['Report v2'])],
  ])('drops a withdrawn approval and its reason once the claim is %s: they no longer describe it', (_, decide) => {
    const claim = approved({ requestedKopecks: '1750000000', approvedKopecks: '1750000000' });
    workflow.withdrawApproval(claim, 'report rejected');
    decide(claim);
    expect(claim).toMatchObject({ originallyApprovedKopecks: null, approvalAdjustmentReason: null });
  });

  it('drops the reason a first approval was withdrawn when the next first approval is given, or the claim is rejected', () => {
    for (const decide of [
      (claim: Claim) => approveOnce(claim, 1750000000n),
      (claim: Claim) => workflow.reject(claim, SMIRNOV, 'Not documented'),
    ]) {
      const claim = approved({ state: 'under_review', approvedKopecks: null, requestedKopecks: '1750000000' });
      approveOnce(claim, 1750000000n);
      workflow.withdrawFirstApproval(claim, 'report v2 accepted');
      expect(claim.approvalAdjustmentReason).toBe('report v2 accepted');
      decide(claim);
      expect(claim.approvalAdjustmentReason).toBeNull();
    }
  });

  it('refuses to touch a paid claim (a clawback handles that)', () => {
    expect(() => workflow.reduceApproval(approved({ state: 'paid' }), 1n, 'x')).toThrow(
      expect.objectContaining({ code: 'CLAIM.ILLEGAL_TRANSITION' }),
    );
    expect(() => workflow.withdrawApproval(approved({ state: 'paid' }), 'x')).toThrow(
      expect.objectContaining({ code: 'CLAIM.ILLEGAL_TRANSITION' }),
    );
  });
});
