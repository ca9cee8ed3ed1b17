import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the intake connectors may call (server-side request forgery): a connector's server URL
 * is typed by a manager and its attachment URLs come from that server, so neither may reach the
 * deployment's own network. Loopback, unspecified, link-local (cloud metadata at 169.254.169.254),
 * private, shared (CGNAT), multicast and reserved addresses are refused, for every address a name
 * resolves to, unless the host is listed in INTAKE_ALLOWED_HOSTS (comma-separated host names or
 * addresses, e.g. an ODK Central on the agency's LAN). The check runs when a connector is saved and again
 * before every request of a pull (a name that resolved to a public address then may resolve elsewhere now).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2002::', 16],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

export type RefusalReason = 'SCHEME' | 'ADDRESS' | 'UNRESOLVED';

/** A URL the policy refuses; `reason` names why, never the address it resolved to. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly reason: RefusalReason,
  ) {
    super(`requests to ${host} are not allowed (${reason})`);
  }
}

export function allowedHosts(): Set<string> {
  return new Set(
    (process.env['INTAKE_ALLOWED_HOSTS'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, ''))
      .filter(Boolean),
  );
}

/** True for an address no connector may reach (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = mappedIpv4(address);
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

/** The IPv4 address of an IPv4-mapped IPv6 address (::ffff:127.0.0.1, ::ffff:7f00:1), else null. */
function mappedIpv4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1).toLowerCase();
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export type Resolver = (host: string) => Promise<string[]>;

const resolveAll: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Throws OutboundRefusedError unless every address of the URL's host may be called. */
export async function assertOutboundAllowed(url: string, resolve: Resolver = resolveAll): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefusedError('?', 'SCHEME');
  }
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundRefusedError(host, 'SCHEME');
  if (parsed.username || parsed.password) throw new OutboundRefusedError(host, 'SCHEME');
  if (allowedHosts().has(host)) return;
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new OutboundRefusedError(host, 'UNRESOLVED');
    }
  }
  if (!addresses.length) throw new OutboundRefusedError(host, 'UNRESOLVED');
  if (addresses.some(isBlockedAddress)) throw new OutboundRefusedError(host, 'ADDRESS');
}
