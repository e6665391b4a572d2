import { Clock, type PlatformEnvironment } from '@redmet/platform';
import { endOfDay, perspectiveOf } from './perspective';

const clockIn = (TIME_ZONE: string, now = new Date()) => {
  const clock = new Clock({ TIME_ZONE } as PlatformEnvironment);
  jest.spyOn(clock, 'now').mockReturnValue(now);
  return clock;
};

describe('perspective', () => {
  it('ends a day at the last millisecond before the next one begins in TIME_ZONE', () => {
    expect(endOfDay('2026-04-30', clockIn('Europe/Moscow')).toISOString()).toBe('2026-04-30T20:59:59.999Z');
    expect(endOfDay('2026-04-30', clockIn('UTC')).toISOString()).toBe('2026-04-30T23:59:59.999Z');
    expect(endOfDay('2026-12-31', clockIn('Asia/Vladivostok')).toISOString()).toBe('2026-12-31T13:59:59.999Z');
    // Havana's clocks go from 00:00 to 01:00 on 8 March 2026: 7 March ends at 05:00 UTC, an hour short.
    expect(endOfDay('2026-03-07', clockIn('America/Havana')).toISOString()).toBe('2026-03-08T04:59:59.999Z');
  });

  it('asks for today in TIME_ZONE, and as known then up to the end of that day there', () => {
    // 00:30 on 1 May in Moscow, still 30 April in UTC.
    const clock = clockIn('Europe/Moscow', new Date('2026-04-30T21:30:00Z'));
    expect(perspectiveOf({}, clock)).toEqual({ asOf: '2026-05-01', knowledge: 'now', knownAt: null });
    expect(perspectiveOf({ asOf: '2026-04-30', knowledge: 'then' }, clock)).toEqual({
      asOf: '2026-04-30',
      knowledge: 'then',
      knownAt: new Date('2026-04-30T20:59:59.999Z'),
    });
  });
});
