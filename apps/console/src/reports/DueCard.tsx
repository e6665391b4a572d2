import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Page } from '../api/page';
import { type DueSoon, type Overdue, reporting } from '../api/reporting';
import { Badge, type Tone } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDate } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { SiteName } from '../registry/lookups';
import { periodLabel } from './periods';

const PAGE_SIZE = 10;

type Unfiled = DueSoon | Overdue;

/** The two lists a producer acts on: what falls due within the reminder window, and what is late. */
const LISTS = {
  dueSoon: {
    urlPrefix: 'd',
    tone: 'warning' as Tone,
    title: 'reports.dueSoon',
    empty: 'reports.nothingDueSoon',
    when: 'reports.left',
    fetch: (page: number): Promise<Page<Unfiled>> => reporting.dueSoon({ page, pageSize: PAGE_SIZE }),
    days: (item: Unfiled, t: Translate) =>
      'daysLeft' in item && item.daysLeft === 0 ? t('reports.dueToday') : t('reports.days', { count: days(item) }),
  },
  overdue: {
    urlPrefix: 'o',
    tone: 'danger' as Tone,
    title: 'reports.overdue',
    empty: 'reports.nothingOverdue',
    when: 'reports.late',
    fetch: (page: number): Promise<Page<Unfiled>> => reporting.overdue({ page, pageSize: PAGE_SIZE }),
    days: (item: Unfiled, t: Translate) => t('reports.days', { count: days(item) }),
  },
} as const;

function days(item: Unfiled): number {
  return 'daysLeft' in item ? item.daysLeft : item.daysOverdue;
}

/** The new report's address filled in for the obligation: its period and site. */
function startOf(item: Unfiled): URLSearchParams {
  const start = new URLSearchParams({ period: item.period });
  if (item.facilityId) start.set('facilityId', item.facilityId);
  if (item.depositId) start.set('depositId', item.depositId);
  return start;
}

/** Reports not filed yet, by due day, each with a link that starts the report. */
export function DueCard({ list }: { list: keyof typeof LISTS }) {
  const { t, locale, language } = useI18n();
  const shown = LISTS[list];
  const { page, setPage } = useUrlState(shown.urlPrefix);
  const obligations = useQuery({
    queryKey: ['reporting', list, page],
    queryFn: () => shown.fetch(page),
    placeholderData: keepPreviousData,
  });
  const headingId = `reports-${list}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{t(shown.title)}</h2>
        {obligations.data && obligations.data.total > 0 ? (
          <Badge tone={shown.tone}>{obligations.data.total}</Badge>
        ) : null}
      </div>
      <PagedQueryView
        query={obligations}
        page={page}
        onPage={setPage}
        pageSize={PAGE_SIZE}
        empty={<Empty title={t(shown.empty)} />}
      >
        {(items) => (
          <DataTable<Unfiled>
            rows={items}
            rowKey={(item) => item.obligationId}
            columns={[
              {
                header: t('reports.site'),
                cell: (item) => <SiteName facilityId={item.facilityId} depositId={item.depositId} />,
              },
              { header: t('reports.period'), cell: (item) => periodLabel(item.period, language) },
              { header: t('reports.dueOn'), cell: (item) => formatDate(item.dueOn, locale) },
              { header: t(shown.when), cell: (item) => <Badge tone={shown.tone}>{shown.days(item, t)}</Badge> },
              {
                header: <span className="visually-hidden">{t('reports.fileNow')}</span>,
                className: 'actions',
                cell: (item) => (
                  <Link className="button button-small" to={`/reports/new?${startOf(item).toString()}`}>
                    {t('reports.fileNow')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </PagedQueryView>
    </section>
  );
}
