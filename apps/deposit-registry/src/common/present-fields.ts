/**
 * The fields a client actually sent. DTO instances carry every declared field,
 * the absent ones as `undefined` (ES2022 class fields), which merged into an
 * entity would blank it: absent means "leave as it is".
 */
export function presentFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
