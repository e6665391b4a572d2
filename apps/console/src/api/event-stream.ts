import { tokensAfter401 } from './http';
import { session } from './session';

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
}

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

const MAX_BACKOFF_MS = 15_000;

/** Splits a Server-Sent Events byte stream into events (the WHATWG format: fields, blank line ends an event). */
export function sseParser(onEvent: (event: StreamEvent) => void) {
  let buffer = '';
  let id: string | null = null;
  let event = '';
  let data: string[] = [];
  return (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length) onEvent({ id, event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id') id = value;
    }
  };
}

/**
 * A live stream read with fetch, so the bearer token goes in a header as on
 * every other call (EventSource cannot send headers, and a token in the URL
 * ends up in access logs). Reconnects with back-off and Last-Event-ID; a 401
 * refreshes the token first, but a 401 for the token just refreshed to waits
 * the back-off. Returns a function that closes it.
 */
export function openEventStream(
  path: string,
  handlers: { onEvent: (event: StreamEvent) => void; onStatus?: (status: StreamStatus) => void },
): () => void {
  const controller = new AbortController();
  let lastEventId: string | null = null;
  let backoff = 1000;
  // The service may refuse even a fresh token (monitoring not yet knowing a new signing key):
  // refreshing again at once would loop until the gateway throttles refreshes.
  let refreshedTo: string | null = null;

  const run = async () => {
    while (!controller.signal.aborted) {
      handlers.onStatus?.(lastEventId === null ? 'connecting' : 'reconnecting');
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        const token = session.tokens?.accessToken;
        if (token) headers.authorization = `Bearer ${token}`;
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401) {
          if (!token) break;
          if (token === refreshedTo) {
            // This token is tried once more after the back-off; a 401 for it then refreshes again.
            refreshedTo = null;
            throw new Error('stream refused a fresh token');
          }
          const fresh = await tokensAfter401(token);
          if (!fresh) break;
          refreshedTo = fresh.accessToken;
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        handlers.onStatus?.('live');
        backoff = 1000;
        refreshedTo = null;
        const parse = sseParser((event) => {
          if (event.id) lastEventId = event.id;
          handlers.onEvent(event);
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parse(value);
        }
      } catch {
        // A dropped connection or a failing service: try again after the back-off.
      }
      if (controller.signal.aborted) break;
      handlers.onStatus?.('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
    handlers.onStatus?.('closed');
  };
  void run();
  return () => controller.abort();
}
