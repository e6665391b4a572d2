import { Exclude, plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { EVENT_CATALOGUE } from './catalogue';
import { passesContract } from './contract-check';
import { EventEnvelope } from './envelope';
import { parseEnvelope, parsePayload } from './parse-event';
import { sampleEvent } from './testing/sample-events';

type Json = unknown;
type Target = new () => object;

/** class-validator's verdict, the authority the fast check must agree with. */
function validatorSays(target: Target, value: Json): boolean {
  return validateSync(plainToInstance(target, value), { forbidUnknownValues: false }).length === 0;
}

/** Every path to a value in a JSON tree, array items included. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  }
  return [];
}

function withValueAt(root: Json, path: (string | number)[], replacement: Json): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === REMOVED && Array.isArray(node)) node.splice(Number(last), 1);
  else if (replacement === REMOVED) delete node[last];
  else node[last] = replacement;
  return copy;
}

const REMOVED = Symbol('removed');

const samples = EVENT_CATALOGUE.map((definition) => ({
  definition,
  wire: JSON.parse(JSON.stringify(sampleEvent(definition))) as { payload: Json } & Record<string, Json>,
}));

/** Values of every kind JSON has, and each sample's own values (valid in one place, perhaps not in another). */
const REPLACEMENTS: Json[] = [
  REMOVED,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(300),
  0,
  -1,
  1,
  1.5,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  [null],
  ['x'],
  [{}],
  [[]],
  {},
  { a: 1 },
  '0',
  '-0.5',
  '1e3',
  '12.3456789',
  '2026-02-30',
  '2026-13',
  '2026-Q5',
  '2026-01-01T00:00:00',
  '00000000-0000-0000-0000-000000000000',
  '7707083894',
  ...samples.flatMap(({ wire }) => paths(wire).map((path) => valueAt(wire, path))),
].filter((value, index, all) => all.findIndex((other) => shape(other) === shape(value)) === index);

/** Sample values of one shape (every UUID, every date) try the same rules: one of each is enough. */
function shape(value: Json): string {
  if (value === REMOVED) return 'removed';
  if (typeof value !== 'string') return JSON.stringify(value);
  return `"${value.replace(/[0-9]/g, '9').replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A')}"`;
}

function valueAt(root: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], root);
}

function disagreements(target: Target, base: Json): string[] {
  const found: string[] = [];
  for (const path of paths(base)) {
    for (const replacement of REPLACEMENTS) {
      const variant = withValueAt(base, path, replacement);
      const fast = passesContract(target, variant);
      if (fast !== validatorSays(target, variant)) {
        found.push(`${target.name} ${path.join('.')} = ${JSON.stringify(replacement) ?? 'removed'}: fast says ${fast}`);
      }
    }
  }
  return found;
}

