import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { type AlertDetail, monitoring } from '../api/monitoring';
import { Badge, toneOf } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { formatDateTime } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';
import { AlertItem } from './AlertItem';
import { AlertTitle } from './AlertTitle';
import { exportsOf } from './alert-details';
import { monthRangeOf } from '../reports/periods';

/** Where an export discrepancy's figures stand beside the others of its months. */
function ExportCheckLink({ subject }: { subject: string }) {
  const { t } = useI18n();
  const range = monthRangeOf(exportsOf(subject)?.period ?? '');
  if (!range) return null;
  return (
    <p className="small">
      <Link to={`/export-check?${new URLSearchParams(range).toString()}`}>{t('alerts.exportCheck')}</Link>
    </p>
  );
}

/**
 * One alert, where its e-mails and webhooks link to: the alert itself (acknowledge
 * here too), what happened to it and who did it, and every attempt to deliver it.
 */
export function AlertPage() {
  const { alertId } = useParams() as { alertId: string };
  const { t, locale } = useI18n();
  const alert = useQuery({ queryKey: ['monitoring', 'alerts', alertId], queryFn: () => monitoring.alert(alertId) });
  return (
    <div>
      <div className="page-head">
        <div>
          <p className="small">
            <Link to="/alerts">{t('alerts.back')}</Link>
          </p>
          <h1>{alert.data ? <AlertTitle alert={alert.data} /> : t('nav.alerts')}</h1>
        </div>
      </div>
      <QueryView query={alert}>
        {(data) => (
          <>
            <section className="card">
              <ul className="plain-list">
                <AlertItem alert={data} isNew={false} />
              </ul>
              <ExportCheckLink subject={data.subject} />
            </section>
            <section className="card" aria-labelledby="alert-history">
              <h2 id="alert-history">{t('alerts.history')}</h2>
              <DataTable<AlertDetail['history'][number]>
                rows={data.history}
                rowKey={(event) => event.eventId}
                columns={[
                  { header: t('alerts.when'), cell: (event) => formatDateTime(event.occurredAt, locale) },
                  { header: t('alerts.what'), cell: (event) => t(`alertEvent.${event.type}`) },
                  {
                    header: t('alerts.who'),
                    cell: (event) => (event.actor ? (event.actor.name ?? event.actor.userId) : t('alerts.byRules')),
                  },
                  { header: t('alerts.comment'), cell: (event) => event.comment ?? '' },
                ]}
              />
            </section>
            <section className="card" aria-labelledby="alert-deliveries">
              <h2 id="alert-deliveries">{t('alerts.deliveries')}</h2>
              {data.deliveries.length === 0 ? (
                <Empty title={t('alerts.noDeliveries')} />
              ) : (
                <DataTable<AlertDetail['deliveries'][number]>
                  rows={data.deliveries}
                  rowKey={(delivery) => delivery.id}
                  columns={[
                    { header: t('alerts.channel'), cell: (delivery) => t(`alerts.channel.${delivery.channel}`) },
                    { header: t('alerts.recipient'), cell: (delivery) => delivery.recipient, className: 'mono' },
                    {
                      header: t('common.status'),
                      cell: (delivery) => (
                        <>
                          <Badge tone={toneOf(delivery.state)}>{t(`deliveryState.${delivery.state}`)}</Badge>
                          {delivery.lastError ? (
                            <span className="small muted"> {localizeFieldMessage(delivery.lastError, t, locale)}</span>
                          ) : null}
                        </>
                      ),
                    },
                    { header: t('alerts.attempts'), cell: (delivery) => delivery.attempts },
                    {
                      header: t('alerts.when'),
                      cell: (delivery) => formatDateTime(delivery.deliveredAt ?? delivery.queuedAt, locale),
                    },
                  ]}
                />
              )}
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
