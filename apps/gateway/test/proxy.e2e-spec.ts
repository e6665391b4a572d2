import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort } from '@redmet/testing';
import { type GatewayTestApp, startGateway } from './support/gateway-app';
import { UpstreamStub } from './support/upstream-stub';
import { clearOfMinuteStart } from './support/window-edge';

describe('gateway: routing to the services', () => {
  let gateway: GatewayTestApp;
  let port: number;
  const registry = new UpstreamStub();

  beforeAll(async () => {
    const registryUrl = await registry.start();
    gateway = await startGateway({
      REGISTRY_URL: registryUrl,
      // Nothing listens there: a service that is down.
      REPORTING_URL: `http://127.0.0.1:${await freePort()}`,
      PROXY_TIMEOUT_MS: '500',
      CONSOLE_ORIGIN: 'http://console.example',
      // The test client (loopback) is not a proxy the gateway believes.
      TRUST_PROXY: '10.0.0.0/8',
    });
    // Listening, for the clients other than supertest below.
    port = (gateway.app.getHttpServer().listen(0).address() as AddressInfo).port;
  });

  /** The path exactly as written: supertest and fetch resolve dot segments before sending. */
  const rawGet = (path: string) =>
    new Promise<number>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path }, (res) => resolve(res.resume().statusCode ?? 0))
        .on('error', reject)
        .end();
    });

  afterAll(async () => {
    await gateway.close();
    await registry.stop();
  });

  it('forwards method, path, query, headers and body untouched, adding the correlation id', async () => {
    const body = { name: 'Tomtor', metals: ['Nb', 'REE'] };
    const response = await gateway
      .http()
      .post('/api/registry/deposits?dryRun=1')
      .set('authorization', 'Bearer abc.def.ghi')
      .set('x-correlation-id', 'trace-42')
      .send(body)
      .expect(200);

    expect(response.body).toMatchObject({ method: 'POST', url: '/deposits?dryRun=1', body: JSON.stringify(body) });
    expect(response.body.headers).toMatchObject({
      authorization: 'Bearer abc.def.ghi',
      'x-correlation-id': 'trace-42',
    });
  });

  it('keeps its connections to a service open and reuses them, whatever the client asks of its own', async () => {
    const before = registry.seen.length;
    for (let i = 0; i < 3; i += 1) {
      await gateway.http().get(`/api/registry/companies?n=${i}`).set('connection', 'close').expect(200);
    }
    const seen = registry.seen.slice(before);
    expect(seen.map((request) => request.headers.connection ?? 'keep-alive')).toEqual(Array(3).fill('keep-alive'));
    expect(new Set(seen.map((request) => request.remotePort)).size).toBe(1);
  });

  it('forwards the client address, scheme and host it settled on, not the ones a client claims', async () => {
    const response = await gateway
      .http()
      .get('/api/registry/companies')
      .set('x-forwarded-for', '203.0.113.9')
      .set('x-forwarded-host', 'evil.example')
      .set('x-forwarded-proto', 'https')
      .set('forwarded', 'for=203.0.113.9')
      .expect(200);
    const { headers } = response.body;
    expect(headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(headers['x-forwarded-host']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers.forwarded).toBeUndefined();
  });

  it('settles the forwarded headers for a request that expects 100-continue too, as curl sends larger bodies', async () => {
    const body = JSON.stringify({ note: 'x'.repeat(2048) });
    const seen = await new Promise<{ headers: Record<string, string>; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/registry/deposits',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            expect: '100-continue',
            'x-forwarded-for': '203.0.113.9',
            forwarded: 'for=203.0.113.9',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(JSON.parse(text)));
        },
      );
      request.on('continue', () => request.end(body)).on('error', reject);
    });
    expect(seen.body).toBe(body);
    expect(seen.headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(seen.headers.forwarded).toBeUndefined();
    expect(seen.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes on no hop-by-hop header of the client, nor one its connection header names', async () => {
    const response = await gateway
      .http()
      .get('/api/registry/companies')
      .set('connection', 'keep-alive, x-hop-only')
      .set('x-hop-only', 'for the gateway')
      .set('keep-alive', 'timeout=5')
      .set('proxy-authorization', 'Basic cHJveHk6c2VjcmV0')
      .set('te', 'trailers')
      .set('upgrade', 'h2c')
      .expect(200);
    const { headers } = response.body;
    for (const header of ['x-hop-only', 'keep-alive', 'proxy-authorization', 'te', 'upgrade']) {
      expect([header, headers[header]]).toEqual([header, undefined]);
    }
  });

  it('refuses paths that could leave the service prefix, and forwards none of them', async () => {
    const before = registry.seen.length;
    for (const path of [
      '/api/registry/../subsidy/claims',
      '/api/registry/%2e%2e/subsidy/claims',
      '/api/registry/.%2E/subsidy',
      '/api/registry/deposits/..%2f..%2fsubsidy',
      '/api/registry/deposits%5c..%5csubsidy',
      '/api/registry/./deposits',
    ]) {
      expect([path, await rawGet(path)]).toEqual([path, 400]);
    }
    expect(registry.seen).toHaveLength(before);
    expect(await rawGet('/api/registry/products/LI2CO3-99.5?q=../x')).toBe(200);
  });

  it("keeps the services' metrics inside: not forwarded, 404", async () => {
    const before = registry.seen.length;
    for (const path of [
      '/api/registry/metrics',
      '/api/registry/METRICS',
      '/api/registry/metrics/x',
      '/api/registry//metrics',
      '/api/registry///metrics?x=1',
      '/api/registry/%6Detrics',
    ]) {
      expect([path, await rawGet(path)]).toEqual([path, 404]);
    }
    expect(registry.seen).toHaveLength(before);
    expect(await rawGet('/api/registry/companies?metrics=1')).toBe(200);
    expect(await rawGet('/api/registry/%6Detrics-report')).toBe(200);
  });

  it('generates a correlation id when the client sends none, and returns it', async () => {
    const response = await gateway.http().get('/api/registry/companies').expect(200);
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.headers['x-correlation-id']).toBe(response.headers['x-correlation-id']);
  });

  it('streams Server-Sent Events as they come, not when the stream ends', async () => {
    const arrivals: number[] = [];
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/registry/events`);
    const reader = response.body!.getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
      arrivals.push(Date.now() - started);
    }
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(text).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":3}\n\n');
    // The first event arrived while the stub was still sending: three chunks, not one at the end.
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an event stream open while it is quieter than the proxy timeout between events', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/registry/quiet-events`);
    expect(await response.text()).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":3}\n\n');
  });

  it('answers 503 with a problem body at once when a service is down', async () => {
    const response = await gateway.http().get('/api/reporting/reports').expect(503);
    expect(response.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
  });

  it('answers 503 when a service closes a kept-alive connection under a request (it stopped or restarted)', async () => {
    await gateway.http().get('/api/registry/companies').expect(200);
    const before = registry.seen.length;
    const response = await gateway.http().get('/api/registry/drop').expect(503);
    expect(response.body.code).toBe('SERVICE.UNAVAILABLE');
    // It went out on the connection kept from the request before.
    expect(registry.seen[before].remotePort).toBe(registry.seen[before - 1].remotePort);
    await gateway.http().get('/api/registry/companies').expect(200);
  });

  it('breaks off its answer when a service breaks off its own, instead of leaving the client waiting', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/registry/drop-midway`);
    const hanging = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000));
    const outcome = await Promise.race([
      response.text().then(
        () => 'ended as if whole',
        () => 'broken off',
      ),
      hanging,
    ]);
    expect(outcome).toBe('broken off');
  });

  it('answers 502, not 504, when a service answers with something that is not HTTP', async () => {
    const response = await gateway.http().get('/api/registry/garbage').expect(502);
    expect(response.body).toMatchObject({ code: 'SERVICE.BAD_ANSWER', status: 502 });
  });

  it('answers 504 when a service does not answer in time, instead of hanging', async () => {
    const response = await gateway.http().get('/api/registry/hang').expect(504);
    expect(response.body.code).toBe('SERVICE.TIMEOUT');
  });

  it('serves one OpenAPI document with every answering service under its /api prefix', async () => {
    const { body } = await gateway.http().get('/api/docs/openapi.json').expect(200);
    expect(body.paths['/api/registry/deposits'].get.tags).toEqual(['Deposit registry: deposits']);
    expect(body.paths['/api/registry/deposits'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Registry_Page',
    });
    expect(body.components.schemas.Registry_Page).toBeDefined();
    expect(body.paths['/api/auth/login']).toBeDefined();
    expect(Object.keys(body.paths).some((path) => path.startsWith('/api/reporting'))).toBe(false);
  });

  it('serves Swagger UI for the combined document at /api/docs, with its assets and script', async () => {
    const page = await gateway.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual([
      '/api/gateway/docs/swagger-ui.css',
      '/api/gateway/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-init.js',
    ]);
    for (const source of sources) await gateway.http().get(source).expect(200);
    const init = await gateway
      .http()
      .get('/api/docs/swagger-init.js')
      .expect('content-type', /javascript/);
    expect(init.text).toContain("url: '/api/docs/openapi.json'");
  });

  it('sends security headers and lets only the console origin call it from a browser', async () => {
    const allowed = await gateway
      .http()
      .options('/api/auth/me')
      .set('origin', 'http://console.example')
      .set('access-control-request-method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://console.example');
    const foreign = await gateway.http().get('/.well-known/jwks.json').set('origin', 'http://evil.example').expect(200);
    expect(foreign.headers['access-control-allow-origin']).not.toBe('http://evil.example');
    expect(foreign.headers['x-content-type-options']).toBe('nosniff');
    expect(foreign.headers['strict-transport-security']).toBeDefined();
  });
});

describe('gateway: the combined API document', () => {
  let gateway: GatewayTestApp;
  const registry = new UpstreamStub();
  // Takes connections and never answers: a service that hangs.
  const hanging = createServer(() => undefined);
  let hangingAsked = 0;
  hanging.on('request', () => (hangingAsked += 1));
  const documentFetches = () => registry.seen.filter((request) => request.url === '/docs/openapi.json').length;

  beforeAll(async () => {
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    gateway = await startGateway({
      REGISTRY_URL: await registry.start(),
      REPORTING_URL: `http://127.0.0.1:${await freePort()}`,
      SUBSIDY_URL: `http://127.0.0.1:${await freePort()}`,
      MONITORING_URL: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await registry.stop();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('leaves a hanging service out instead of waiting for it, then serves what it built from memory, public', async () => {
    const first = await gateway.http().get('/api/docs/openapi.json').expect(200);
    const others = Object.keys(first.body.paths).filter((path) =>
      /^\/api\/(reporting|subsidy|monitoring)\//.test(path),
    );
    expect(others).toEqual([]);
    expect(first.body.paths['/api/registry/deposits']).toBeDefined();

    const second = await gateway.http().get('/api/docs/openapi.json').expect(200);
    expect(second.body).toEqual(first.body);
    expect(documentFetches()).toBe(1);
    expect(hangingAsked).toBe(1);
  });
});

