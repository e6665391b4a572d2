import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ExportComparison } from '@redmet/contracts/vocabulary';
import { monitoring } from '../api/monitoring';
import { PAGE_SIZE } from '../api/page';
import { Badge } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { formatDecimal, formatRate } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { CompanyName, ProductName } from '../registry/lookups';
import { isMonth, periodLabel } from '../reports/periods';

/**
 * Customs export figures beside the exports producers reported of the same
 * products and months: where they part by more than the rule's tolerance, the
 * discrepancy alert is raised; this is the whole picture behind it.
 */
export function ExportCheckPage() {
  const { t, locale, language } = useI18n();
  const { get, set, page, setPage } = useUrlState<'from' | 'to'>();
  const from = isMonth(get('from')) ? get('from') : undefined;
  const to = isMonth(get('to')) ? get('to') : undefined;
  const check = useQuery({
    queryKey: ['monitoring', 'export-check', { from, to, page }],
    queryFn: () => monitoring.exportCheck({ from, to, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const notCompared = check.data?.notCompared ?? [];
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.exportCheck')}</h1>
          <p className="muted">{t('exportCheck.subtitle')}</p>
        </div>
        <div className="filters">
          <Field label={t('output.from')}>
            <input type="month" value={from ?? ''} max={to} onChange={(event) => set({ from: event.target.value })} />
          </Field>
          <Field label={t('output.to')}>
            <input type="month" value={to ?? ''} min={from} onChange={(event) => set({ to: event.target.value })} />
          </Field>
        </div>
      </div>
      <section className="card">
        <PagedQueryView query={check} page={page} onPage={setPage} empty={<Empty title={t('exportCheck.none')} />}>
          {(items) => (
            <DataTable<ExportComparison>
              rows={items}
              rowKey={(row) => `${row.hsCode}-${row.productCode}-${row.period}`}
              label={t('nav.exportCheck')}
              columns={[
                { header: t('reports.period'), cell: (row) => periodLabel(row.period, language) },
                { header: t('trade.hsCode'), cell: (row) => row.hsCode, className: 'mono' },
                {
                  header: t('reports.product'),
                  cell: (row) => <ProductList codes={row.productCode ? [row.productCode] : row.products} />,
                },
                {
                  header: t('exportCheck.customs'),
                  cell: (row) => formatDecimal(row.customsExportsTonnes, locale),
                  numeric: true,
                },
                {
                  header: t('exportCheck.reported'),
                  cell: (row) => formatDecimal(row.reportedExportsTonnes, locale),
                  numeric: true,
                },
                {
                  header: t('exportCheck.difference'),
                  cell: (row) => (
                    <>
                      <div className="nowrap">{formatDecimal(row.differenceTonnes, locale)}</div>
                      <div className="small muted nowrap">{formatRate(row.relativeDifference, locale)}</div>
                    </>
                  ),
                  numeric: true,
                },
                {
                  header: t('common.status'),
                  cell: (row) => (
                    <Badge tone={row.withinTolerance ? 'success' : 'danger'}>
                      {t(row.withinTolerance ? 'exportCheck.within' : 'exportCheck.beyond', {
                        tolerance: formatRate(row.tolerance, locale),
                      })}
                    </Badge>
                  ),
                },
                {
                  header: t('exportCheck.producers'),
                  cell: (row) =>
                    row.producers.length === 0 ? (
                      <span className="muted">{t('exportCheck.noProducer')}</span>
                    ) : (
                      <ul className="plain-list">
                        {row.producers.map((producer) => (
                          <li key={producer.companyId}>
                            {producer.name ?? <CompanyName id={producer.companyId} />}:{' '}
                            {formatDecimal(producer.reportedExportsTonnes, locale)} {t('unit.t')}
                          </li>
                        ))}
                      </ul>
                    ),
                },
              ]}
            />
          )}
        </PagedQueryView>
        {notCompared.length ? (
          <div className="notice notice-info">
            <p>{t('exportCheck.notCompared')}</p>
            <ul>
              {notCompared.map((figure) => (
                <li key={figure.hsCode}>
                  {t('exportCheck.notComparedCode', {
                    code: figure.hsCode,
                    tonnes: formatDecimal(figure.customsExportsTonnes, locale),
                    periods: figure.periods.map((period) => periodLabel(period, language)).join(', '),
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function ProductList({ codes }: { codes: string[] }) {
  if (codes.length === 0) return <>—</>;
  return (
    <>
      {codes.map((code, index) => (
        <span key={code}>
          {index > 0 ? ', ' : null}
          <ProductName code={code} />
        </span>
      ))}
    </>
  );
}
