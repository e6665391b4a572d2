import { isIPv4 } from 'node:net';

/**
 * Whoever sits between a service and a key source reached over plain http can
 * hand it keys of their own, and with them sign tokens for any user. A
 * loopback host keeps the request on the machine (a provider run locally, the
 * tests' stubs). The WHATWG parser has already normalised `127.1` and `[0::1]`.
 */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'));
}

/** What is wrong with `location`, given in `field`: an http URL to a host other than loopback. */
export function plainHttpProblems(location: string, field: string): string[] {
  if (!/^http:/i.test(location) || !URL.canParse(location) || isLoopback(new URL(location).hostname)) return [];
  return [
    `${field} must use https unless its host is loopback (localhost, 127.0.0.0/8, ::1): ` +
      'over plain http anyone on the way could swap the keys tokens are checked with',
  ];
}
