import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { CLAIM_STATES } from '@redmet/contracts/vocabulary';
import { type Claim, subsidy } from '../api/subsidy';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDateTime, formatKopecks } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { periodLabel } from '../reports/periods';
import { FilterSelect } from '../common/FilterSelect';
import { oneOf } from '../common/one-of';

/** A producer's subsidy claims, last changed first (a new draft on top), with their state and amounts. */
export function ClaimsPage() {
  const { t, label, locale, language } = useI18n();
  const { get, set, page, setPage } = useUrlState<'state'>();
  const state = oneOf(CLAIM_STATES, get('state'));
  const claims = useQuery({
    queryKey: ['subsidy', 'claims', { state, page }],
    queryFn: () => subsidy.list({ state, page, pageSize: PAGE_SIZE, sort: 'recent' }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.claims')}</h1>
          <p className="muted">{t('claims.subtitle')}</p>
        </div>
        <div className="page-actions">
          <Link className="button button-primary" to="/claims/new">
            {t('claims.new')}
          </Link>
        </div>
      </div>
      <section className="card">
        <div className="filters">
          <FilterSelect
            label={t('common.status')}
            value={state}
            values={CLAIM_STATES}
            optionLabel={(value) => label('claimState', value)}
            onChange={(value) => set({ state: value })}
          />
        </div>
        <PagedQueryView
          query={claims}
          page={page}
          onPage={setPage}
          empty={
            <Empty title={state ? t('claims.noneMatching') : t('claims.none')}>
              <Link to="/claims/new">{t('claims.new')}</Link>
            </Empty>
          }
        >
          {(items) => (
            <DataTable<Claim>
              rows={items}
              rowKey={(claim) => claim.id}
              columns={[
                {
                  header: t('claims.period'),
                  cell: (claim) => <Link to={`/claims/${claim.id}`}>{periodLabel(claim.period, language)}</Link>,
                },
                {
                  header: t('common.status'),
                  cell: (claim) => <Badge tone={toneOf(claim.state)}>{label('claimState', claim.state)}</Badge>,
                },
                {
                  header: t('claims.requested'),
                  cell: (claim) => formatKopecks(claim.requestedKopecks, locale),
                  numeric: true,
                },
                {
                  header: t('claims.approved'),
                  cell: (claim) => formatKopecks(claim.approvedKopecks, locale),
                  numeric: true,
                },
                { header: t('reports.updated'), cell: (claim) => formatDateTime(claim.updatedAt, locale) },
              ]}
            />
          )}
        </PagedQueryView>
      </section>
    </div>
  );
}
