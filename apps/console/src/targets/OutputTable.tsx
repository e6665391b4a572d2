import type { ReactNode } from 'react';
import type { OutputDimension } from '@redmet/contracts/vocabulary';
import type { OutputAnswer, OutputRow } from '../api/monitoring';
import { formatDecimal } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { localizeNote } from '../i18n/method-notes';

const PAGE_SIZE = 20;

interface Props {
  data: OutputAnswer;
  dimension: OutputDimension;
  page: number;
  onPage: (page: number) => void;
  /** Opens the next level for a row; absent at the last level. */
  onDrill?: (row: OutputRow) => void;
  nameOf: (row: OutputRow) => ReactNode;
}

/** One level of the drill-down: largest first (quarters in order), with bars for metal content. */
export function OutputTable({ data, dimension, page, onPage, onDrill, nameOf }: Props) {
  const { t, locale, language } = useI18n();
  const rows = [...data.rows].sort((a, b) =>
    dimension === 'period'
      ? (a.period ?? '').localeCompare(b.period ?? '')
      : Number(b.metalContentTonnes) - Number(a.metalContentTonnes),
  );
  const largest = Math.max(...rows.map((row) => Number(row.metalContentTonnes)), 0);
  if (rows.length === 0) return <Empty title={t('output.none')} />;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t(`output.dimension.${dimension}`)}</th>
              <th scope="col" className="num">
                {t('output.metal')}
              </th>
              <th scope="col" aria-hidden="true" />
              <th scope="col" className="num">
                {t('output.quantity')}
              </th>
              <th scope="col" className="num">
                {t('output.domestic')}
              </th>
              <th scope="col" className="num">
                {t('output.exports')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((row, index) => (
              <tr key={`${row.region ?? row.companyId ?? row.productCode ?? ''}-${row.period ?? index}`}>
                <td>
                  {onDrill ? (
                    <button type="button" className="link-button" onClick={() => onDrill(row)}>
                      {nameOf(row) ?? '—'}
                    </button>
                  ) : (
                    nameOf(row)
                  )}
                </td>
                <td className="num">{formatDecimal(row.metalContentTonnes, locale)}</td>
                <td style={{ width: '22%' }}>
                  <div className="bar" aria-hidden="true">
                    <div
                      className="bar-fill"
                      style={{ width: `${largest ? (Number(row.metalContentTonnes) / largest) * 100 : 0}%` }}
                    />
                  </div>
                </td>
                <td className="num">{formatDecimal(row.quantityTonnes, locale)}</td>
                <td className="num">{formatDecimal(row.domesticShipmentsTonnes, locale)}</td>
                <td className="num">{formatDecimal(row.exportsTonnes, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={rows.length} onPage={onPage} />
      <p className="small muted">
        {data.notes.map((note) => localizeNote(note, t, language, locale)).join('; ')}
        {data.truncated ? ` · ${t('output.truncated')}` : ''}
      </p>
    </>
  );
}
