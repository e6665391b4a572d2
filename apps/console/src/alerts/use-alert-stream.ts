import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openEventStream, type StreamStatus } from '../api/event-stream';
import { ALERT_STREAM } from '../api/monitoring';

/**
 * Listens to the alert stream while mounted: every event refreshes the alert
 * lists (so whatever the event carries, the list shows the service's view),
 * and the ids of alerts that arrived are kept to highlight them.
 */
export function useAlertStream(): { status: StreamStatus; arrived: Set<string>; lastTitle: string | null } {
  const client = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  const [lastTitle, setLastTitle] = useState<string | null>(null);

  useEffect(
    () =>
      openEventStream(ALERT_STREAM, {
        onStatus: setStatus,
        onEvent: (event) => {
          void client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] });
          try {
            const body = JSON.parse(event.data) as {
              alertId?: string;
              title?: string;
              payload?: { alertId?: string; title?: string };
            };
            const alert = body.payload ?? body;
            if (alert.alertId) setArrived((ids) => new Set(ids).add(alert.alertId as string));
            if (alert.title && /raised|escalated/i.test(event.event + (body as { type?: string }).type))
              setLastTitle(alert.title);
          } catch {
            // A heartbeat or an event the console does not know: the refresh above is all it needs.
          }
        },
      }),
    [client],
  );
  return { status, arrived, lastTitle };
}
