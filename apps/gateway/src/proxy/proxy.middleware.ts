import {
  Agent as HttpAgent,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { CORRELATION_HEADER, type Problem, requestLogging } from '@redmet/platform';
import { clientAddress } from '../common/client-address';
import { GatewayEnvironment } from '../gateway.environment';
import { SharedRateLimiter } from '../rate-limits/shared-rate-limiter';
import { dropHopByHopHeaders, escapesPrefix, setForwardedHeaders } from './forwarded-request';
import { type Upstream, upstreams } from './upstreams';

const MINUTE_MS = 60_000;
/** Idle connections kept per service; more are opened under load and closed when idle. */
const MAX_IDLE_SOCKETS = 64;

function sendProblem(
  res: ServerResponse | Socket,
  status: number,
  code: string,
  detail: string,
  correlationId?: string,
) {
  if (!('writeHead' in res) || res.headersSent) {
    res.destroy();
    return;
  }
  const problem: Problem = { type: 'about:blank', title: code, status, code, detail, errors: [], correlationId };
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
}

/** The request to the service for each client request in flight, and those that timed out: to tell why one failed. */
const forwarded = new WeakMap<IncomingMessage, ClientRequest>();
const timedOut = new WeakSet<ClientRequest>();

/**
 * A service that is down answers 503 at once; one that hangs, 504 after
 * PROXY_TIMEOUT_MS; one that breaks off or answers what is not HTTP, 502 at
 * once. Never a hang. A kept-alive connection the service closed under a
 * request (it stopped or restarted since the last one) is the same as a
 * refused connection, though ECONNRESET like a break. A break on a fresh
 * connection may come after the service acted, so it is not called
 * unavailable, which says "try again shortly".
 */
function onProxyError(upstream: Upstream) {
  return (error: Error & { code?: string }, req: IncomingMessage, res: ServerResponse | Socket) => {
    const correlationId = (req as Request).correlationId;
    const request = forwarded.get(req);
    const closedUnderUs = error.code === 'ECONNRESET' && request?.reusedSocket === true && !timedOut.has(request);
    if (error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH' || error.code === 'ENOTFOUND' || closedUnderUs) {
      sendProblem(
        res,
        503,
        'SERVICE.UNAVAILABLE',
        `${upstream.title} is not available; try again shortly`,
        correlationId,
      );
    } else if (request && timedOut.has(request)) {
      sendProblem(res, 504, 'SERVICE.TIMEOUT', `${upstream.title} did not answer in time`, correlationId);
    } else {
      sendProblem(
        res,
        502,
        'SERVICE.BAD_ANSWER',
        `${upstream.title} broke off or gave an answer that is not HTTP`,
        correlationId,
      );
    }
  };
}

/** Per client as `clientAddress` counts it (an IPv6 one by its /64), across every instance, before anything is forwarded. */
function rateLimit(limiter: SharedRateLimiter, limit: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    void limiter.hit('api', clientAddress(req.ip), limit, MINUTE_MS).then(({ allowed, retryAfterSeconds }) => {
      if (allowed) return next();
      res.setHeader('retry-after', String(retryAfterSeconds));
      sendProblem(res, 429, 'REQUEST.TOO_MANY', `More than ${limit} requests a minute; slow down`, req.correlationId);
    });
  };
}

function refuseEscapingPaths(req: Request, res: Response, next: NextFunction) {
  if (!escapesPrefix(req)) return next();
  sendProblem(
    res,
    400,
    'REQUEST.INVALID_PATH',
    'The path may not hold dot segments or encoded slashes',
    req.correlationId,
  );
}

/**
 * Node has already answered a client's `Expect: 100-continue` (any other
 * expectation gets 417 before this). Passed on, it also makes http-proxy skip
 * its `proxyReq` event, and with it the forwarded headers, the correlation id
 * and the timeout bookkeeping: the client's own X-Forwarded-For would reach
 * the service.
 */
function consumeExpectation(req: Request, _res: Response, next: NextFunction) {
  delete req.headers.expect;
  next();
}

