import { isIPv6 } from 'node:net';

/** IPv6 groups as written; an embedded IPv4 address stands for the last two (never in the first four). */
const groupsOf = (part: string) =>
  (part ? part.split(':') : []).flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));

/**
 * The address failed logins are counted at. An IPv6 host is usually given a
 * whole /64 and may use any address in it: counted one by one, one machine
 * could change address at every try and reach the limit at all addresses
 * alone, locking the name everywhere. An IPv4 address written as IPv6
 * (a dual-stack socket's) is the IPv4 one.
 */
export function clientAddress(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const start = groupsOf(head);
  const end = tail === undefined ? [] : groupsOf(tail);
  const groups = [...start, ...Array<string>(8 - start.length - end.length).fill('0'), ...end];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
