import type { DomainError } from '@redmet/platform';
import { Claim } from './claim.entity';
import * as workflow from './claim-workflow';

const PRODUCER = { userId: 'u-producer', name: 'A. Petrova' };
const SMIRNOV = { userId: 'u-officer-1', name: 'I. Smirnov' };
const VOLKOVA = { userId: 'u-officer-2', name: 'O. Volkova' };
const AS_PRODUCER = { userId: PRODUCER.userId, producer: true };
const THRESHOLD = 1000000000n;
// What the company cap leaves: more than any claim here asks, unless a test says otherwise.
const CAP_ROOM = 15000000000n;
const at = new Date('2026-06-15T09:00:00Z');

function given(overrides: Partial<Claim> = {}): Claim {
  return Object.assign(new Claim(), {
    id: 'c-1',
    state: 'under_review',
    requestedKopecks: '4500000000',
    approvedKopecks: null,
    assignedTo: SMIRNOV,
    firstApproval: null,
    createdBy: PRODUCER.userId,
    lastEditedBy: PRODUCER.userId,
    editedBy: [PRODUCER.userId],
    clawbackKopecks: null,
    clawbackSettledKopecks: null,
    missingItems: [],
    version: 3,
    ...overrides,
  });
}

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as DomainError).code;
  }
  throw new Error('expected a refusal');
}

