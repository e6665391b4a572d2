import type { ClientRequest } from 'node:http';
import type { Request } from 'express';

/**
 * A `.` or `..` segment, plain or percent-encoded, or an encoded slash or
 * backslash: forwarded as they are, a service, or a proxy in front of one,
 * may resolve them to a path outside the service's prefix
 * (`/api/registry/../subsidy/...`). No route of any service has them.
 */
const ESCAPING_PATH = /(^|\/)(\.|%2e){1,2}(\/|$)|%2f|%5c|\\/i;

export function escapesPrefix(req: Request): boolean {
  return ESCAPING_PATH.test(req.url.split('?')[0]);
}

/**
 * Hop-by-hop headers (RFC 9110 7.6.1) are about the client's connection to
 * the gateway, and so are those its `Connection` header names: passed on, a
 * service would see them as the gateway's word (a `Proxy-Authorization` meant
 * for a proxy on the client's side, say). `Transfer-Encoding` stays: Node
 * frames the forwarded body by it.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'upgrade'];

export function dropHopByHopHeaders(proxyReq: ClientRequest, req: Request): void {
  const named = (req.headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase());
  for (const header of [...HOP_BY_HOP, ...named]) if (header) proxyReq.removeHeader(header);
}

/**
 * The client's own `Forwarded` and `X-Forwarded-*` headers are its word,
 * believed only from the proxies TRUST_PROXY names: the services get the
 * address, scheme and host the gateway settled on, not what a client claims.
 */
export function setForwardedHeaders(proxyReq: ClientRequest, req: Request): void {
  for (const header of ['forwarded', 'x-real-ip', 'x-forwarded-port']) proxyReq.removeHeader(header);
  proxyReq.setHeader('x-forwarded-for', req.ip ?? '');
  proxyReq.setHeader('x-forwarded-proto', req.protocol);
  proxyReq.setHeader('x-forwarded-host', req.host ?? '');
}
