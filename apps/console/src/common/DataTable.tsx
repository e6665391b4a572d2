import type { ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The class of the column's body cells (`mono`, `nowrap`, `actions`); its header keeps the plain look. */
  className?: string;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Names the table for screen readers. */
  label?: string;
  rowClass?: (row: T) => string | undefined;
}

/** A list as a table: one header row, one row per item, scrolling sideways on narrow screens. */
export function DataTable<T>({ rows, columns, rowKey, label, rowClass }: Props<T>) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((column, index) => (
                <td key={index} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass<T>(column: Column<T>): string | undefined {
  return [column.numeric ? 'num' : null, column.className].filter(Boolean).join(' ') || undefined;
}
