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
  arrays(rows: R[]): unknown[][];
}

export function unnestSpec<R>(columns: [name: string, type: string, read: (row: R) => unknown][]): UnnestSpec<R> {
  return {
    names: columns.map(([name]) => name).join(', '),
    casts: columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', '),
    size: columns.length,
    arrays: (rows) => columns.map(([, , read]) => rows.map(read)),
  };
}
