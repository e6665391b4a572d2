import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type Facility, registry } from '../api/registry';
import { useAuth } from '../auth/AuthProvider';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { Facts } from '../common/Facts';
import { formatDate, formatDecimal } from '../common/format';
import { Empty, ErrorState, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { HandOverForm, StatusForm } from './FacilityForms';
import { AuthorName, CompanyName, DepositName, FacilityName, ProductName } from './lookups';
import { StatusHistoryTable } from './StatusHistoryTable';

/**
 * A plant as the registry has it, with every status it has had and every operator. Registry admins (and admins)
 * change its status, close it for good, or hand it to another company here; other staff read it.
 */
export function FacilityPage() {
  const { facilityId } = useParams();
  const { t } = useI18n();
  const facility = useQuery({
    queryKey: ['registry', 'facility', facilityId, 'full'],
    queryFn: () => registry.facility(facilityId as string),
    enabled: !!facilityId,
  });
  return (
    <div>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/registry?tab=facilities">{t('nav.registry')}</Link>
          </p>
          <h1>{facility.data?.name ?? t('facility.title')}</h1>
          <p className="muted">{t('facility.subtitle')}</p>
        </div>
      </div>
      <QueryView query={facility}>{(data) => <FacilityView facility={data} />}</QueryView>
    </div>
  );
}

function FacilityView({ facility }: { facility: Facility }) {
  const { t, label, locale } = useI18n();
  const { hasRole } = useAuth();
  const editor = hasRole('registry_admin', 'admin');
  const successor = useQuery({
    queryKey: ['registry', 'facilities', { restartOf: facility.id }],
    queryFn: () => registry.facilities({ restartOf: facility.id, pageSize: 1 }),
    // Only a closed plant is brought back, and at most once.
    enabled: facility.status === 'closed',
  });
  const restartedBy = successor.data?.items[0];
  // The same site before it closed and after it was brought back: a plant brought back is registered again.
  const lineage: [string, ReactNode][] = [];
  if (facility.restartOf) lineage.push([t('facility.restartOf'), <FacilityLink id={facility.restartOf} />]);
  if (restartedBy) lineage.push([t('facility.restartedBy'), <FacilityLink id={restartedBy.id} />]);
  // As the history does: a successor that could not be looked up is not one that does not exist.
  else if (successor.isError)
    lineage.push([
      t('facility.restartedBy'),
      <ErrorState error={successor.error} onRetry={() => void successor.refetch()} />,
    ]);
  return (
    <>
      <section className="card" aria-labelledby="facility-details">
        <h2 id="facility-details">{t('facility.details')}</h2>
        <Facts
          facts={[
            [
              t('common.status'),
              <span>
                <Badge tone={toneOf(facility.status)}>{label('facilityStatus', facility.status)}</Badge>{' '}
                {t('facility.since', { date: formatDate(facility.statusSince, locale) })}
              </span>,
            ],
            [t('facility.commissionedOn'), formatDate(facility.commissionedOn, locale)],
            ...lineage,
            [t('registry.operator'), <CompanyName id={facility.operatorCompanyId} />],
            [t('common.region'), facility.region],
            [t('licences.deposit'), facility.depositId ? <DepositName id={facility.depositId} /> : '—'],
            [t('company.capacity'), formatDecimal(facility.capacityTonnesPerYear, locale)],
            [
              t('company.products'),
              facility.productCodes.length
                ? facility.productCodes.map((code) => (
                    <div key={code}>
                      <ProductName code={code} />
                    </div>
                  ))
                : '—',
            ],
          ]}
        />
      </section>
      <StatusHistory facility={facility} />
      <section className="card" aria-labelledby="facility-operators">
        <h2 id="facility-operators">{t('facility.operators')}</h2>
        <DataTable<Facility['operators'][number]>
          rows={[...facility.operators].reverse()}
          rowKey={(operator) => `${operator.operatorCompanyId} ${operator.since ?? ''}`}
          columns={[
            { header: t('registry.operator'), cell: (operator) => <CompanyName id={operator.operatorCompanyId} /> },
            {
              header: t('facility.operatorSince'),
              className: 'nowrap',
              cell: (operator) =>
                operator.since ? formatDate(operator.since, locale) : t('facility.fromRegistration'),
            },
            {
              header: t('facility.handedOverBy'),
              // Nobody handed the plant to the operator it was registered with; a hand-over without its author was
              // recorded before the registry kept them ("not recorded").
              cell: (operator) => (operator.since ? <AuthorName by={operator.handedOverBy ?? null} /> : '—'),
            },
          ]}
        />
      </section>
      {editor && facility.status === 'closed' ? (
        <section className="card" aria-labelledby="facility-closed">
          <h2 id="facility-closed">{t('facility.changeStatus')}</h2>
          <p>{t('facility.closedForGood', { date: formatDate(facility.statusSince, locale) })}</p>
        </section>
      ) : null}
      {editor && facility.status !== 'closed' ? (
        <>
          <section className="card" aria-labelledby="facility-status-form">
            <h2 id="facility-status-form">{t('facility.changeStatus')}</h2>
            <StatusForm facility={facility} labelledBy="facility-status-form" />
          </section>
          <section className="card" aria-labelledby="facility-hand-over">
            <h2 id="facility-hand-over">{t('facility.handOver')}</h2>
            <HandOverForm facility={facility} labelledBy="facility-hand-over" />
          </section>
        </>
      ) : null}
    </>
  );
}

function FacilityLink({ id }: { id: string }) {
  return (
    <Link to={`/registry/facilities/${id}`}>
      <FacilityName id={id} />
    </Link>
  );
}

function StatusHistory({ facility }: { facility: Facility }) {
  const { t } = useI18n();
  const history = useQuery({
    // Keyed by version: a change made here shows in the history at once.
    queryKey: ['registry', 'facility', facility.id, 'history', facility.version],
    queryFn: () => registry.facilityHistory(facility.id),
  });
  return (
    <section className="card" aria-labelledby="facility-history">
      <h2 id="facility-history">{t('facility.history')}</h2>
      <QueryView query={history}>
        {(changes) =>
          changes.length === 0 ? (
            <Empty title={t('facility.noHistory')} />
          ) : (
            <StatusHistoryTable changes={changes} statuses="facilityStatus" />
          )
        }
      </QueryView>
    </section>
  );
}
