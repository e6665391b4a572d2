import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAGE_SIZE } from '../api/page';
import { registry } from '../api/registry';
import { Badge, toneOf } from '../common/Badge';
import { expiryOf } from '../common/expiry';
import { formatDate } from '../common/format';
import { Pagination } from '../common/Pagination';
import { Empty, QueryView } from '../common/States';
import { useUrlState } from '../common/url-state';
import { useI18n } from '../i18n/i18n';
import { CompanyName, DepositName } from './lookups';

interface Filter {
  holderCompanyId?: string;
  expiringBefore?: string;
  status?: string;
}

/** Licences, a page at a time; those ending within the notice period are highlighted. */
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
  const licences = useQuery({
    queryKey: ['registry', 'licences', filter, page],
    queryFn: () => registry.licences({ ...filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryView query={licences}>
      {(data) =>
        data.total === 0 ? (
          <Empty title={emptyTitle ?? t('licences.none')} />
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('licences.number')}</th>
                    {showHolder ? <th scope="col">{t('licences.holder')}</th> : null}
                    <th scope="col">{t('licences.deposit')}</th>
                    <th scope="col">{t('licences.type')}</th>
                    <th scope="col">{t('licences.validity')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((licence) => {
                    const expiry = expiryOf(licence.validTo);
                    const nearing = licence.status === 'active' && expiry.state === 'expiring';
                    return (
                      <tr key={licence.id} className={nearing ? 'is-highlight' : undefined}>
                        <td className="mono">{licence.number}</td>
                        {showHolder ? (
                          <td>
                            <CompanyName id={licence.holderCompanyId} />
                          </td>
                        ) : null}
                        <td>
                          <DepositName id={licence.depositId} />
                        </td>
                        <td>{label('licenceType', licence.type)}</td>
                        <td className="nowrap">
                          {formatDate(licence.validFrom, locale)} – {formatDate(licence.validTo, locale)}
                          {nearing ? (
                            <div>
                              <Badge tone="warning">{t('licences.expiresIn', { count: expiry.daysLeft })}</Badge>
                            </div>
                          ) : null}
                        </td>
                        <td>
                          <Badge tone={toneOf(licence.status)}>{label('licenceStatus', licence.status)}</Badge>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              onPage={setPage}
              busy={licences.isFetching}
            />
          </>
        )
      }
    </QueryView>
  );
}