describe('passesContract agrees with class-validator', () => {
  it.each(
    samples.map(({ definition, wire }) => [`${definition.type} (${definition.topic.name})`, definition, wire] as const),
  )('%s: its sample passes, and every single-value change is judged alike', (_, definition, wire) => {
    expect(passesContract(definition.payload, wire.payload)).toBe(true);
    expect(disagreements(definition.payload, wire.payload)).toEqual([]);
  });

  it('the envelope: every field changed, with the payload left as read', () => {
    const { wire } = samples[0];
    expect(passesContract(EventEnvelope, wire)).toBe(true);
    const envelopeOnly = { ...wire, payload: {} };
    expect(disagreements(EventEnvelope, envelopeOnly)).toEqual([]);
  });

  it('judges values that are not plain JSON objects as class-validator does, or leaves them to it', () => {
    expect(passesContract(EventEnvelope, [])).toBe(false);
    expect(passesContract(EventEnvelope, 'text')).toBe(false);
    // class-transformer drops the hole, so the instance's list is one shorter than the value's.
    const listed = samples.find(({ wire }) => Object.values(wire.payload as object).some(Array.isArray));
    const holed = structuredClone(listed?.wire.payload) as Record<string, unknown[]>;
    const list = Object.values(holed).find(Array.isArray) as unknown[];
    expect(passesContract(listed!.definition.payload, holed)).toBe(true);
    delete list[0];
    expect(passesContract(listed!.definition.payload, holed)).toBe(false);
    expect(
      passesContract(EventEnvelope, JSON.parse(`{"__proto__": {}, ${JSON.stringify(samples[0].wire).slice(1)}`)),
    ).toBe(false);
  });

  it('follows nested classes through @Type, at any depth of arrays, and leaves other nested objects unchecked', () => {
    class Leaf {
      @IsString()
      @Length(1, 3)
      name: string;
    }
    class Tree {
      @IsOptional()
      @ValidateNested({ each: true })
      @Type(() => Leaf)
      leaves?: Leaf[][];

      @ValidateNested()
      loose: object;
    }
    const cases: Json[] = [
      { loose: {} },
      { loose: { anything: 1 } },
      { loose: 'text' },
      { loose: null },
      { leaves: [[{ name: 'ab' }], []], loose: {} },
      { leaves: [[{ name: 'abcd' }]], loose: {} },
      { leaves: [[{ name: 'ab' }, 3]], loose: {} },
      { leaves: null, loose: {} },
      { leaves: { name: 'ab' }, loose: {} },
    ];
    const verdicts = cases.map((value) => passesContract(Tree, value));
    expect(verdicts).toEqual(cases.map((value) => validatorSays(Tree, value)));
    expect(verdicts).toEqual([true, true, false, false, true, false, false, true, true]);
  });

  it('accepts unknown fields of any shape, as a tolerant reader must', () => {
    for (const { definition, wire } of samples) {
      for (const extra of [{ constructor: 'x' }, { a: { b: [1, null] } }, 'x', null, [{}]]) {
        expect([definition.type, passesContract(definition.payload, { ...(wire.payload as object), extra })]).toEqual([
          definition.type,
          true,
        ]);
      }
    }
  });

  it('refuses, with a reason, an invalid event class-transformer cannot read, instead of throwing', () => {
    const { definition, wire } = samples[0];
    const odd = { ...(wire.payload as object), extra: { constructor: 'x' } };
    expect(() => plainToInstance(definition.payload, odd)).toThrow();
    expect(parsePayload({ ...wire, payload: odd } as never, definition)).toEqual({
      ok: true,
      event: expect.anything(),
    });
    const invalid = { ...odd, [Object.keys(odd)[0]]: 12345 };
    expect(parsePayload({ ...wire, payload: invalid } as never, definition)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^payload: cannot be read as /)],
    });
    const envelope = { ...wire, type: 'not pascal case', meta: { constructor: 'x' } };
    expect(parseEnvelope(envelope)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^envelope: cannot be read/)],
    });
  });

  it('reads only own enumerable fields, as class-transformer copies them', () => {
    const { definition, wire } = samples[0];
    const payload = { ...(wire.payload as Record<string, unknown>) };
    const [field] = Object.keys(payload);
    const value = payload[field];
    delete payload[field];
    Object.defineProperty(payload, field, { value, enumerable: false });
    expect(validatorSays(definition.payload, payload)).toBe(false);
    expect(passesContract(definition.payload, payload)).toBe(false);
  });

  it('leaves to class-validator the classes class-transformer fills otherwise, or whose conditions may read nested instances', () => {
    @Exclude()
    class ExcludedAll {
      @IsString()
      name: string;
    }
    class WithGetter {
      @Min(1)
      get length(): number {
        return 0;
      }
    }
    class Inner {
      @IsString()
      kind: string;
    }
    class Conditional {
      @Type(() => Inner)
      inner: Inner;

      @ValidateIf((object: Conditional) => object.inner instanceof Inner)
      @IsInt()
      count: number;
    }
    class NeedsArguments {
      @ValidateNested()
      @Type((options) => (options?.object ? Inner : undefined) as never)
      inner: Inner;
    }
    class UnreadableType {
      @ValidateNested()
      @Type(() => {
        throw new Error('not known yet');
      })
      inner: Inner;
    }
    expect([passesContract(UnreadableType, { inner: {} }), passesContract(UnreadableType, { inner: {} })]).toEqual([
      false,
      false,
    ]);
    const cases: [new () => object, Json][] = [
      [ExcludedAll, { name: 'a' }],
      [WithGetter, { length: 5 }],
      [Conditional, { inner: { kind: 'x' }, count: 'many' }],
      [NeedsArguments, { inner: { kind: 5 } }],
    ];
    for (const [target, value] of cases) {
      expect([target.name, passesContract(target, value), passesContract(target, value)]).toEqual([
        target.name,
        false,
        false,
      ]);
    }
    expect(cases.map(([target, value]) => validatorSays(target, value))).toEqual([false, false, false, false]);
  });

  it('leaves a class with a defaulted field to class-validator', () => {
    class Defaulted {
      @IsString()
      unit = 't';
    }
    expect(validatorSays(Defaulted, {})).toBe(true);
    expect(passesContract(Defaulted, {})).toBe(false);
  });
});
