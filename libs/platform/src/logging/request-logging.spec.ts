import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { correlationIdMiddleware } from '../context/correlation';
import { requestLogging } from './logger.params';

describe('requestLogging (routes Nest does not log, such as the gateway proxy)', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const logger = pino({ level: 'info', messageKey: 'message' }, sink);
    const app = express();
    app.use(correlationIdMiddleware);
    const logged = requestLogging(() => logger);
    // Mounted under a service's prefix, as the gateway mounts its proxies: Express strips the prefix from req.url.
    app.use('/api/registry', logged, (_req, res) => void res.status(502).json({ code: 'UPSTREAM' }));
    app.use(logged);
    app.get('/health/ready', (_req, res) => void res.send('ok'));
    app.use((_req, res) => void res.status(404).json({ code: 'NOT_FOUND' }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes one line per request with its correlation id, path, status and duration', async () => {
    lines.length = 0;
    await fetch(`${base}/reports?page=2`, { headers: { 'x-correlation-id': 'trace-77' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      req: { id: 'trace-77', method: 'GET', url: '/reports?page=2' },
      res: { statusCode: 404 },
      message: 'request completed',
    });
    expect(lines[0].responseTime).toEqual(expect.any(Number));
  });

  it("logs a request under a mounted prefix with its whole path, and leaves out the service's probes there too", async () => {
    lines.length = 0;
    await fetch(`${base}/api/registry/health/ready`);
    await fetch(`${base}/api/registry/companies`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      lines.map((line) => [(line.req as { url: string }).url, (line.res as { statusCode: number }).statusCode]),
    ).toEqual([['/api/registry/companies', 502]]);
  });

  it('leaves out the probes that would flood the log', async () => {
    lines.length = 0;
    await fetch(`${base}/health/ready`);
    await fetch(`${base}/nothing-here`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => (line.req as { url: string }).url)).toEqual(['/nothing-here']);
  });
});
