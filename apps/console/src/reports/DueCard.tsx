import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { reporting } from '../api/reporting';
import { Badge } from '../common/Badge';
import { formatDate } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { periodLabel } from './periods';

const PAGE_SIZE = 10;

/** Reports past their due day and not filed, oldest first, each with a link that starts the report. */
export function DueCard() {
  const { t, locale, language } = useI18n();
  const { page, setPage } = useUrlState('o');
  const overdue = useQuery({
    queryKey: ['reporting', 'overdue', page],
    queryFn: () => reporting.overdue({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="reports-overdue">
      <div className="card-head">
        <h2 id="reports-overdue">{t('reports.overdue')}</h2>
        {overdue.data && overdue.data.total > 0 ? <Badge tone="danger">{overdue.data.total}</Badge> : null}
      </div>
      <QueryView query={overdue}>
        {(data) =>
          data.total === 0 ? (
            <Empty title={t('reports.nothingOverdue')} />
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.site')}</th>
                      <th scope="col">{t('reports.period')}</th>
                      <th scope="col">{t('reports.dueOn')}</th>
                      <th scope="col">{t('reports.late')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('reports.fileNow')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item) => {
                      const start = new URLSearchParams({ period: item.period });
                      if (item.facilityId) start.set('facilityId', item.facilityId);
                      if (item.depositId) start.set('depositId', item.depositId);
                      return (
                        <tr key={item.obligationId}>
                          <td>
                            <SiteName facilityId={item.facilityId} depositId={item.depositId} />
                          </td>
                          <td>{periodLabel(item.period, language)}</td>
                          <td>{formatDate(item.dueOn, locale)}</td>
                          <td>
                            <Badge tone="danger">{t('reports.daysLate', { count: item.daysOverdue })}</Badge>
                          </td>
                          <td className="actions">
                            <Link className="button button-small" to={`/reports/new?${start.toString()}`}>
                              {t('reports.fileNow')}
                            </Link>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pagination
                page={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                onPage={setPage}
                busy={overdue.isFetching}
              />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
