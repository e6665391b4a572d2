import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PAGE_SIZE } from '../api/page';
import { type Licence, registry } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { expiryOf } from '../common/expiry';
import { formatDate } from '../common/format';
import { PagedQueryView } from '../common/PagedQueryView';
import { Empty } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { LicenceHistory } from './LicenceHistory';
import { AuthorName, CompanyName, DepositName } from './lookups';

interface Filter {
  holderCompanyId?: string;
  expiringBefore?: string;
  status?: string;
}

/**
 * Licences, a page at a time; those ending within the notice period are highlighted. Each says who changed it
 * last and opens its status history under it.
 */
export function LicenceTable({
  emptyTitle,
  filter,
  prefix,
  showHolder = false,
}: {
  filter: Filter;
  prefix: string;
  showHolder?: boolean;
  emptyTitle?: string;
}) {
  const { t, label, locale } = useI18n();
  const { page, setPage } = useUrlState(prefix);
  const [opened, setOpened] = useState<string | null>(null);
  const licences = useQuery({
    queryKey: ['registry', 'licences', filter, page],
    queryFn: () => registry.licences({ ...filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedQueryView
      query={licences}
      page={page}
      onPage={setPage}
      empty={<Empty title={emptyTitle ?? t('licences.none')} />}
    >
      {(items) => (
        <DataTable<Licence>
          rows={items}
          rowKey={(licence) => licence.id}
          rowClass={(licence) => (nearsExpiry(licence) ? 'is-highlight' : undefined)}
          details={(licence) => (licence.id === opened ? <LicenceHistory licence={licence} /> : null)}
          columns={[
            { header: t('licences.number'), cell: (licence) => licence.number, className: 'mono' },
            ...(showHolder
              ? [
                  {
                    header: t('licences.holder'),
                    cell: (licence: Licence) => <CompanyName id={licence.holderCompanyId} />,
                  },
                ]
              : []),
            { header: t('licences.deposit'), cell: (licence) => <DepositName id={licence.depositId} /> },
            { header: t('licences.type'), cell: (licence) => label('licenceType', licence.type) },
            {
              header: t('licences.validity'),
              className: 'nowrap',
              cell: (licence) => (
                <>
                  {formatDate(licence.validFrom, locale)} – {formatDate(licence.validTo, locale)}
                  {nearsExpiry(licence) ? (
                    <div>
                      <Badge tone="warning">
                        {t('licences.expiresIn', { count: expiryOf(licence.validTo).daysLeft })}
                      </Badge>
                    </div>
                  ) : null}
                </>
              ),
            },
            {
              header: t('common.status'),
              cell: (licence) => <Badge tone={toneOf(licence.status)}>{label('licenceStatus', licence.status)}</Badge>,
            },
            { header: t('author.updatedBy'), cell: (licence) => <AuthorName by={licence.updatedBy} /> },
            {
              header: <span className="visually-hidden">{t('licences.history')}</span>,
              className: 'actions',
              cell: (licence) => (
                <button
                  type="button"
                  className="link-button small"
                  aria-expanded={licence.id === opened}
                  aria-label={t('licences.historyOf', { number: licence.number })}
                  onClick={() => setOpened(licence.id === opened ? null : licence.id)}
                >
                  {t('licences.history')}
                </button>
              ),
            },
          ]}
        />
      )}
    </PagedQueryView>
  );
}

function nearsExpiry(licence: Licence): boolean {
  return licence.status === 'active' && expiryOf(licence.validTo).state === 'expiring';
}
