import { cutText } from '@redmet/platform';

/** Shortens a human description to what an event field allows, marking the cut. */
export function fitText(text: string, max: number): string {
  return text.length <= max ? text : `${cutText(text, max - 1)}…`;
}
