import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { REPORT_STATES } from '@redmet/contracts/vocabulary';
import { PAGE_SIZE } from '../api/page';
import { type ReportSummary, reporting } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { formatDateTime } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { PERIOD_PATTERN, periodLabel } from './periods';
import { FilterSelect } from '../common/FilterSelect';
import { oneOf } from '../common/one-of';

/** Every report of the company, newest first, filtered by state and period. */
export function ReportHistory() {
  const { t, label, locale, language } = useI18n();
  const { get, set, page, setPage } = useUrlState<'state' | 'period'>('h');
  const state = oneOf(REPORT_STATES, get('state'));
  const period = PERIOD_PATTERN.test(get('period')) ? get('period') : undefined;
  const reports = useQuery({
    queryKey: ['reporting', 'reports', { state, period, page }],
    queryFn: () => reporting.list({ state, period, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="reports-history">
      <h2 id="reports-history">{t('reports.history')}</h2>
      <div className="filters">
        <FilterSelect
          label={t('common.status')}
          value={state}
          values={REPORT_STATES}
          optionLabel={(value) => label('reportState', value)}
          onChange={(value) => set({ state: value })}
        />
        <Field
          label={t('reports.period')}
          hint={t('reports.periodHint')}
          errors={get('period') && !period ? [t('reports.periodInvalid')] : []}
        >
          <input
            defaultValue={get('period')}
            placeholder="2026-Q1"
            onBlur={(event) => set({ period: event.target.value.trim() })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') set({ period: event.currentTarget.value.trim() });
            }}
          />
        </Field>
      </div>
      <PagedQueryView
        query={reports}
        page={page}
        onPage={setPage}
        empty={
          <Empty title={state || period ? t('reports.noneMatching') : t('reports.none')}>
            <Link to="/reports/new">{t('reports.new')}</Link>
          </Empty>
        }
      >
        {(items) => (
          <DataTable<ReportSummary>
            rows={items}
            rowKey={(report) => report.reportId}
            columns={[
              {
                header: t('reports.site'),
                cell: (report) => (
                  <Link to={`/reports/${report.reportId}`}>
                    <SiteName facilityId={report.facilityId} depositId={report.depositId} />
                  </Link>
                ),
              },
              { header: t('reports.period'), cell: (report) => periodLabel(report.period, language) },
              {
                header: t('common.status'),
                cell: (report) => <Badge tone={toneOf(report.state)}>{label('reportState', report.state)}</Badge>,
              },
              {
                header: t('reports.version'),
                numeric: true,
                cell: (report) => (
                  <>
                    {report.latestVersion}
                    {report.acceptedVersion && report.acceptedVersion !== report.latestVersion ? (
                      <span className="muted small">
                        {' '}
                        ({t('reports.acceptedVersion', { version: report.acceptedVersion })})
                      </span>
                    ) : null}
                  </>
                ),
              },
              { header: t('reports.updated'), cell: (report) => formatDateTime(report.updatedAt, locale) },
            ]}
          />
        )}
      </PagedQueryView>
    </section>
  );
}
