import { describe, expect, it } from '@jest/globals';
import type { ClawbackRefund, ClawbackRepayment } from '../api/subsidy';
import { clawbackPayments, hasClawback } from './clawback';

const recordedBy = { userId: 'u-finance', name: 'Finance' };
const repayment = (id: string, repaidOn: string, recordedAt: string): ClawbackRepayment => ({
  id,
  amountKopecks: '100',
  reference: `IN-${id}`,
  recordedBy,
  recordedAt,
  repaidOn,
});
const refund = (id: string, refundedOn: string, recordedAt: string): ClawbackRefund => ({
  id,
  amountKopecks: '50',
  reference: `OUT-${id}`,
  recordedBy,
  recordedAt,
  refundedOn,
});

describe('console: a claim with a clawback', () => {
  const paid = { state: 'paid', clawbackSettledKopecks: null, clawbackRefundedKopecks: null } as const;

  it('is one under a demand or clawed back', () => {
    expect(hasClawback({ ...paid, state: 'under_clawback' })).toBe(true);
    expect(hasClawback({ ...paid, state: 'clawed_back' })).toBe(true);
  });

  it('is a paid claim whose withdrawn demand had money moved either way', () => {
    expect(hasClawback({ ...paid, clawbackSettledKopecks: '3000000' })).toBe(true);
    expect(hasClawback({ ...paid, clawbackRefundedKopecks: '3000000' })).toBe(true);
  });

  it('is not a claim that was never asked to return anything', () => {
    expect(hasClawback(paid)).toBe(false);
    expect(hasClawback({ ...paid, state: 'approved' })).toBe(false);
  });
});

describe('console: clawback payments', () => {
  it('lists repayments and refunds together by the day the money moved, then by when each was recorded', () => {
    const payments = clawbackPayments({
      repayments: [
        repayment('r1', '2026-07-01', '2026-07-01T10:00:00.000Z'),
        repayment('r2', '2026-07-10', '2026-07-10T09:00:00.000Z'),
      ],
      refunds: [
        refund('f1', '2026-07-10', '2026-07-10T08:00:00.000Z'),
        refund('f2', '2026-06-20', '2026-07-11T08:00:00.000Z'),
      ],
    });
    expect(payments).toEqual([
      { kind: 'refund', id: 'f2', on: '2026-06-20', amountKopecks: '50', reference: 'OUT-f2' },
      { kind: 'repayment', id: 'r1', on: '2026-07-01', amountKopecks: '100', reference: 'IN-r1' },
      { kind: 'refund', id: 'f1', on: '2026-07-10', amountKopecks: '50', reference: 'OUT-f1' },
      { kind: 'repayment', id: 'r2', on: '2026-07-10', amountKopecks: '100', reference: 'IN-r2' },
    ]);
  });

  it('is empty before any money moved', () => {
    expect(clawbackPayments({ repayments: [], refunds: [] })).toEqual([]);
  });
});
