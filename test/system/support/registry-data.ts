import { randomInt } from 'node:crypto';
import { isValidInn } from '@redmet/contracts';

/** A fresh organisation INN with valid check digits, so companies of different runs never collide. */
export function randomInn(): string {
  for (;;) {
    const stem = String(randomInt(1_000_000_000)).padStart(9, '0');
    for (let check = 0; check <= 9; check += 1) if (isValidInn(`${stem}${check}`)) return `${stem}${check}`;
  }
}
