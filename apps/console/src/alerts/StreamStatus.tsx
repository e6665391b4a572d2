import type { StreamStatus as Status } from '../api/event-stream';
import { useI18n } from '../i18n/i18n';

/** Whether the live stream is connected, and a spoken announcement of each new alert. */
export function StreamStatus({ status, lastTitle }: { status: Status; lastTitle: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <span className="small muted" data-stream={status}>
        <span className={`live-dot${status === 'live' ? ' is-live' : ''}`} aria-hidden="true" />
        {t(`alerts.stream.${status}`)}
      </span>
      <span className="visually-hidden" aria-live="assertive">
        {lastTitle ? t('alerts.arrived', { title: lastTitle }) : ''}
      </span>
    </>
  );
}