describe('claim workflow', () => {
  describe('approval below the four-eyes threshold', () => {
    it('is final at once and keeps a reduction with its reason', () => {
      const claim = given({ requestedKopecks: '900000000' });
      const outcome = workflow.approve(claim, SMIRNOV, {
        amount: 800000000n,
        reason: 'Transport over cap',
        threshold: THRESHOLD,
        capRoom: CAP_ROOM,
        at,
      });
      expect(outcome).toBe('approved');
      expect(claim).toMatchObject({
        state: 'approved',
        approvedKopecks: '800000000',
        decidedBy: [SMIRNOV],
        decisionReason: 'Transport over cap',
        version: 4,
      });
    });

    it('needs a reason to reduce, and never approves more than requested or nothing', () => {
      const claim = given({ requestedKopecks: '900000000' });
      const approve = (amount: bigint, reason?: string) => () =>
        workflow.approve(claim, SMIRNOV, { amount, reason, threshold: THRESHOLD, capRoom: CAP_ROOM, at });
      expect(refusal(approve(800000000n))).toBe('CLAIM.REDUCTION_REASON_REQUIRED');
      expect(refusal(approve(900000001n, 'more'))).toBe('CLAIM.APPROVAL_ABOVE_REQUESTED');
      expect(refusal(approve(0n, 'nothing'))).toBe('CLAIM.APPROVAL_NOT_POSITIVE');
      expect(claim.state).toBe('under_review');
    });
  });

  describe('approval above the threshold (four eyes)', () => {
    it('waits for a second, different officer who confirms the same amount', () => {
      const claim = given();
      expect(workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at })).toBe(
        'awaiting_second_approval',
      );
      expect(claim).toMatchObject({
        state: 'under_review',
        firstApproval: { userId: SMIRNOV.userId, amountKopecks: '4500000000' },
      });

      expect(refusal(() => workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at }))).toBe(
        'CLAIM.SAME_APPROVER',
      );
      expect(
        refusal(() => workflow.approve(claim, VOLKOVA, { amount: 1n, threshold: THRESHOLD, capRoom: CAP_ROOM, at })),
      ).toBe('CLAIM.APPROVAL_AMOUNT_MISMATCH');

      expect(workflow.approve(claim, VOLKOVA, { threshold: THRESHOLD, capRoom: CAP_ROOM, at })).toBe('approved');
      expect(claim).toMatchObject({
        state: 'approved',
        approvedKopecks: '4500000000',
        decidedBy: [SMIRNOV, VOLKOVA],
        firstApproval: null,
      });
    });

    it('lets the second officer return the claim instead, clearing the first approval', () => {
      const claim = given();
      workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at });
      workflow.returnForInformation(claim, VOLKOVA, 'Invoices missing', ['Invoice INV-0012']);
      expect(claim).toMatchObject({
        state: 'returned',
        firstApproval: null,
        missingItems: ['Invoice INV-0012'],
        assignedTo: null,
      });
    });
  });

  describe("the company's cap", () => {
    it("refuses an approval beyond what the cap leaves after the company's other claims, first or second", () => {
      const below = given({ requestedKopecks: '900000000' });
      const approve =
        (claim: Claim, officer = SMIRNOV, amount?: bigint, capRoom = 500000000n) =>
        () =>
          workflow.approve(claim, officer, { amount, reason: 'cap', threshold: THRESHOLD, capRoom, at });
      expect(refusal(approve(below))).toBe('CLAIM.COMPANY_CAP_EXCEEDED');
      expect(below).toMatchObject({ state: 'under_review', approvedKopecks: null, version: 3 });
      expect(approve(below, SMIRNOV, 500000000n)()).toBe('approved');

      const above = given();
      expect(approve(above, SMIRNOV, undefined, CAP_ROOM)()).toBe('awaiting_second_approval');
      expect(refusal(approve(above, VOLKOVA, undefined, 4499999999n))).toBe('CLAIM.COMPANY_CAP_EXCEEDED');
      expect(above).toMatchObject({ state: 'under_review', firstApproval: { amountKopecks: '4500000000' } });
    });
  });

  describe('who may decide', () => {
    it('refuses the officer who created or edited the claim, even when someone edited it after them', () => {
      expect(
        refusal(() =>
          workflow.approve(given({ createdBy: SMIRNOV.userId }), SMIRNOV, {
            threshold: THRESHOLD,
            capRoom: CAP_ROOM,
            at,
          }),
        ),
      ).toBe('CLAIM.SELF_DECISION');
      expect(
        refusal(() => workflow.reject(given({ editedBy: [PRODUCER.userId, SMIRNOV.userId] }), SMIRNOV, 'no')),
      ).toBe('CLAIM.SELF_DECISION');
      expect(refusal(() => workflow.take(given({ state: 'submitted', createdBy: VOLKOVA.userId }), VOLKOVA))).toBe(
        'CLAIM.SELF_DECISION',
      );
      const draft = given({ state: 'draft', assignedTo: null });
      workflow.changeDocuments(draft, VOLKOVA.userId);
      workflow.edit(draft, AS_PRODUCER);
      workflow.changeDocuments(draft, VOLKOVA.userId);
      expect(draft).toMatchObject({ lastEditedBy: VOLKOVA.userId, editedBy: [PRODUCER.userId, VOLKOVA.userId] });
      workflow.edit(draft, AS_PRODUCER);
      const submitted = Object.assign(draft, { state: 'submitted' as const });
      expect(refusal(() => workflow.take(submitted, VOLKOVA))).toBe('CLAIM.SELF_DECISION');
    });

    it("lets an officer edit only a claim they keyed in, not a producer's returned to it", () => {
      const producers = given({ state: 'returned', assignedTo: null, createdBy: PRODUCER.userId });
      expect(refusal(() => workflow.edit(producers, { userId: SMIRNOV.userId, producer: false }))).toBe(
        'CLAIM.EDITED_BY_OTHER',
      );
      expect(producers).toMatchObject({ lastEditedBy: PRODUCER.userId, editedBy: [PRODUCER.userId], version: 3 });
      const keyedIn = given({
        state: 'returned',
        assignedTo: null,
        createdBy: SMIRNOV.userId,
        lastEditedBy: SMIRNOV.userId,
        editedBy: [SMIRNOV.userId],
      });
      workflow.edit(keyedIn, { userId: SMIRNOV.userId, producer: false });
      workflow.edit(keyedIn, AS_PRODUCER);
      expect(keyedIn).toMatchObject({ lastEditedBy: PRODUCER.userId, editedBy: [SMIRNOV.userId, PRODUCER.userId] });
    });

    it('lets an officer submit only a claim they keyed in, which they then may not decide', () => {
      const producers = given({ state: 'draft', assignedTo: null, createdBy: PRODUCER.userId });
      expect(refusal(() => workflow.submit(producers, at, { userId: SMIRNOV.userId, producer: false }))).toBe(
        'CLAIM.SUBMITTED_BY_OTHER',
      );
      const keyedIn = given({ state: 'draft', assignedTo: null, createdBy: SMIRNOV.userId });
      workflow.submit(keyedIn, at, { userId: SMIRNOV.userId, producer: false });
      expect(refusal(() => workflow.take(keyedIn, SMIRNOV))).toBe('CLAIM.SELF_DECISION');
    });

    it('counts whoever uploads a document as an editor, in any state, so the assignee who does may not decide', () => {
      const claim = given();
      workflow.changeDocuments(claim, SMIRNOV.userId);
      expect(claim).toMatchObject({ editedBy: [PRODUCER.userId, SMIRNOV.userId], version: 4 });
      expect(refusal(() => workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at }))).toBe(
        'CLAIM.SELF_DECISION',
      );
      const paid = given({ state: 'paid' });
      workflow.changeDocuments(paid, VOLKOVA.userId);
      expect(paid.editedBy).toEqual([PRODUCER.userId, VOLKOVA.userId]);
    });

    it('voids a first approval when its officer edits the claim after giving it, not when anyone else does', () => {
      const claim = given();
      workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at });
      workflow.changeDocuments(claim, PRODUCER.userId);
      expect(workflow.editVoidsFirstApproval(claim, PRODUCER.userId)).toBe(false);
      workflow.changeDocuments(claim, VOLKOVA.userId);
      expect(workflow.editVoidsFirstApproval(claim, VOLKOVA.userId)).toBe(false);
      workflow.changeDocuments(claim, SMIRNOV.userId);
      expect(workflow.editVoidsFirstApproval(claim, SMIRNOV.userId)).toBe(true);

      expect(workflow.withdrawFirstApproval(claim, 'Smirnov uploaded a document')).toMatchObject({
        userId: SMIRNOV.userId,
        amountKopecks: '4500000000',
      });
      expect(claim).toMatchObject({
        state: 'under_review',
        firstApproval: null,
        approvalAdjustmentReason: 'Smirnov uploaded a document',
      });
      expect(workflow.editVoidsFirstApproval(claim, SMIRNOV.userId)).toBe(false);
      expect(() => workflow.withdrawFirstApproval(claim, 'again')).toThrow(RangeError);
      // Still the assignee, but an editor now: the claim must be handed to someone who did not edit it.
      expect(refusal(() => workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at }))).toBe(
        'CLAIM.SELF_DECISION',
      );
    });

    it('counts the submitter among the editors: an account of the company that is also an officer may not take it', () => {
      const BOTH = { userId: 'u-producer-and-officer', name: null };
      const claim = given({ state: 'draft', assignedTo: null });
      workflow.submit(claim, at, { userId: BOTH.userId, producer: true });
      expect(claim.editedBy).toEqual([PRODUCER.userId, BOTH.userId]);
      expect(refusal(() => workflow.take(claim, BOTH))).toBe('CLAIM.SELF_DECISION');
      workflow.submit(Object.assign(claim, { state: 'returned' as const }), at, {
        userId: PRODUCER.userId,
        producer: true,
      });
      expect(claim.editedBy).toEqual([PRODUCER.userId, BOTH.userId]);
    });

    it('refuses an officer the claim is not assigned to', () => {
      expect(refusal(() => workflow.reject(given(), VOLKOVA, 'no'))).toBe('CLAIM.NOT_ASSIGNED');
    });
  });

  describe('reassignment', () => {
    const IVANOVA = { userId: 'u-officer-3', name: 'N. Ivanova' };
    const bySmirnov = { userId: SMIRNOV.userId, admin: false, officer: true };
    const byAdmin = { userId: 'u-admin', admin: true, officer: false };

    it('hands the claim on from its assignee, who then may no longer decide it', () => {
      const claim = given();
      expect(workflow.reassign(claim, VOLKOVA, bySmirnov)).toEqual(SMIRNOV);
      expect(claim).toMatchObject({ state: 'under_review', assignedTo: VOLKOVA, version: 4 });
      expect(refusal(() => workflow.reject(claim, SMIRNOV, 'no'))).toBe('CLAIM.NOT_ASSIGNED');
      workflow.reject(claim, VOLKOVA, 'no');
      expect(claim.state).toBe('rejected');
    });

    it('lets an admin hand on a claim that is not theirs; another officer may not', () => {
      expect(
        refusal(() => workflow.reassign(given(), IVANOVA, { userId: VOLKOVA.userId, admin: false, officer: true })),
      ).toBe('CLAIM.NOT_ASSIGNEE');
      const claim = given();
      workflow.reassign(claim, IVANOVA, byAdmin);
      expect(claim.assignedTo).toEqual(IVANOVA);
    });

    it('refuses the creator or an editor, the officer it is already with, and any state but under review', () => {
      expect(refusal(() => workflow.reassign(given({ createdBy: VOLKOVA.userId }), VOLKOVA, bySmirnov))).toBe(
        'CLAIM.SELF_DECISION',
      );
      expect(
        refusal(() => workflow.reassign(given({ editedBy: [VOLKOVA.userId, PRODUCER.userId] }), VOLKOVA, byAdmin)),
      ).toBe('CLAIM.SELF_DECISION');
      expect(refusal(() => workflow.reassign(given(), SMIRNOV, byAdmin))).toBe('CLAIM.ALREADY_ASSIGNED');
      expect(refusal(() => workflow.reassign(given({ state: 'approved' }), VOLKOVA, byAdmin))).toBe(
        'CLAIM.ILLEGAL_TRANSITION',
      );
    });

    it('refuses an admin who names themselves, being no officer; an admin who is one may take it', () => {
      const admin = { userId: byAdmin.userId, name: null };
      expect(refusal(() => workflow.reassign(given(), admin, byAdmin))).toBe('CLAIM.NOT_AN_OFFICER');
      const claim = given();
      workflow.reassign(claim, admin, { ...byAdmin, officer: true });
      expect(claim.assignedTo).toEqual(admin);
    });

    it('keeps a first approval: the new officer confirms it, and its approver cannot be handed the claim', () => {
      const claim = given();
      workflow.approve(claim, SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at });
      workflow.reassign(claim, VOLKOVA, bySmirnov);
      expect(refusal(() => workflow.reassign(claim, SMIRNOV, byAdmin))).toBe('CLAIM.SAME_APPROVER');
      expect(workflow.approve(claim, VOLKOVA, { threshold: THRESHOLD, capRoom: CAP_ROOM, at })).toBe('approved');
      expect(claim.decidedBy).toEqual([SMIRNOV, VOLKOVA]);
    });
  });

  describe('revoking an approval', () => {
    const approved = (overrides: Partial<Claim> = {}) =>
      given({
        state: 'approved',
        approvedKopecks: '4000000000',
        originallyApprovedKopecks: null,
        decidedBy: [SMIRNOV],
        decisionReason: null,
        paymentScheduledOn: null,
        ...overrides,
      });

    it('rejects an approved claim, keeping what was approved and giving back its whole reservation', () => {
      const claim = approved();
      expect(workflow.revokeApproval(claim, VOLKOVA, 'Forged invoice')).toBe(4000000000n);
      expect(claim).toMatchObject({
        state: 'rejected',
        approvedKopecks: null,
        originallyApprovedKopecks: '4000000000',
        decidedBy: [VOLKOVA],
        decisionReason: 'Forged invoice',
        version: 4,
      });
    });

    it('drops the payment date of a scheduled claim, and keeps the amount officers approved before a report lowered it', () => {
      const claim = approved({
        state: 'payment_scheduled',
        paymentScheduledOn: '2026-06-20',
        approvedKopecks: '3000000000',
        originallyApprovedKopecks: '4000000000',
        approvalAdjustmentReason: 'Report lowered',
      });
      expect(workflow.revokeApproval(claim, SMIRNOV, 'Forged invoice')).toBe(3000000000n);
      expect(claim).toMatchObject({
        state: 'rejected',
        paymentScheduledOn: null,
        originallyApprovedKopecks: '4000000000',
        approvalAdjustmentReason: 'Report lowered',
      });
    });

    it("refuses the claim's writers, and any claim not approved or already paid", () => {
      const keyedIn = approved({ createdBy: VOLKOVA.userId, editedBy: [VOLKOVA.userId] });
      expect(refusal(() => workflow.revokeApproval(keyedIn, VOLKOVA, 'r'))).toBe('CLAIM.SELF_DECISION');
      for (const state of ['under_review', 'paid', 'rejected'] as const) {
        expect(refusal(() => workflow.revokeApproval(approved({ state }), VOLKOVA, 'r'))).toBe(
          'CLAIM.ILLEGAL_TRANSITION',
        );
      }
    });
  });

  describe('states', () => {
    it('moves a returned claim back to submitted, clearing what was missing and keeping the first submission', () => {
      const first = new Date('2026-03-02T09:00:00Z');
      const claim = given({ state: 'returned', missingItems: ['Invoice'], assignedTo: null, firstSubmittedAt: first });
      workflow.submit(claim, at, { userId: PRODUCER.userId, producer: true });
      expect(claim).toMatchObject({ state: 'submitted', missingItems: [], submittedAt: at, firstSubmittedAt: first });
    });

    it('records the first submission of a draft', () => {
      const claim = given({ state: 'draft', assignedTo: null, submittedAt: null, firstSubmittedAt: null });
      workflow.submit(claim, at, AS_PRODUCER);
      expect(claim).toMatchObject({ state: 'submitted', submittedAt: at, firstSubmittedAt: at });
    });

    it.each<[string, () => unknown]>([
      [
        'approve a submitted claim not yet taken',
        () => workflow.approve(given({ state: 'submitted' }), SMIRNOV, { threshold: THRESHOLD, capRoom: CAP_ROOM, at }),
      ],
      ['edit a claim under review', () => workflow.edit(given(), AS_PRODUCER)],
      ['pay a claim under review', () => workflow.pay(given(), '2026-06-20', 'PP-1')],
      ['schedule a paid claim', () => workflow.schedulePayment(given({ state: 'paid' }), '2026-06-20')],
      ['settle a clawback never demanded', () => workflow.settleClawback(given({ state: 'paid' }), '2026-06-20')],
      ['take a draft', () => workflow.take(given({ state: 'draft' }), SMIRNOV)],
    ])('refuses to %s (CLAIM.ILLEGAL_TRANSITION)', (_case, action) => {
      expect(refusal(action)).toBe('CLAIM.ILLEGAL_TRANSITION');
    });

    it('pays the approved amount, then demands and settles a clawback', () => {
      const claim = given({ state: 'payment_scheduled', approvedKopecks: '4000000000' });
      workflow.pay(claim, '2026-06-20', 'PP-1');
      expect(claim).toMatchObject({ state: 'paid', paidKopecks: '4000000000' });
      workflow.demandClawback(claim, {
        total: 186000000n,
        coefficient: '0.0465',
        reason: 'r',
        on: '2026-07-01',
        dueOn: '2026-07-15',
      });
      expect(workflow.settleClawback(claim, '2026-07-10')).toBe(186000000n);
      workflow.demandClawback(claim, {
        total: 400000000n,
        coefficient: '0.1',
        reason: 'r2',
        on: '2026-08-03',
        dueOn: '2026-08-17',
      });
      expect(workflow.settleClawback(claim, '2026-08-10')).toBe(214000000n);
      expect(claim).toMatchObject({ state: 'clawed_back', clawbackSettledKopecks: '400000000' });
    });
  });
});
