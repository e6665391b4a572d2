import { getMetadataStorage, ValidationError, ValidationTypes } from 'class-validator';
import type { FieldError } from './domain.error';

/** Far deeper than any DTO nests; class-transformer and class-validator recurse, and 10,000 levels overflow the stack. */
export const MAX_DEPTH = 32;

/** Keys that would reach an object's prototype; Nest's pipe drops them silently, and unknown fields are refused. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const LONE_SURROGATE = /\p{Cs}/u;
/** PostgreSQL stores neither in text nor in jsonb, and would refuse the whole change without naming the field. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * What is wrong with the shape of a body or query before it is transformed: nested deeper than
 * MAX_DEPTH, holding a prototype key, or text with a NUL character or half a surrogate pair. Walked
 * without recursion, so that depth cannot overflow it.
 */
export function shapeProblem(value: unknown, field: string): FieldError | undefined {
  const pending: [unknown, string, number][] = [[value, field, 0]];
  while (pending.length > 0) {
    const [next, path, depth] = pending.pop()!;
    if (typeof next === 'string' && unstorable(next)) {
      return { field: path, messages: ['must not contain a NUL character or half a surrogate pair'] };
    }
    if (typeof next !== 'object' || next === null) continue;
    // Named by its outermost field: the path itself would be as deep.
    if (depth >= MAX_DEPTH) return { field: path.split('.')[0], messages: [`nests deeper than ${MAX_DEPTH} levels`] };
    for (const [key, item] of Object.entries(next)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return { field: at, messages: [`property ${key} should not exist`] };
      pending.push([item, at, depth + 1]);
    }
  }
  return undefined;
}

const NOT_CLASSES = new Set<unknown>([Object, Array, String, Number, Boolean, Date, Map, Set, Promise, Function]);

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []) {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

function nestsObjects(object: object, property: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(object.constructor, '', true, false)
    .some((rule) => rule.propertyName === property && rule.type === ValidationTypes.NESTED_VALIDATION);
}

/**
 * Lists sent where the DTO declares nested objects: class-validator validates each item of a list
 * under `@ValidateNested()`, with or without `each`, and the items of a list within it too, so
 * `{"rates": [{...}]}` would pass for `rates: RatesDto`, and `{"lines": [[{...}]]}` or
 * `{"lines": [[]]}` for `lines: LineDto[]`, and reach the service as lists.
 */
export function listsForObjects(object: object): ValidationError[] {
  return Object.entries(object).flatMap(([property, value]: [string, unknown]) => {
    const declared: unknown = Reflect.getMetadata('design:type', object, property);
    if (Array.isArray(value) && typeof declared === 'function' && !NOT_CLASSES.has(declared)) {
      return [error(property, { isObject: `${property} must be an object, not a list` })];
    }
    // Items looked at first: the metadata lookup is not free, and a report may hold thousands of lines.
    if (Array.isArray(value) && value.some((item) => Array.isArray(item)) && nestsObjects(object, property)) {
      const items = value.flatMap((item: unknown, index) =>
        Array.isArray(item)
          ? [error(String(index), { isObject: `each item of ${property} must be an object, not a list` })]
          : [],
      );
      return [error(property, undefined, items)];
    }
    if (typeof value !== 'object' || value === null) return [];
    const children = listsForObjects(value);
    return children.length > 0 ? [error(property, undefined, children)] : [];
  });
}
