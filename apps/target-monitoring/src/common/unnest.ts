/**
 * Many rows in one statement: one array parameter per column, expanded by
 * `unnest($1::uuid[], $2::int[], ...)`. The spec lists each column's type and
 * how to read it from a row, so the order of arrays and casts cannot drift.
 */
export interface UnnestSpec<R> {
  names: string;
  casts: string;
  /** How many parameters the arrays take: further parameters start at `$<size + 1>`. */
  size: number;
  /** Each column as a PostgreSQL array literal, the parameter its cast reads. */
  arrays(rows: R[]): string[];
}

export function unnestSpec<R>(columns: [name: string, type: string, read: (row: R) => unknown][]): UnnestSpec<R> {
  return {
    names: columns.map(([name]) => name).join(', '),
    casts: columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', '),
    size: columns.length,
    arrays: (rows) => columns.map(([, , read]) => arrayLiteral(rows, read)),
  };
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * `{"a","b",NULL}`, every element quoted (any type reads a quoted element).
 * node-postgres would build the same text from a JavaScript array, escaping
 * element by element through a slower general path: a replay sends a few
 * hundred thousand elements a second.
 */
function arrayLiteral<R>(rows: R[], read: (row: R) => unknown): string {
  const elements: string[] = new Array<string>(rows.length);
  for (let index = 0; index < rows.length; index++) elements[index] = element(read(rows[index]));
  return `{${elements.join(',')}}`;
}

function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as number | boolean | bigint);
  return `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, '\\$&') : text}"`;
}
