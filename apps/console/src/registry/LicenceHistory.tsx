import { useQuery } from '@tanstack/react-query';
import { type Licence, type LicenceStatusChange, registry } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDate, formatDateTime } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { AuthorName } from './lookups';

/** Every status a licence has had, newest first, each with its grounds and who recorded it. */
export function LicenceHistory({ licence }: { licence: Licence }) {
  const { t, label, locale } = useI18n();
  const history = useQuery({
    // Keyed by version: a change made since the list was read shows when it is read again.
    queryKey: ['registry', 'licence', licence.id, 'history', licence.version],
    queryFn: () => registry.licenceHistory(licence.id),
  });
  return (
    <QueryView query={history}>
      {(changes) =>
        changes.length === 0 ? (
          <Empty title={t('licences.noHistory')} />
        ) : (
          <DataTable<LicenceStatusChange>
            label={t('licences.historyOf', { number: licence.number })}
            rows={[...changes].reverse()}
            rowKey={(change) => change.id}
            columns={[
              {
                header: t('licences.effectiveOn'),
                className: 'nowrap',
                cell: (change) => formatDate(change.effectiveOn, locale),
              },
              {
                header: t('common.status'),
                cell: (change) => (
                  <>
                    {change.fromStatus ? `${label('licenceStatus', change.fromStatus)} → ` : ''}
                    <Badge tone={toneOf(change.toStatus)}>{label('licenceStatus', change.toStatus)}</Badge>
                  </>
                ),
              },
              {
                header: t('licences.reason'),
                // The first row is the issue, whose grounds the registry writes in English ("Issued").
                cell: (change) => (change.fromStatus ? change.reason : t('licences.issued')),
              },
              {
                header: t('licences.recordedAt'),
                className: 'nowrap',
                cell: (change) => formatDateTime(change.recordedAt, locale),
              },
              { header: t('licences.changedBy'), cell: (change) => <AuthorName by={change.changedBy} /> },
            ]}
          />
        )
      }
    </QueryView>
  );
}
