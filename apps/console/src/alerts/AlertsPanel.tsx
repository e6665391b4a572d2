import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { monitoring } from '../api/monitoring';
import { Empty, QueryView } from '../common/States';
import { useI18n } from '../i18n/i18n';
import { AlertItem } from './AlertItem';
import { StreamStatus } from './StreamStatus';
import { useAlertStream } from './use-alert-stream';

const SHOWN = 5;

/** The latest unresolved alerts, live, on the dashboard; the whole list is on the alerts page. */
export function AlertsPanel() {
  const { t } = useI18n();
  const { status, arrived, lastTitle } = useAlertStream();
  const alerts = useQuery({
    queryKey: ['monitoring', 'alerts', { state: 'unresolved', page: 1, pageSize: SHOWN }],
    queryFn: () => monitoring.alerts({ state: 'unresolved', page: 1, pageSize: SHOWN }),
  });
  return (
    <section className="card alerts-panel" aria-labelledby="alerts-panel-title">
      <div className="card-head">
        <h2 id="alerts-panel-title">{t('alerts.live')}</h2>
        <StreamStatus status={status} lastTitle={lastTitle} />
      </div>
      <QueryView query={alerts}>
        {(data) =>
          data.total === 0 ? (
            <Empty title={t('alerts.noneOpen')} />
          ) : (
            <>
              <ul className="plain-list">
                {data.items.map((alert) => (
                  <AlertItem key={alert.alertId} alert={alert} isNew={arrived.has(alert.alertId)} />
                ))}
              </ul>
              {data.total > SHOWN ? (
                <p className="small">
                  <Link to="/alerts">{t('alerts.all', { count: data.total })}</Link>
                </p>
              ) : null}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
