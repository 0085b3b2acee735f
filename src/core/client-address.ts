/**
 * Who is on the other end of a public request, for per-client limits and the loopback checks
 * of /health and /query. Pure: callers pass the socket's peer address and the
 * X-Forwarded-For header; the header counts only as far as TRUST_PROXY says.
 *
 * TRUST_PROXY (see README): `off` (default) ⇒ the socket peer; `on` ⇒ the first (client-most)
 * X-Forwarded-For entry; a number N ⇒ N proxies in front of the desk, so the entry N places
 * from the right (the one the outermost trusted proxy saw). Never trust the header when
 * clients can reach the desk directly: anyone can write it.
 */

/** off: no proxy; all: every hop is trusted; a number: that many trusted hops in front of the desk. */
export type ProxyTrust = 'off' | 'all' | number;

/** The client's address as the desk should believe it. */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string {
  const peer = normaliseAddress(remoteAddress ?? '');
  if (trust === 'off' || trust === 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return peer;
  if (trust === 'all') return normaliseAddress(hops[0] as string);
  // The peer is hop 1 (our own proxy); each further trusted hop reveals one more entry from the right.
  const index = Math.max(0, hops.length - trust);
  return normaliseAddress(hops[index] as string);
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as plain IPv4; IPv6 in lower case; ports and zones dropped. */
export function normaliseAddress(address: string): string {
  let a = address.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1] as string;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.replace(/:\d+$/, '');
  a = a.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? (mapped[1] as string) : a;
}

/**
 * A request from this machine itself (a health probe, a benchmark), for the exemptions of
 * /health and /query. With TRUST_PROXY off, a request that carries a forwarding header is
 * never local, even from a loopback peer: that is a reverse proxy on this machine passing on
 * someone else's request, and treating it as local would exempt the whole internet.
 */
export function isLocalRequest(
  remoteAddress: string | undefined,
  forwarded: { forwardedFor?: string | string[] | undefined; forwarded?: string | string[] | undefined },
  trust: ProxyTrust,
): boolean {
  if (trust === 'off' || trust === 0) {
    if (forwarded.forwardedFor !== undefined || forwarded.forwarded !== undefined) return false;
    return isLoopback(remoteAddress ?? '');
  }
  return isLoopback(clientAddress(remoteAddress, forwarded.forwardedFor, trust));
}

export function isLoopback(address: string): boolean {
  const a = normaliseAddress(address);
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * The key a per-client limit counts under: the IPv4 address, or the /64 network of an IPv6
 * address (one home or phone usually holds a whole /64, so counting single IPv6 addresses
 * would let one client rotate through millions of keys).
 */
export function clientKey(address: string): string {
  const a = normaliseAddress(address);
  if (!a.includes(':')) return a;
  const groups = expandIpv6(a);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

function expandIpv6(address: string): string[] | undefined {
  const [head, tail, more] = address.split('::');
  if (more !== undefined) return undefined;
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  if (tail === undefined && left.length !== 8) return undefined;
  const fill = 8 - left.length - right.length;
  if (fill < 0) return undefined;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))
    ? groups.map((g) => g.replace(/^0+(?=.)/, ''))
    : undefined;
}
