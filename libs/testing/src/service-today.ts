import { calendarDay, DEFAULT_TIME_ZONE } from '@redmet/platform';

/**
 * Today as a service started with the default settings counts days (`YYYY-MM-DD`): in its time zone,
 * where from 21:00 UTC it is already tomorrow. A test that derives periods or deadlines from the UTC
 * date would fail for those hours.
 */
export function serviceToday(): string {
  return calendarDay(new Date(), DEFAULT_TIME_ZONE);
}
