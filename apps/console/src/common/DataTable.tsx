import { Fragment, type ReactNode } from 'react';

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
  /** What a row shows opened (its history), in a row of its own under it; nothing while it is closed. */
  details?: (row: T) => ReactNode;
}

/** A list as a table: one header row, one row per item, scrolling sideways on narrow screens. */
export function DataTable<T>({ rows, columns, rowKey, label, rowClass, details }: Props<T>) {
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
          {rows.map((row) => {
            const opened = details?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr className={rowClass?.(row)}>
                  {columns.map((column, index) => (
                    <td key={index} className={cellClass(column)}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
                {opened ? (
                  <tr className="row-details">
                    <td colSpan={columns.length}>{opened}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function cellClass<T>(column: Column<T>): string | undefined {
  return [column.numeric ? 'num' : null, column.className].filter(Boolean).join(' ') || undefined;
}
