import { closedOn, operatedBetween, operatingSince } from './facility-lifecycle';

describe('facility lifecycle', () => {
  const running = { status: 'modernised' as const, statusSince: '2026-03-10', commissionedOn: '2025-04-15' };
  const closed = { status: 'closed' as const, statusSince: '2026-05-10', commissionedOn: '2025-04-15' };

  it('runs from its first commissioning, not from a later modernisation', () => {
    expect(operatingSince(running)).toBe('2025-04-15');
    expect(operatedBetween(running, '2025-04-01', '2025-04-30')).toBe(true);
    expect(operatedBetween(running, '2025-03-01', '2025-03-31')).toBe(false);
    expect(operatedBetween(running, '2030-01-01', '2030-12-31')).toBe(true);
  });

  it('ran in the period it closed in, and in none after it', () => {
    expect(closedOn(closed)).toBe('2026-05-10');
    expect(closedOn(running)).toBeNull();
    expect(operatedBetween(closed, '2026-04-01', '2026-06-30')).toBe(true);
    expect(operatedBetween(closed, '2026-05-01', '2026-05-31')).toBe(true);
    expect(operatedBetween(closed, '2026-05-10', '2026-05-31')).toBe(false);
    expect(operatedBetween(closed, '2026-06-01', '2026-06-30')).toBe(false);
  });

  it('never ran when it closed before it was commissioned or on that day, or is not yet built', () => {
    const abandoned = { status: 'closed' as const, statusSince: '2026-02-01', commissionedOn: null };
    expect(operatingSince(abandoned)).toBeNull();
    expect(operatedBetween(abandoned, '2020-01-01', '2030-12-31')).toBe(false);
    const sameDay = { status: 'closed' as const, statusSince: '2026-05-10', commissionedOn: '2026-05-10' };
    expect(operatedBetween(sameDay, '2026-04-01', '2026-06-30')).toBe(false);
    expect(
      operatedBetween({ status: 'under_construction', statusSince: '2025-01-01' }, '2025-01-01', '2030-12-31'),
    ).toBe(false);
  });

  it('takes the day it became operating when an older event has no commissioning day', () => {
    const legacy = { status: 'commissioned' as const, statusSince: '2024-09-01' };
    expect(operatingSince(legacy)).toBe('2024-09-01');
    expect(operatedBetween(legacy, '2024-08-01', '2024-08-31')).toBe(false);
    expect(operatedBetween(legacy, '2024-09-01', '2024-09-30')).toBe(true);
  });
});
