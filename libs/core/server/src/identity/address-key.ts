import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is counted under by the rate limits: an IPv4 address as it is (also when it
 * arrives IPv4-mapped, `::ffff:203.0.113.7`), an IPv6 address by its /64 network. One IPv6 subscriber
 * usually holds a whole /64 and can take a new address for every request: counting single addresses
 * would give each guess a fresh budget.
 */
export function addressKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.split('%')[0].toLowerCase(); // without an IPv6 zone (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // an embedded IPv4 tail (64:ff9b::192.0.2.1) counts as two groups
  const groupsOf = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const groups = tail === null ? headGroups : [...headGroups, ...Array<string>(8 - groupsOf(headGroups) - groupsOf(tailGroups)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
