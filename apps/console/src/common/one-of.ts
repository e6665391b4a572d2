/** `value` as one of `values`, which it is checked against (an address's parameter may say anything). */
export function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}
