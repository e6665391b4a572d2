import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { monitoring, type TradeRow, type TradeUploadResult } from '../api/monitoring';
import { PAGE_SIZE } from '../api/page';
import { CsvColumns } from '../common/CsvColumns';
import { DataTable } from '../common/DataTable';
import { FileUpload } from '../common/FileUpload';
import { formatDateTime, formatDecimal, formatKopecks } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { ProductName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import { TRADE_CSV_COLUMNS, TRADE_FLOWS } from '@redmet/contracts/vocabulary';
import { FilterSelect } from '../common/FilterSelect';
import { oneOf } from '../common/one-of';

/** `lines.7.quantity` is how target-monitoring names a bad line of the file (the header is line 1). */
const rowOf = (field: string) => {
  const match = /^lines\.(\d+)(\.|$)/.exec(field);
  return match ? Number(match[1]) : null;
};

/** Customs statistics: upload a CSV (all rows or none), and what has been loaded. */
export function TradePage() {
  const { t, locale, language } = useI18n();
  const client = useQueryClient();
  const { get, set, page, setPage } = useUrlState<'flow'>();
  const flow = oneOf(TRADE_FLOWS, get('flow'));
  const rows = useQuery({
    queryKey: ['monitoring', 'trade', flow, page],
    queryFn: () => monitoring.trade({ flow, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.trade')}</h1>
          <p className="muted">{t('trade.subtitle')}</p>
        </div>
      </div>
      <section className="card" aria-labelledby="trade-upload">
        <h2 id="trade-upload">{t('trade.upload')}</h2>
        <CsvColumns columns={TRADE_CSV_COLUMNS} fileName="redmet-trade-statistics.csv" />
        <FileUpload<TradeUploadResult>
          send={async (file, onProgress, signal) => {
            const result = await monitoring.uploadTrade(file, onProgress, signal);
            await client.invalidateQueries({ queryKey: ['monitoring'] });
            return result;
          }}
          rowOf={rowOf}
          renderResult={(result) => (
            <p className="notice notice-success" role="status">
              {t('trade.uploaded', { rows: result.rows, replaced: result.replaced })}
            </p>
          )}
        />
      </section>
      <section className="card" aria-labelledby="trade-loaded">
        <h2 id="trade-loaded">{t('trade.loaded')}</h2>
        <div className="filters">
          <FilterSelect
            label={t('trade.flow')}
            value={flow}
            values={TRADE_FLOWS}
            optionLabel={(value) => t(`trade.flow.${value}`)}
            onChange={(value) => set({ flow: value })}
          />
        </div>
        <PagedQueryView query={rows} page={page} onPage={setPage} empty={<Empty title={t('trade.none')} />}>
          {(items) => (
            <DataTable<TradeRow>
              rows={items}
              rowKey={(row) => `${row.flow}-${row.hsCode}-${row.productCode}-${row.period}`}
              columns={[
                { header: t('trade.flow'), cell: (row) => t(`trade.flow.${row.flow}`) },
                { header: t('trade.hsCode'), cell: (row) => row.hsCode, className: 'mono' },
                {
                  header: t('reports.product'),
                  cell: (row) => (row.productCode ? <ProductName code={row.productCode} /> : '—'),
                },
                { header: t('reports.period'), cell: (row) => periodLabel(row.period, language) },
                { header: t('trade.tonnes'), cell: (row) => formatDecimal(row.quantityTonnes, locale), numeric: true },
                { header: t('trade.value'), cell: (row) => formatKopecks(row.valueKopecks, locale), numeric: true },
                { header: t('trade.loadedAt'), cell: (row) => formatDateTime(row.loadedAt, locale) },
              ]}
            />
          )}
        </PagedQueryView>
      </section>
    </div>
  );
}
