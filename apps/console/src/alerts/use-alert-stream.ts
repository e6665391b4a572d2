import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openEventStream, type StreamStatus } from '../api/event-stream';
import { ALERT_STREAM } from '../api/monitoring';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/i18n';

/**
 * Listens to the alert stream while mounted: every event refreshes the alert
 * lists (so whatever the event carries, the list shows the service's view),
 * and the ids of alerts that arrived are kept to highlight them.
 */
export function useAlertStream(): { status: StreamStatus; arrived: Set<string>; lastTitle: string | null } {
  const client = useQueryClient();
  const { label } = useI18n();
  // A lapsed session closes the stream (its refresh is refused); signing in again opens it anew.
  const { lapsed } = useAuth();
  // The stream stays open when the language changes; announcements use the current one.
  const labelRef = useRef(label);
  useEffect(() => {
    labelRef.current = label;
  }, [label]);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [arrived, setArrived] = useState<Set<string>>(new Set());
  const [lastTitle, setLastTitle] = useState<string | null>(null);

  useEffect(
    () =>
      lapsed
        ? undefined
        : openEventStream(ALERT_STREAM, {
            onStatus: (next) => {
              setStatus(next);
              // What was raised while nothing listened (before the stream first opened, or while it was down
              // with no event id to resume from) is never sent: the lists ask the service again instead.
              if (next === 'live') void client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] });
            },
            onEvent: (event) => {
              void client.invalidateQueries({ queryKey: ['monitoring', 'alerts'] });
              try {
                const body = JSON.parse(event.data) as {
                  alertId?: string;
                  title?: string;
                  ruleId?: string;
                  payload?: { alertId?: string; title?: string; ruleId?: string };
                };
                const alert = body.payload ?? body;
                if (alert.alertId) setArrived((ids) => new Set(ids).add(alert.alertId as string));
                if (alert.title && /raised|escalated/i.test(event.event + (body as { type?: string }).type))
                  // The event has no details to word the title from: the rule's name is said in the user's language.
                  setLastTitle(alert.ruleId ? labelRef.current('rule', alert.ruleId) : alert.title);
              } catch {
                // A heartbeat or an event the console does not know: the refresh above is all it needs.
              }
            },
          }),
    [client, lapsed],
  );
  return { status, arrived, lastTitle };
}
