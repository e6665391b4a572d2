import { Injectable } from '@nestjs/common';
import { PlatformEnvironment } from '../config/platform.environment';
import { calendarDay } from './calendar-days';

/**
 * What time and day it is for the rules: a period is over, a report or a
 * clawback is due, a licence has expired, on the calendar of TIME_ZONE (the
 * programme's, Moscow time by default), whatever zone the server runs in.
 * Tests replace it to pin a moment.
 */
@Injectable()
export class Clock {
  constructor(private readonly environment: PlatformEnvironment) {}

  now(): Date {
    return new Date();
  }

  today(): string {
    return this.dayOf(this.now());
  }

  /** The day an instant falls on in TIME_ZONE. */
  dayOf(instant: Date): string {
    return calendarDay(instant, this.environment.TIME_ZONE);
  }
}
