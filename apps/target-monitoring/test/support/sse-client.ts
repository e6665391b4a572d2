import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface StreamEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
  receivedAt: number;
}

export interface SseConnection {
  status: number;
  events: StreamEvent[];
  /** The server ended the stream. */
  ended: boolean;
  close(): void;
}

/** Listens on a free port once, so a real client can hold a stream open. */
export async function listening(server: Server): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A minimal EventSource: collects `id`/`event`/`data` blocks as they arrive. */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response: IncomingMessage) => {
      const events: StreamEvent[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => line && !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          );
          if (fields.data) {
            events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data), receivedAt: Date.now() });
          }
        }
      });
      response.on('error', () => undefined);
      const connection = { status: response.statusCode ?? 0, events, ended: false, close: () => request.destroy() };
      response.on('end', () => (connection.ended = true));
      resolve(connection);
    });
    request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
  });
}
