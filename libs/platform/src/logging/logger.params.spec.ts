import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { type Options, pinoHttp } from 'pino-http';
import { PlatformEnvironment } from '../config/platform.environment';
import { correlationIdMiddleware } from '../context/correlation';
import { loggerParams } from './logger.params';

describe('request logs of the services (loggerParams)', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { pinoHttp: options } = loggerParams('target-monitoring', new PlatformEnvironment());
    const app = express();
    app.use(correlationIdMiddleware, pinoHttp(options as Options, sink));
    app.get('/alerts/stream', (_req, res) => {
      res.cookie('session', 'cookie-secret').set('Content-Security-Policy', "default-src 'self'").json({});
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    lines.length = 0;
  });

  it('records of the answer its status and what varies, not the headers every answer carries', async () => {
    await fetch(`${base}/alerts/stream`);
    await new Promise((resolve) => setImmediate(resolve));
    const { res } = JSON.parse(lines[0]) as { res: { statusCode: number; headers: Record<string, string> } };
    expect(res).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '2' },
    });
  });

  it('records no credential: not in headers, cookies, nor the query string an EventSource sends its token in', async () => {
    await fetch(`${base}/alerts/stream?lastEventId=7&access_token=header.payload.signature&Password=hunter2`, {
      headers: {
        authorization: 'Bearer bearer-secret',
        cookie: 'sid=cookie-secret',
        'proxy-authorization': 'Basic pw',
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/header\.payload\.signature|hunter2|bearer-secret|cookie-secret|Basic pw/);
    expect(JSON.parse(lines[0])).toMatchObject({
      service: 'target-monitoring',
      req: {
        url: '/alerts/stream?lastEventId=7&access_token=[redacted]&Password=[redacted]',
        query: { lastEventId: '7', access_token: '[redacted]' },
      },
      res: { statusCode: 200 },
    });
  });
});
