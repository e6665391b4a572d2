import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Pagination } from './Pagination';

const PAGE_SIZE = 25;

export interface RowError {
  row: number;
  field: string;
  messages: string[];
}

/** Every bad row of a refused file, in file order, a page at a time. */
export function RowErrors({ rows }: { rows: RowError[] }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const byRow = new Map<number, string[]>();
  for (const { row, field, messages } of rows) {
    const column = field.split('.').slice(2).join('.');
    byRow.set(row, [
      ...(byRow.get(row) ?? []),
      ...messages.map((message) => (column && !message.includes(column) ? `${column}: ${message}` : message)),
    ]);
  }
  const sorted = [...byRow.entries()].sort(([a], [b]) => a - b);
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <div className="notice notice-danger" role="alert">
      <h3>{t('upload.badRows', { count: sorted.length })}</h3>
      <p className="small">{t('upload.nothingStored')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('upload.row')}
              </th>
              <th scope="col">{t('upload.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(([row, messages]) => (
              <tr key={row}>
                <td className="num">{row}</td>
                <td>
                  <ul className="field-errors">
                    {messages.map((message, index) => (
                      <li key={index}>{message}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={sorted.length} onPage={setPage} />
    </div>
  );
}
