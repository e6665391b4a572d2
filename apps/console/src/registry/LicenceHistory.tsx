import { useQuery } from '@tanstack/react-query';
import { type Licence, type LicenceStatusChange, registry } from '../api/registry';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { StatusHistoryTable } from './StatusHistoryTable';

/** Every status a licence has had, newest first, each with its grounds and who recorded it. */
export function LicenceHistory({ licence }: { licence: Licence }) {
  const { t } = useI18n();
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
          <StatusHistoryTable<LicenceStatusChange>
            label={t('licences.historyOf', { number: licence.number })}
            changes={changes}
            statuses="licenceStatus"
            grounds={{
              header: t('licences.reason'),
              // The first row is the issue, whose grounds the registry writes in English ("Issued").
              cell: (change) => (change.fromStatus ? change.reason : t('licences.issued')),
            }}
          />
        )
      }
    </QueryView>
  );
}