describe('gateway: rate limit on the proxied API', () => {
  let gateway: GatewayTestApp;
  const registry = new UpstreamStub();

  beforeAll(async () => {
    gateway = await startGateway({ REGISTRY_URL: await registry.start(), API_RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await gateway.close();
    await registry.stop();
  });

  beforeEach(() => clearOfMinuteStart());

  it('answers 429 with retry-after once a client has sent too many requests in a minute, and forwards none', async () => {
    const before = registry.seen.length;
    for (let i = 0; i < 3; i += 1) await gateway.http().get('/api/registry/companies').expect(200);
    const throttled = await gateway.http().get('/api/registry/companies').set('x-correlation-id', 'slow-down-1');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'REQUEST.TOO_MANY', correlationId: 'slow-down-1' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(120);
    expect(throttled.headers['x-content-type-options']).toBe('nosniff');
    expect(registry.seen).toHaveLength(before + 3);
    // Signing in is throttled on its own.
    await gateway.http().get('/.well-known/jwks.json').expect(200);
  });

  // Believed from loopback (TRUST_PROXY's default): each request comes from the address X-Forwarded-For names.
  it('counts an IPv6 client by its /64, where it may take any address, and an IPv4 one however written', async () => {
    const get = (address: string) => gateway.http().get('/api/registry/companies').set('x-forwarded-for', address);
    for (const address of ['2001:db8:5:1::1', '2001:db8:5:1::2', '2001:db8:5:1:ffff:ffff:ffff:ffff']) {
      await get(address).expect(200);
    }
    await get('2001:db8:5:1:abcd::9').expect(429);
    await get('2001:db8:5:2::1').expect(200);

    for (let i = 0; i < 3; i += 1) await get('198.51.100.55').expect(200);
    await get('::ffff:198.51.100.55').expect(429);
  });
});

describe('gateway: rate limits and an X-Forwarded-For from a client that is not a trusted proxy', () => {
  let gateway: GatewayTestApp;
  const registry = new UpstreamStub();

  beforeAll(async () => {
    gateway = await startGateway({
      REGISTRY_URL: await registry.start(),
      API_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      // The test client (loopback) is not a proxy the gateway believes.
      TRUST_PROXY: '10.0.0.0/8',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await registry.stop();
  });

  beforeEach(() => clearOfMinuteStart());

  it('counts the client by its own address, whatever X-Forwarded-For it sends', async () => {
    const addresses = ['2001:db8:9:1::1', '2001:db8:9:2::1', '198.51.100.91', '198.51.100.92'];
    const get = (address: string) => gateway.http().get('/api/registry/companies').set('x-forwarded-for', address);
    for (const address of addresses.slice(0, 3)) await get(address).expect(200);
    await get(addresses[3]).expect(429);

    const login = (address: string) =>
      gateway
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', address)
        .send({ username: 'someone.behind.a.claim', password: 'guess guess' });
    for (const address of addresses.slice(0, 3)) await login(address).expect(401);
    await login(addresses[3]).expect(429);
  });
});

describe('gateway: serving the console', () => {
  let gateway: GatewayTestApp;

  beforeAll(async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'console-'));
    writeFileSync(path.join(directory, 'index.html'), '<!doctype html><title>Redmet</title>');
    writeFileSync(path.join(directory, 'app.js'), 'console.log("redmet")');
    gateway = await startGateway({ CONSOLE_DIR: directory });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('serves its files, and index.html for any page address so deep links survive a reload', async () => {
    expect((await gateway.http().get('/app.js').expect(200)).text).toContain('redmet');
    const page = await gateway.http().get('/reports/42').set('accept', 'text/html').expect(200);
    expect(page.text).toContain('<title>Redmet</title>');
  });

  it('answers 404, not the page, for a file it does not have, such as a script of an earlier build', async () => {
    // A browser loading a script or an image accepts anything (*/*); only a page address asks for HTML.
    const response = await gateway.http().get('/assets/index-0ld8uild.js').set('accept', '*/*').expect(404);
    expect(response.text).not.toContain('<title>Redmet</title>');
  });

  it('leaves the API to the API: an unknown API path is a problem, not the page', async () => {
    const response = await gateway.http().get('/api/auth/nothing-here').set('accept', 'text/html').expect(404);
    expect(response.text).not.toContain('<title>Redmet</title>');
  });
});
