import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAGE_SIZE } from '../api/page';
import { registry } from '../api/registry';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { formatDecimal } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { LicenceTable } from './LicenceTable';
import { ProductName, useCompany } from './lookups';

/** A producer's company as the registry has it: details, plants and licences. */
export function CompanyPage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const companyId = user?.companyId ?? null;
  const company = useCompany(companyId);
  if (!companyId) return <Empty title={t('company.noCompany')} />;
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{company.data?.legalName ?? t('nav.company')}</h1>
          <p className="muted">{t('company.subtitle')}</p>
        </div>
      </div>
      <section className="card" aria-labelledby="company-details">
        <h2 id="company-details">{t('company.details')}</h2>
        <QueryView query={company}>
          {(data) => (
            <dl className="facts">
              <div>
                <dt>{t('company.inn')}</dt>
                <dd className="mono">{data.inn}</dd>
              </div>
              <div>
                <dt>{t('company.ogrn')}</dt>
                <dd className="mono">{data.ogrn ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('common.region')}</dt>
                <dd>{data.region ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('common.status')}</dt>
                <dd>
                  <Badge tone={toneOf(data.status)}>{label('companyStatus', data.status)}</Badge>
                </dd>
              </div>
            </dl>
          )}
        </QueryView>
      </section>
      <Facilities companyId={companyId} />
      <section className="card" aria-labelledby="company-licences">
        <h2 id="company-licences">{t('company.licences')}</h2>
        <LicenceTable filter={{ holderCompanyId: companyId }} prefix="l" />
      </section>
    </div>
  );
}

function Facilities({ companyId }: { companyId: string }) {
  const { t, label, locale } = useI18n();
  const { page, setPage } = useUrlState('f');
  const facilities = useQuery({
    queryKey: ['registry', 'facilities', companyId, page],
    queryFn: () => registry.facilities({ operatorCompanyId: companyId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="company-facilities">
      <h2 id="company-facilities">{t('company.facilities')}</h2>
      <QueryView query={facilities}>
        {(data) =>
          data.total === 0 ? (
            <Empty title={t('company.noFacilities')} />
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.name')}</th>
                      <th scope="col">{t('common.region')}</th>
                      <th scope="col">{t('company.products')}</th>
                      <th scope="col" className="num">
                        {t('company.capacity')}
                      </th>
                      <th scope="col">{t('common.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((facility) => (
                      <tr key={facility.id}>
                        <td>{facility.name}</td>
                        <td>{facility.region}</td>
                        <td>
                          {facility.productCodes.length === 0
                            ? '—'
                            : facility.productCodes.map((code) => (
                                <div key={code}>
                                  <ProductName code={code} />
                                </div>
                              ))}
                        </td>
                        <td className="num">{formatDecimal(facility.capacityTonnesPerYear, locale)}</td>
                        <td>
                          <Badge tone={toneOf(facility.status)}>{label('facilityStatus', facility.status)}</Badge>
                        </td>
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
                busy={facilities.isFetching}
              />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
