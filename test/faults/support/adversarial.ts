import fc from 'fast-check';

/** Strings an attacker or a broken client sends. */
const NASTY_STRINGS = [
  "'; DROP TABLE company; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  'null\u0000byte',
  '\u202Eevil\u202C',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 🛢️ Ниобий',
  ' ',
  '',
  '%00%0d%0a',
];

const HUGE_STRING = 'x'.repeat(200_000);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { deeper: value };
  return value;
}

/** Any JSON value, weighted towards the shapes that break services. */
export const adversarialValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(-1, 0, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 0.1 + 0.2),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      HUGE_STRING,
      nested(400),
      [],
      {},
      null,
      true,
      '2026-13-45',
      '00000000-0000-0000-0000-000000000000',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
);

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

/** A body shaped like the operation's schema, with adversarial values in some or all of its fields. */
export function bodyFor(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema | undefined,
): fc.Arbitrary<unknown> {
  const target = schema?.$ref ? resolve(schema.$ref) : schema;
  const fields = Object.keys(target?.properties ?? {});
  if (fields.length === 0) return adversarialValue;
  const shaped = fc.record(Object.fromEntries(fields.map((field) => [field, adversarialValue])), { requiredKeys: [] });
  return fc.oneof(
    shaped,
    adversarialValue,
    fc.dictionary(fc.string({ maxLength: 20 }), adversarialValue, { maxKeys: 5 }),
  );
}

/** Raw request texts that JSON.stringify cannot produce. */
export const MALFORMED_BODIES = [
  '{"name": "a", "name": "b", "inn": "1", "inn": 7707083893}',
  '{"unterminated": ',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}',
  'not json at all',
  '\u0000\u0001\u0002',
];
