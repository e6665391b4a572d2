import { isIPv6 } from 'node:net';

/** The eight groups of a valid IPv6 address; an embedded IPv4 address is the last two. */
function groupsOf(address: string): number[] {
  const parse = (part: string | undefined) =>
    (part ? part.split(':') : []).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const [head, tail] = address.split('::');
  const start = parse(head);
  const end = parse(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}

/**
 * The client, wherever the gateway counts one: failed logins, the login
 * throttle and the API's rate limit. The address is Express's `req.ip`, so
 * `TRUST_PROXY` decides which proxies are believed about it. An IPv6 host is
 * usually given a whole /64 and may use any address in it: counted one by
 * one, one machine could change address at every request and escape every
 * limit (and reach the failures at all addresses alone, locking a name
 * everywhere). An IPv4 address written as IPv6 (a dual-stack socket's, in any
 * notation) is the IPv4 one.
 *
 * Requests with no address are counted together as `unknown`. The gateway
 * listens on TCP, so Express has none only when the connection closed before
 * the address was read, and the answer reaches no one: one bucket keeps such
 * requests limited (one each would escape every limit) and limits no one
 * else. A proxy that names the client `unknown` lands there too.
 */
export function clientAddress(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  if (!isIPv6(address)) return address;
  const groups = groupsOf(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
