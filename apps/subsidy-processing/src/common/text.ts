/** Shortens a human description to what an event field allows, marking the cut. */
export function fitText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
