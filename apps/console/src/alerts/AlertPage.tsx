import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { monitoring } from '../api/monitoring';
import { Badge, toneOf } from '../common/Badge';
import { formatDateTime } from '../common/format';
import { Empty, QueryView } from '../common/States';
import { localizeFieldMessage } from '../i18n/field-messages';
import { useI18n } from '../i18n/i18n';
import { AlertItem } from './AlertItem';
import { AlertTitle } from './AlertTitle';

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
            </section>
            <section className="card" aria-labelledby="alert-history">
              <h2 id="alert-history">{t('alerts.history')}</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('alerts.when')}</th>
                      <th scope="col">{t('alerts.what')}</th>
                      <th scope="col">{t('alerts.who')}</th>
                      <th scope="col">{t('alerts.comment')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.history.map((event) => (
                      <tr key={event.eventId}>
                        <td>{formatDateTime(event.occurredAt, locale)}</td>
                        <td>{t(`alertEvent.${event.type}`)}</td>
                        <td>{event.actor ? (event.actor.name ?? event.actor.userId) : t('alerts.byRules')}</td>
                        <td>{event.comment ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="card" aria-labelledby="alert-deliveries">
              <h2 id="alert-deliveries">{t('alerts.deliveries')}</h2>
              {data.deliveries.length === 0 ? (
                <Empty title={t('alerts.noDeliveries')} />
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('alerts.channel')}</th>
                        <th scope="col">{t('alerts.recipient')}</th>
                        <th scope="col">{t('common.status')}</th>
                        <th scope="col">{t('alerts.attempts')}</th>
                        <th scope="col">{t('alerts.when')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.deliveries.map((delivery) => (
                        <tr key={delivery.id}>
                          <td>{t(`alerts.channel.${delivery.channel}`)}</td>
                          <td className="mono">{delivery.recipient}</td>
                          <td>
                            <Badge tone={toneOf(delivery.state)}>{t(`deliveryState.${delivery.state}`)}</Badge>
                            {delivery.lastError ? (
                              <span className="small muted">
                                {' '}
                                {localizeFieldMessage(delivery.lastError, t, locale)}
                              </span>
                            ) : null}
                          </td>
                          <td>{delivery.attempts}</td>
                          <td>{formatDateTime(delivery.deliveredAt ?? delivery.queuedAt, locale)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
