import { monthsOperatedBy, operatorInMonth } from './facility-operators';

const FIRST = '11111111-1111-4111-8111-111111111111';
const SECOND = '22222222-2222-4222-8222-222222222222';
const THIRD = '33333333-3333-4333-8333-333333333333';

const handedOver = {
  operatorCompanyId: THIRD,
  operators: [
    { operatorCompanyId: FIRST, since: null },
    { operatorCompanyId: SECOND, since: '2026-02-01' },
    { operatorCompanyId: THIRD, since: '2026-06-01' },
  ],
};

describe('facility operators', () => {
  it('gives each month to the operator that had taken over by its first day', () => {
    expect(operatorInMonth(handedOver, '2025-07-01')).toBe(FIRST);
    expect(operatorInMonth(handedOver, '2026-01-01')).toBe(FIRST);
    expect(operatorInMonth(handedOver, '2026-02-01')).toBe(SECOND);
    expect(operatorInMonth(handedOver, '2026-05-01')).toBe(SECOND);
    expect(operatorInMonth(handedOver, '2026-06-01')).toBe(THIRD);
  });

  it('splits a quarter between the operators that ran its months', () => {
    const q1 = ['2026-01-01', '2026-02-01', '2026-03-01'];
    expect(monthsOperatedBy(handedOver, FIRST, q1)).toEqual(['2026-01-01']);
    expect(monthsOperatedBy(handedOver, SECOND, q1)).toEqual(['2026-02-01', '2026-03-01']);
    expect(monthsOperatedBy(handedOver, THIRD, q1)).toEqual([]);
  });

  it('reads a snapshot without a list of operators as its operator running it throughout', () => {
    expect(operatorInMonth({ operatorCompanyId: FIRST }, '1990-01-01')).toBe(FIRST);
    expect(operatorInMonth({ operatorCompanyId: FIRST, operators: null }, '2030-01-01')).toBe(FIRST);
  });

  it('knows no operator before a first one that took over on a date', () => {
    const registeredLate = {
      operatorCompanyId: SECOND,
      operators: [{ operatorCompanyId: SECOND, since: '2026-02-01' }],
    };
    expect(operatorInMonth(registeredLate, '2026-01-01')).toBeNull();
  });
});
