import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAGE_SIZE } from '../api/page';
import { type Facility, registry } from '../api/registry';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Facts } from '../common/Facts';
import { formatDecimal } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { LicenceTable } from './LicenceTable';
import { AuthorName, ProductName, useCompany } from './lookups';

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
            <Facts
              facts={[
                [t('company.inn'), <span className="mono">{data.inn}</span>],
                [t('company.ogrn'), <span className="mono">{data.ogrn ?? '—'}</span>],
                [t('common.region'), data.region ?? '—'],
                [t('common.status'), <Badge tone={toneOf(data.status)}>{label('companyStatus', data.status)}</Badge>],
                [t('author.createdBy'), <AuthorName by={data.createdBy} />],
                [t('author.updatedBy'), <AuthorName by={data.updatedBy} />],
              ]}
            />
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
      <PagedQueryView
        query={facilities}
        page={page}
        onPage={setPage}
        empty={<Empty title={t('company.noFacilities')} />}
      >
        {(items) => (
          <DataTable<Facility>
            rows={items}
            rowKey={(facility) => facility.id}
            columns={[
              { header: t('common.name'), cell: (facility) => facility.name },
              { header: t('common.region'), cell: (facility) => facility.region },
              {
                header: t('company.products'),
                cell: (facility) =>
                  facility.productCodes.length === 0
                    ? '—'
                    : facility.productCodes.map((code) => (
                        <div key={code}>
                          <ProductName code={code} />
                        </div>
                      )),
              },
              {
                header: t('company.capacity'),
                cell: (facility) => formatDecimal(facility.capacityTonnesPerYear, locale),
                numeric: true,
              },
              {
                header: t('common.status'),
                cell: (facility) => (
                  <Badge tone={toneOf(facility.status)}>{label('facilityStatus', facility.status)}</Badge>
                ),
              },
            ]}
          />
        )}
      </PagedQueryView>
    </section>
  );
}
