import type { ChangedBy } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { type Column, DataTable } from '../common/DataTable';
import { formatDate, formatDateTime } from '../common/format';
import { useI18n } from '../i18n/i18n';
import { AuthorName } from './lookups';

interface StatusChange {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  effectiveOn: string;
  recordedAt: string;
  changedBy: ChangedBy;
}

/**
 * A registry record's statuses, newest first: the day each took effect, the change, and when and by whom
 * it was recorded; `grounds` adds the column of a record whose changes state them (licences).
 */
export function StatusHistoryTable<C extends StatusChange>({
  changes,
  statuses,
  label,
  grounds,
}: {
  changes: C[];
  statuses: 'licenceStatus' | 'facilityStatus';
  label?: string;
  grounds?: Column<C>;
}) {
  const { t, label: labelOf, locale } = useI18n();
  const columns: Column<C>[] = [
    {
      header: t('history.effectiveOn'),
      className: 'nowrap',
      cell: (change) => formatDate(change.effectiveOn, locale),
    },
    {
      header: t('common.status'),
      cell: (change) => (
        <>
          {change.fromStatus ? `${labelOf(statuses, change.fromStatus)} → ` : ''}
          <Badge tone={toneOf(change.toStatus)}>{labelOf(statuses, change.toStatus)}</Badge>
        </>
      ),
    },
    ...(grounds ? [grounds] : []),
    {
      header: t('history.recordedAt'),
      className: 'nowrap',
      cell: (change) => formatDateTime(change.recordedAt, locale),
    },
    { header: t('history.changedBy'), cell: (change) => <AuthorName by={change.changedBy} /> },
  ];
  return <DataTable<C> label={label} rows={[...changes].reverse()} rowKey={(change) => change.id} columns={columns} />;
}
