import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { monitoring } from '../api/monitoring';
import { useI18n } from '../i18n/i18n';
import { CompanyName, DepositName, FacilityName, LicenceNumber, useProductMap } from '../registry/lookups';
import { periodLabel } from '../reports/periods';
import {
  type Details,
  exportsOf,
  type NamedSite,
  namedByDetails,
  type Obligation,
  obligationOf,
  subjectOf,
} from './alert-details';

/** What the subject of an alert is, by name where the registry or the dictionaries know it. */
export function AlertSubject({ subject, details }: { subject: string; details: Details }) {
  const { t, label, language } = useI18n();
  const products = useProductMap();
  const [kind, id] = subjectOf(subject);
  if (kind === 'deposit') return <DepositName id={id} />;
  if (kind === 'facility') return <FacilityName id={id} />;
  if (kind === 'licence') return <LicenceNumber id={id} />;
  if (kind === 'product') return <>{products.get(id)?.name ?? id}</>;
  if (kind === 'target') return <>{label('target.name', id)}</>;
  if (kind === 'budget') return <>{t('alertSubject.budget', { year: id })}</>;
  const obligation = obligationOf(subject, details);
  if (obligation) return <ObligationName {...obligation} />;
  const exports = exportsOf(subject);
  if (exports) return <>{t('alertSubject.exports', { ...exports, period: periodLabel(exports.period, language) })}</>;
  return <span className="mono">{subject}</span>;
}

/**
 * A subject where no alert is at hand (a silence, the alerts' filter), named
 * by the details of the newest alert about it where its name depends on them.
 */
export function SubjectByLatestAlert({ subject }: { subject: string }) {
  const latest = useQuery({
    queryKey: ['monitoring', 'alerts', { subject, page: 1, pageSize: 1 }],
    queryFn: () => monitoring.alerts({ subject, page: 1, pageSize: 1 }),
    enabled: namedByDetails(subject),
  });
  if (latest.isLoading) return <span className="mono muted">…</span>;
  return <AlertSubject subject={subject} details={latest.data?.items[0]?.details} />;
}

/** A subject leading to every alert about it. */
export function SubjectLink({ subject, children }: { subject: string; children: ReactNode }) {
  return (
    <Link to={`/alerts?${new URLSearchParams({ state: 'all', subject }).toString()}`} title={subject}>
      {children}
    </Link>
  );
}

/** A reporting obligation as its company, its site and its period. */
function ObligationName({ companyId, site, period }: Obligation) {
  const { language } = useI18n();
  return (
    <>
      <CompanyName id={companyId} /> · <ObligationSite site={site} /> · {periodLabel(period, language)}
    </>
  );
}

/** The site by the kind its alert states, never by asking the registries in turn (`obligationOf`). */
function ObligationSite({ site }: { site: NamedSite }) {
  const { t } = useI18n();
  if (!site) return <span className="muted">{t('alertSubject.unknownSite')}</span>;
  if ('name' in site) return <>{site.name}</>;
  return site.kind === 'deposit' ? <DepositName id={site.id} /> : <FacilityName id={site.id} />;
}
