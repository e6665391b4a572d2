import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The gateway's end of the connection: the same port again means a reused connection. */
  remotePort?: number;
}

/**
 * Stands in for a service behind the gateway (the gateway's tests cannot start
 * another app): echoes requests, streams Server-Sent Events, hangs on demand,
 * and serves an OpenAPI document.
 */
export class UpstreamStub {
  readonly seen: SeenRequest[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        this.seen.push({ ...seen, remotePort: req.socket.remotePort });
        if (req.url === '/events') return this.stream(res, 150);
        // Quieter than the gateway's PROXY_TIMEOUT_MS in its tests (500 ms) between events.
        if (req.url === '/quiet-events') return this.stream(res, 700);
        if (req.url === '/hang') return;
        // Stops mid-request, as a service that crashes or restarts does.
        if (req.url === '/drop') return req.socket.destroy();
        // Stops mid-answer: the headers and part of the body are out.
        if (req.url === '/drop-midway') {
          res.writeHead(200, { 'content-type': 'application/json' }).write('{"items":[');
          return setTimeout(() => req.socket.destroy(), 100);
        }
        // Answers at once, but not in HTTP: a broken service, not a slow one.
        if (req.url === '/garbage') return req.socket.end('NOT HTTP AT ALL\r\n\r\n');
        if (req.url === '/docs/openapi.json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify(OPENAPI));
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Three events `gapMs` apart: the client must see the first before the last is sent. */
  private stream(res: import('node:http').ServerResponse, gapMs: number): void {
    // Answered at once, as a service's stream is; the events follow.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      sent += 1;
      res.write(`data: {"n":${sent}}\n\n`);
      if (sent === 3) {
        clearInterval(timer);
        res.end();
      }
    }, gapMs);
  }
}

const OPENAPI = {
  openapi: '3.0.0',
  info: { title: 'stub', version: '1' },
  paths: {
    '/deposits': {
      get: {
        tags: ['deposits'],
        responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } },
      },
    },
  },
  components: { schemas: { Page: { type: 'object', properties: { total: { type: 'number' } } } } },
};
