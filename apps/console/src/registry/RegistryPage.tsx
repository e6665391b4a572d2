import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAGE_SIZE } from '../api/page';
import { registry } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { addDays, today } from '../common/format';
import { EXPIRY_NOTICE_DAYS } from '../common/expiry';
import { Pagination } from '../common/Pagination';
import { Tabs } from '../common/Tabs';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { LicenceTable } from './LicenceTable';
import { CompanyName } from './lookups';

const TABS = ['expiring', 'licences', 'deposits', 'facilities'] as const;
type Tab = (typeof TABS)[number];

/** The registry, read-only, for staff: what is nearing expiry first. */
export function RegistryPage() {
  const { t } = useI18n();
  const { get, set } = useUrlState<'tab'>();
  const tab = (TABS as readonly string[]).includes(get('tab')) ? (get('tab') as Tab) : 'expiring';
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('nav.registry')}</h1>
          <p className="muted">{t('registry.subtitle')}</p>
        </div>
      </div>
      <section className="card">
        <Tabs
          label={t('nav.registry')}
          tabs={TABS.map((id) => ({ id, label: t(`registry.tab.${id}`) }))}
          current={tab}
          onChange={(id) => set({ tab: id === 'expiring' ? null : id })}
        />
        {tab === 'expiring' ? (
          <LicenceTable
            prefix="x"
            showHolder
            emptyTitle={t('licences.noneExpiring')}
            filter={{ status: 'active', expiringBefore: addDays(today(), EXPIRY_NOTICE_DAYS + 1) }}
          />
        ) : null}
        {tab === 'licences' ? <LicenceTable prefix="l" showHolder filter={{}} /> : null}
        {tab === 'deposits' ? <Deposits /> : null}
        {tab === 'facilities' ? <Facilities /> : null}
      </section>
    </div>
  );
}

function Deposits() {
  const { t, label } = useI18n();
  const { page, setPage } = useUrlState('d');
  const deposits = useQuery({
    queryKey: ['registry', 'deposits', page],
    queryFn: () => registry.deposits({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryView query={deposits}>
      {(data) =>
        data.total === 0 ? (
          <Empty title={t('registry.noDeposits')} />
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('common.region')}</th>
                    <th scope="col">{t('registry.metals')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((deposit) => (
                    <tr key={deposit.id}>
                      <td>{deposit.name}</td>
                      <td>{deposit.region}</td>
                      <td>{deposit.metals.join(', ')}</td>
                      <td>
                        <Badge tone={toneOf(deposit.status)}>{label('depositStatus', deposit.status)}</Badge>
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
              busy={deposits.isFetching}
            />
          </>
        )
      }
    </QueryView>
  );
}

function Facilities() {
  const { t, label } = useI18n();
  const { page, setPage } = useUrlState('p');
  const facilities = useQuery({
    queryKey: ['registry', 'facilities', 'all', page],
    queryFn: () => registry.facilities({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
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
                    <th scope="col">{t('registry.operator')}</th>
                    <th scope="col">{t('common.region')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((facility) => (
                    <tr key={facility.id}>
                      <td>{facility.name}</td>
                      <td>
                        <CompanyName id={facility.operatorCompanyId} />
                      </td>
                      <td>{facility.region}</td>
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
  );
}
