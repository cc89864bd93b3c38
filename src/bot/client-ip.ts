import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for rate limits. Behind `trustedHops` reverse proxies (nginx,
 * a load balancer: TRUST_PROXY_HOPS) every request arrives from the last proxy, so the client is
 * the address the outermost trusted proxy saw: the `trustedHops`-th entry from the right of
 * X-Forwarded-For (entries further left are the client's own claim and never trusted). With no
 * proxy (0) or a header shorter than that, the socket's address.
 */
export function clientIp(req: IncomingMessage, trustedHops: number): string {
  const socket = req.socket.remoteAddress ?? '?';
  if (trustedHops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return hops.length >= trustedHops ? hops[hops.length - trustedHops] : socket;
}
