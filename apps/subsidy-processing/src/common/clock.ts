import { Injectable } from '@nestjs/common';

/**
 * "Today" for the rules (cut-off, due dates), as a UTC calendar day so the
 * answer does not depend on the server's time zone. Tests replace it to pin a date.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}
