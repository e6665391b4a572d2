import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';
import type { FieldError } from './domain.error';
import { createValidationPipe } from './validation.pipe';

class Rates {
  @IsString()
  equipment: string;
}

class Line {
  @ValidateNested()
  @Type(() => Rates)
  rates: Rates;
}

class Programme {
  @ValidateNested()
  @Type(() => Rates)
  rates: Rates;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines: Line[];
}

/** The fields the pipe refuses in a body, or the DTO it makes. */
function validated(body: unknown): Promise<FieldError[] | Programme> {
  return createValidationPipe()
    .transform(body, { type: 'body', metatype: Programme })
    .catch((error: { fieldErrors: FieldError[] }) => error.fieldErrors);
}

describe('createValidationPipe', () => {
  const rates = { equipment: '0.5' };

  it('makes the DTO of a body of the declared shape', async () => {
    expect(await validated({ rates, lines: [{ rates }] })).toBeInstanceOf(Programme);
  });

  it('refuses a list where one object is declared, at any depth, naming the field', async () => {
    expect(await validated({ rates: [rates], lines: [{ rates: [rates] }] })).toEqual([
      { field: 'rates', messages: ['rates must be an object, not a list'] },
      { field: 'lines.0.rates', messages: ['rates must be an object, not a list'] },
    ]);
  });

  it('refuses a list, empty or not, where an item of a list of objects is declared, naming the item', async () => {
    const message = 'each item of lines must be an object, not a list';
    expect(await validated({ rates, lines: [{ rates }, [{ rates }], []] })).toEqual([
      { field: 'lines.1', messages: [message] },
      { field: 'lines.2', messages: [message] },
    ]);
  });

  it('refuses a path parameter PostgreSQL cannot store, naming it', async () => {
    const refused = await createValidationPipe()
      .transform('target:\u0000', { type: 'param', data: 'key', metatype: String })
      .catch((error: { fieldErrors: FieldError[] }) => error.fieldErrors);
    expect(refused).toEqual([
      { field: 'key', messages: ['must not contain a NUL character or half a surrogate pair'] },
    ]);
  });

  it('refuses a body nested too deep to validate as a 400, not a stack overflow', async () => {
    const deep = JSON.parse(`{"rates": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expect(await validated(deep)).toEqual([{ field: 'rates', messages: ['nests deeper than 32 levels'] }]);
  });

  it('refuses prototype keys, which would otherwise be dropped without a word', async () => {
    const polluted = JSON.parse(`{"rates": {"equipment": "0.5", "__proto__": {"admin": true}}, "lines": []}`);
    expect(await validated(polluted)).toEqual([
      { field: 'rates.__proto__', messages: ['property __proto__ should not exist'] },
    ]);
    expect(await validated({ rates, lines: [{ rates, constructor: { prototype: {} } }] })).toEqual([
      { field: 'lines.0.constructor', messages: ['property constructor should not exist'] },
    ]);
  });

  it('refuses text PostgreSQL cannot store, a NUL character or half a surrogate pair, naming the field', async () => {
    const unstorable = 'must not contain a NUL character or half a surrogate pair';
    expect(await validated({ rates: { equipment: 'a\u0000b' }, lines: [] })).toEqual([
      { field: 'rates.equipment', messages: [unstorable] },
    ]);
    expect(await validated({ rates, lines: [{ rates: { equipment: 'ore \ud83d' } }] })).toEqual([
      { field: 'lines.0.rates.equipment', messages: [unstorable] },
    ]);
    // A whole surrogate pair, an emoji, is text like any other.
    expect(await validated({ rates: { equipment: 'ore \u{1F48E}\n\ttab' }, lines: [] })).toBeInstanceOf(Programme);
  });
});