/**
 * A service's metrics are for the monitoring inside the cluster (scraped directly), not for the world. Judged
 * on the path as the service may read it: http-proxy collapses repeated slashes (`//metrics` reaches the service
 * as `/metrics`), and a server or proxy in front of one may decode escapes of plain letters (`%6Detrics`).
 */
function keepMetricsInside(req: Request, res: Response, next: NextFunction) {
  if (!/^\/metrics(\/|$)/i.test(asServiceMayRead(req.path))) return next();
  sendProblem(res, 404, 'RESOURCE.NOT_FOUND', `No route ${req.method} ${req.originalUrl}`, req.correlationId);
}

function asServiceMayRead(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is no letter: the path stays as sent.
  }
  return decoded.replace(/\/{2,}/g, '/');
}

/**
 * PROXY_TIMEOUT_MS is how long a service may take to answer. An event stream
 * has answered once its headers are in, and may then be quiet for longer
 * between events: the timeout would cut it.
 */
function keepStreamsOpen(proxyRes: IncomingMessage, req: Request): void {
  if (proxyRes.headers['content-type']?.startsWith('text/event-stream')) forwarded.get(req)?.setTimeout(0);
}

/**
 * http-proxy leaves the client's answer open when the service's breaks off
 * (it stopped, or the timeout cut it): the client would wait for the rest,
 * an event stream for ever. It is cut short too, so the client sees the break.
 */
function passOnBreaks(proxyRes: IncomingMessage, res: Response): void {
  proxyRes.once('close', () => {
    if (!proxyRes.complete) res.destroy();
  });
}

/**
 * Connections to a service are kept open and reused. Without an agent
 * http-proxy opens a new connection for every request and asks the service to
 * close it (`connection: close`): a TCP handshake and a new socket on both
 * sides per request. Idle sockets are closed before the services' own
 * keep-alive timeout (65 s, and Node honours their `Keep-Alive: timeout` hint),
 * so a request is not sent on a connection the service is closing.
 */
function keepAliveAgent(target: string): HttpAgent {
  const options = { keepAlive: true, maxFreeSockets: MAX_IDLE_SOCKETS, timeout: 30_000 };
  return target.startsWith('https:') ? new HttpsAgent(options) : new HttpAgent(options);
}

/**
 * `/api/<service>/*` streams to the service untouched (bodies, uploads,
 * Server-Sent Events) with the correlation id and the forwarded headers the
 * gateway vouches for, and logged like any other request. Paths that could
 * leave the prefix are refused. Mounted before body parsing; the services
 * check tokens themselves.
 */
export function mountProxies(app: NestExpressApplication): void {
  const environment = app.get(GatewayEnvironment);
  const limiter = rateLimit(app.get(SharedRateLimiter), environment.API_RATE_LIMIT_PER_MINUTE);
  const logged = requestLogging();
  const agents: HttpAgent[] = [];
  (app.getHttpServer() as Server).once('close', () => {
    for (const agent of agents) agent.destroy();
  });
  for (const upstream of upstreams(environment)) {
    const agent = keepAliveAgent(upstream.target);
    agents.push(agent);
    const proxy = createProxyMiddleware<Request, Response>({
      target: upstream.target,
      agent,
      changeOrigin: true,
      proxyTimeout: environment.PROXY_TIMEOUT_MS,
      on: {
        proxyReq: (proxyReq: ClientRequest, req: Request) => {
          dropHopByHopHeaders(proxyReq, req);
          forwarded.set(req, proxyReq);
          proxyReq.once('timeout', () => timedOut.add(proxyReq));
          if (req.correlationId) proxyReq.setHeader(CORRELATION_HEADER, req.correlationId);
          setForwardedHeaders(proxyReq, req);
        },
        proxyRes: (proxyRes: IncomingMessage, req: Request, res: Response) => {
          keepStreamsOpen(proxyRes, req);
          passOnBreaks(proxyRes, res);
        },
        error: onProxyError(upstream),
      },
    });
    app.use(
      `/api/${upstream.prefix}`,
      logged,
      limiter,
      refuseEscapingPaths,
      keepMetricsInside,
      consumeExpectation,
      proxy,
    );
  }
}
