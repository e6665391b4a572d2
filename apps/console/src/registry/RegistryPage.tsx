import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PAGE_SIZE } from '../api/page';
import { type Deposit, type Facility, registry } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { addDays, today } from '../common/format';
import { EXPIRY_NOTICE_DAYS } from '../common/expiry';
import { PagedQueryView } from '../common/PagedQueryView';
import { Tabs } from '../common/Tabs';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { LicenceTable } from './LicenceTable';
import { CompanyName } from './lookups';
import { oneOf } from '../common/one-of';

const TABS = ['expiring', 'licences', 'deposits', 'facilities'] as const;

/** The registry for staff, what is nearing expiry first; a plant's page is where registry admins change it. */
export function RegistryPage() {
  const { t } = useI18n();
  const { get, set } = useUrlState<'tab'>();
  const tab = oneOf(TABS, get('tab')) ?? 'expiring';
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
    <PagedQueryView query={deposits} page={page} onPage={setPage} empty={<Empty title={t('registry.noDeposits')} />}>
      {(items) => (
        <DataTable<Deposit>
          rows={items}
          rowKey={(deposit) => deposit.id}
          columns={[
            { header: t('common.name'), cell: (deposit) => deposit.name },
            { header: t('common.region'), cell: (deposit) => deposit.region },
            { header: t('registry.metals'), cell: (deposit) => deposit.metals.join(', ') },
            {
              header: t('common.status'),
              cell: (deposit) => <Badge tone={toneOf(deposit.status)}>{label('depositStatus', deposit.status)}</Badge>,
            },
          ]}
        />
      )}
    </PagedQueryView>
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
    <PagedQueryView query={facilities} page={page} onPage={setPage} empty={<Empty title={t('company.noFacilities')} />}>
      {(items) => (
        <DataTable<Facility>
          rows={items}
          rowKey={(facility) => facility.id}
          columns={[
            {
              header: t('common.name'),
              cell: (facility) => <Link to={`/registry/facilities/${facility.id}`}>{facility.name}</Link>,
            },
            { header: t('registry.operator'), cell: (facility) => <CompanyName id={facility.operatorCompanyId} /> },
            { header: t('common.region'), cell: (facility) => facility.region },
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
  );
}
