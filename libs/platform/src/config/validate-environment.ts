import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

type Raw = Record<string, unknown>;

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};

/**
 * Environment values are strings; convert those the schema declares as numbers
 * or booleans, by annotation or by the type of their default.
 */
function coerce(schema: new () => object, key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const annotated: unknown = Reflect.getMetadata('design:type', schema.prototype, key);
  const fallback = typeof (new schema() as Raw)[key];
  const text = value.trim();
  if ((annotated === Number || fallback === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if ((annotated === Boolean || fallback === 'boolean') && text.toLowerCase() in BOOLEAN_WORDS) {
    return BOOLEAN_WORDS[text.toLowerCase()];
  }
  return value;
}

/** A value as the start-up error shows it: a URL's password (`postgres://redmet:secret@db/x`) is left out. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value.replace(/(\/\/[^/:@\s]*:)[^/]*@/g, '$1***@') : value;
  return JSON.stringify(text);
}

/**
 * Builds the `validate` function for ConfigModule: a wrong value stops the
 * service at start with a message naming every bad variable.
 */
export function validateEnvironment<T extends object>(schema: new () => T, defaults: Partial<T> = {}) {
  return (raw: Raw): T => {
    const fields = Object.keys(new schema());
    const values: Raw = { ...defaults };
    for (const key of fields) {
      if (raw[key] !== undefined && raw[key] !== '') values[key] = coerce(schema, key, raw[key]);
    }
    const environment = Object.assign(new schema(), plainToInstance(schema, values));
    const errors = validateSync(environment);
    if (errors.length > 0) {
      const lines = errors.map((error) => {
        const given = raw[error.property] === undefined ? 'not set' : shown(raw[error.property]);
        return `  ${error.property} (${given}): ${Object.values(error.constraints ?? {}).join('; ')}`;
      });
      throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return environment;
  };
}
