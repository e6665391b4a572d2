import type { CsvLayout, CsvProblem } from './csv-reader';

/** The header names the layout's columns, in any order, each once, the required ones all. */
export function checkHeader(names: string[], line: number, layout: CsvLayout<string>): CsvProblem[] {
  // Excel writes a separator for each column of the sheet ever used: a column without a name is one of those.
  const named = names.filter((name) => name !== '');
  const unknown = named.filter((name) => !layout.columns.includes(name));
  const missing = (layout.required ?? layout.columns).filter((name) => !names.includes(name));
  // A row keeps one value per column: the other one's would be dropped unseen.
  const repeated = [...new Set(named.filter((name, index) => named.indexOf(name) !== index))];
  return [
    ...(unknown.length ? [{ line, message: `unknown columns: ${unknown.join(', ')}` }] : []),
    ...(missing.length ? [{ line, message: `missing columns: ${missing.join(', ')}` }] : []),
    ...(repeated.length ? [{ line, message: `columns named twice: ${repeated.join(', ')}` }] : []),
  ];
}

/** Why a row cannot be read under this header, if it cannot. */
export function misfit(record: string[], header: string[]): string | null {
  if (record.length !== header.length) {
    return `has ${record.length} values where the header names ${header.length} columns`;
  }
  const unnamed = header.findIndex((name, index) => name === '' && record[index] !== '');
  return unnamed === -1 ? null : `has a value in column ${unnamed + 1}, which the header does not name`;
}
