import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { REPORT_STATES, type ReportState, reporting } from '../api/reporting';
import { Badge, toneOf } from '../common/Badge';
import { Field } from '../common/Field';
import { formatDateTime } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { PERIOD_PATTERN, periodLabel } from './periods';

/** Every report of the company, newest first, filtered by state and period. */
export function ReportHistory() {
  const { t, label, locale, language } = useI18n();
  const { get, set, page, setPage } = useUrlState<'state' | 'period'>('h');
  const state = (REPORT_STATES as readonly string[]).includes(get('state')) ? (get('state') as ReportState) : undefined;
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
        <Field label={t('common.status')}>
          <select value={state ?? ''} onChange={(event) => set({ state: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {REPORT_STATES.map((value) => (
              <option key={value} value={value}>
                {label('reportState', value)}
              </option>
            ))}
          </select>
        </Field>
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
      <QueryView query={reports}>
        {(data) =>
          data.total === 0 ? (
            <Empty title={state || period ? t('reports.noneMatching') : t('reports.none')}>
              <Link to="/reports/new">{t('reports.new')}</Link>
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.site')}</th>
                      <th scope="col">{t('reports.period')}</th>
                      <th scope="col">{t('common.status')}</th>
                      <th scope="col" className="num">
                        {t('reports.version')}
                      </th>
                      <th scope="col">{t('reports.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((report) => (
                      <tr key={report.reportId}>
                        <td>
                          <Link to={`/reports/${report.reportId}`}>
                            <SiteName facilityId={report.facilityId} depositId={report.depositId} />
                          </Link>
                        </td>
                        <td>{periodLabel(report.period, language)}</td>
                        <td>
                          <Badge tone={toneOf(report.state)}>{label('reportState', report.state)}</Badge>
                        </td>
                        <td className="num">
                          {report.latestVersion}
                          {report.acceptedVersion && report.acceptedVersion !== report.latestVersion ? (
                            <span className="muted small">
                              {' '}
                              ({t('reports.acceptedVersion', { version: report.acceptedVersion })})
                            </span>
                          ) : null}
                        </td>
                        <td>{formatDateTime(report.updatedAt, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                onPage={setPage}
                busy={reports.isFetching}
              />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
