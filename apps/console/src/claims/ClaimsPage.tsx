import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { CLAIM_STATES, type ClaimState } from '@redmet/contracts/vocabulary';
import { type Claim, subsidy } from '../api/subsidy';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { formatDateTime, formatKopecks } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { periodLabel } from '../reports/periods';

/** A producer's subsidy claims, last changed first (a new draft on top), with their state and amounts. */
export function ClaimsPage() {
  const { t, label, locale, language } = useI18n();
  const { get, set, page, setPage } = useUrlState<'state'>();
  const state = (CLAIM_STATES as readonly string[]).includes(get('state')) ? (get('state') as ClaimState) : undefined;
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
          <Field label={t('common.status')}>
            <select value={state ?? ''} onChange={(event) => set({ state: event.target.value })}>
              <option value="">{t('common.all')}</option>
              {CLAIM_STATES.map((value) => (
                <option key={value} value={value}>
                  {label('claimState', value)}
                </option>
              ))}
            </select>
          </Field>
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
