/** True for the first half of a surrogate pair (an emoji, a rare CJK character). */
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * At most `max` UTF-16 units of `text`, never ending in half a surrogate pair: PostgreSQL stores a lone half
 * neither in text nor in jsonb, and would refuse the whole change, a valid request among them.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
}
