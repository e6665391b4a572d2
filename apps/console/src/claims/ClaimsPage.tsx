import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { CLAIM_STATES, type ClaimState } from '@redmet/contracts/vocabulary';
import { subsidy } from '../api/subsidy';
import { Badge, toneOf } from '../common/Badge';
import { Field } from '../common/Field';
import { formatDateTime, formatKopecks } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
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
        <QueryView query={claims}>
          {(data) =>
            data.total === 0 ? (
              <Empty title={state ? t('claims.noneMatching') : t('claims.none')}>
                <Link to="/claims/new">{t('claims.new')}</Link>
              </Empty>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('claims.period')}</th>
                        <th scope="col">{t('common.status')}</th>
                        <th scope="col" className="num">
                          {t('claims.requested')}
                        </th>
                        <th scope="col" className="num">
                          {t('claims.approved')}
                        </th>
                        <th scope="col">{t('reports.updated')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((claim) => (
                        <tr key={claim.id}>
                          <td>
                            <Link to={`/claims/${claim.id}`}>{periodLabel(claim.period, language)}</Link>
                          </td>
                          <td>
                            <Badge tone={toneOf(claim.state)}>{label('claimState', claim.state)}</Badge>
                          </td>
                          <td className="num">{formatKopecks(claim.requestedKopecks, locale)}</td>
                          <td className="num">{formatKopecks(claim.approvedKopecks, locale)}</td>
                          <td>{formatDateTime(claim.updatedAt, locale)}</td>
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
                  busy={claims.isFetching}
                />
              </>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
