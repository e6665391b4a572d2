import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { CLAIM_STATES } from '@redmet/contracts/vocabulary';
import { type Claim, CLAIM_SORTS, type ClaimQuery, subsidy } from '../api/subsidy';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { daysBetween, formatKopecks } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { Tabs } from '../common/Tabs';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { CompanyName } from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import { FilterSelect } from '../common/FilterSelect';
import { oneOf } from '../common/one-of';

const REVIEW_VIEWS = ['waiting', 'mine', 'second', 'handOn'] as const;
const FINANCE_VIEWS = ['toPay', 'scheduled', 'clawback'] as const;
type View = (typeof REVIEW_VIEWS)[number] | (typeof FINANCE_VIEWS)[number] | 'all';

const VIEW_QUERY: Record<View, Partial<ClaimQuery>> = {
  waiting: { state: 'submitted' },
  mine: { state: 'under_review', assignedTo: 'me' },
  second: { state: 'under_review', awaitingSecondApproval: true },
  handOn: { state: 'under_review', needsAnotherOfficer: true },
  toPay: { state: 'approved' },
  scheduled: { state: 'payment_scheduled' },
  clawback: { state: 'under_clawback' },
  all: {},
};

/**
 * The claims queue. Subsidy officers see claims waiting to be taken, their
 * own, those awaiting a second approval, those whose officer may not decide
 * them (four eyes) and must hand them on; finance officers, who decide none of
 * these, see what is theirs to pay and to recover; everyone sees all.
 */
export function QueuePage() {
  const { t, label, locale, language } = useI18n();
  const { hasRole } = useAuth();
  const { get, set, page, setPage } = useUrlState<'view' | 'state' | 'sort'>();
  const views: View[] = [
    ...(hasRole('subsidy_officer', 'admin') ? REVIEW_VIEWS : []),
    ...(hasRole('finance_officer', 'admin') ? FINANCE_VIEWS : []),
    'all',
  ];
  const view = views.find((each) => each === get('view')) ?? views[0];
  const sort = oneOf(CLAIM_SORTS, get('sort')) ?? 'oldest';
  const state = view === 'all' ? oneOf(CLAIM_STATES, get('state')) : undefined;
  const query: ClaimQuery = { ...VIEW_QUERY[view], ...(state ? { state } : {}), sort, page, pageSize: PAGE_SIZE };
  const claims = useQuery({
    queryKey: ['subsidy', 'queue', query],
    queryFn: () => subsidy.list(query),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.review')}</h1>
          <p className="muted">
            {t(hasRole('subsidy_officer', 'admin') ? 'review.subtitle' : 'review.subtitleFinance')}
          </p>
        </div>
      </div>
      <section className="card">
        <Tabs
          label={t('nav.review')}
          tabs={views.map((id) => ({ id, label: t(`review.view.${id}`) }))}
          current={view}
          onChange={(id) => set({ view: id === views[0] ? null : id, state: null })}
        />
        <div className="filters">
          {view === 'all' ? (
            <FilterSelect
              label={t('common.status')}
              value={state}
              values={CLAIM_STATES}
              optionLabel={(value) => label('claimState', value)}
              onChange={(value) => set({ state: value })}
            />
          ) : null}
          <Field label={t('review.sort')}>
            <select
              value={sort}
              onChange={(event) => set({ sort: event.target.value === 'oldest' ? null : event.target.value })}
            >
              {CLAIM_SORTS.map((value) => (
                <option key={value} value={value}>
                  {t(`review.sort.${value}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <PagedQueryView query={claims} page={page} onPage={setPage} empty={<Empty title={t(`review.empty.${view}`)} />}>
          {(items) => (
            <DataTable<Claim>
              rows={items}
              rowKey={(claim) => claim.id}
              columns={[
                {
                  header: t('review.company'),
                  cell: (claim) => (
                    <Link to={`/review/${claim.id}`}>
                      <CompanyName id={claim.companyId} />
                    </Link>
                  ),
                },
                { header: t('claims.period'), cell: (claim) => periodLabel(claim.period, language) },
                {
                  header: t('common.status'),
                  cell: (claim) => (
                    <>
                      <Badge tone={toneOf(claim.state)}>{label('claimState', claim.state)}</Badge>
                      {claim.firstApproval ? (
                        <div>
                          <Badge tone="warning">{t('review.awaitingSecond')}</Badge>
                        </div>
                      ) : null}
                      {claim.needsAnotherOfficer ? (
                        <div>
                          <Badge tone="warning">{t('review.needsAnotherOfficer')}</Badge>
                        </div>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: t('claims.requested'),
                  cell: (claim) => formatKopecks(claim.requestedKopecks, locale),
                  numeric: true,
                },
                {
                  header: t('review.age'),
                  cell: (claim) =>
                    claim.submittedAt ? t('review.days', { count: daysBetween(claim.submittedAt) }) : '—',
                  numeric: true,
                },
                {
                  header: t('claims.assignedTo'),
                  cell: (claim) => claim.assignedTo?.name ?? claim.assignedTo?.userId ?? '—',
                },
              ]}
            />
          )}
        </PagedQueryView>
      </section>
    </div>
  );
}
