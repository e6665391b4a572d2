import { ILike } from 'typeorm';

/** `name` filters match a part of the text in any case; `%` and `_` typed by a user match themselves. */
export function containsText(text: string) {
  return ILike(`%${escapeLike(text)}%`);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
