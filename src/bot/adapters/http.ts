import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientIp } from '../client-ip.js';
import { metrics } from '../metrics.js';
import { rateLimit } from '../rate-limit.js';
import type { Store } from '../store.js';

/**
 * One HTTP server per port, shared by the adapters that need one (Telegram webhook, Slack HTTP
 * mode, the web dashboard), so all can run on PORT at once. Each mounts its exact path (or, ending
 * in "/", everything under it). `GET /healthz` answers 200 with `{"status":"ok","store":true,"queue":true}`,
 * or 503 naming what fails (the store failing writes, the queue's Redis unreachable); `GET /metrics`
 * the process's metrics in Prometheus text.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** Named reachability checks: `store`, `queue`. */
export type HealthCheck = () => Promise<boolean>;
export type HealthChecks = Record<string, HealthCheck>;

/** The checks of a process: its store accepts writes, its queue's Redis answers. */
export const healthOf = (host: { store: { healthy(): Promise<boolean> }; outbox: { healthy(): Promise<boolean> } }): HealthChecks => ({
  store: () => host.store.healthy(),
  queue: () => host.outbox.healthy(),
});

export interface Mount {
  port: number;
  /** Removes the route; the server closes with its last route. */
  close(): Promise<void>;
}

interface Shared {
  server: Server;
  routes: Map<string, { handler: Handler; health?: HealthChecks }>;
  port: number;
}

async function healthz(routes: Shared['routes'], res: ServerResponse) {
  const checks = new Map<string, HealthCheck>();
  for (const r of routes.values()) for (const [name, check] of Object.entries(r.health ?? {})) checks.set(name, check);
  const results: Record<string, boolean> = {};
  for (const [name, check] of checks) results[name] = await check().catch(() => false);
  const ok = Object.values(results).every(Boolean);
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy', ...results }));
}

async function metricsText(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(await metrics.text());
}

/** A path mounted with a trailing slash ("/app/") serves everything under it, and itself without the slash. */
function underPrefix(routes: Shared['routes'], path: string) {
  for (const [p, r] of routes) if (p.endsWith('/') && (path.startsWith(p) || path === p.slice(0, -1))) return r;
  return undefined;
}

const byPort = new Map<number, Shared>();

async function open(port: number, host?: string): Promise<Shared> {
  const routes: Shared['routes'] = new Map();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.get(path) ?? underPrefix(routes, path);
    if (route) return route.handler(req, res);
    if (req.method === 'GET' && path === '/healthz') return void healthz(routes, res);
    if (req.method === 'GET' && path === '/metrics') return void metricsText(res).catch(() => res.writeHead(500).end());
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, routes, port: (server.address() as AddressInfo).port };
}

export async function mount(port: number, path: string, handler: Handler, host?: string, health?: HealthChecks): Promise<Mount> {
  let shared = port === 0 ? undefined : byPort.get(port);
  if (!shared) {
    shared = await open(port, host);
    if (port !== 0) byPort.set(port, shared);
  }
  if (shared.routes.has(path)) throw new Error(`HTTP path ${path} is already served on port ${shared.port}`);
  shared.routes.set(path, { handler, health });
  const s = shared;
  return {
    port: s.port,
    async close() {
      s.routes.delete(path);
      if (s.routes.size > 0) return;
      if (byPort.get(port) === s) byPort.delete(port);
      await new Promise<void>((resolve) => {
        s.server.close(() => resolve());
        s.server.closeIdleConnections();
      });
    },
  };
}

/** Webhook bodies (Telegram updates, Slack payloads) are small; a bigger body is refused unread. */
export const MAX_BODY = 1024 * 1024;

/**
 * A request body of at most MAX_BODY bytes, or undefined when it is bigger — known from its
 * Content-Length, or once it streams past the cap. The rest is drained unkept, so the client
 * can read the answer (413) instead of seeing its connection reset.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length']) > MAX_BODY) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      req.off('data', keep).resume();
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', keep);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Refused requests on the webhook paths (wrong secret or signature, stale, replayed, too big),
 * counted per IP in the store (rate-limit.ts, shared by every process). Past the limit an IP is
 * answered 429 until its window ends; this process then refuses it before reading anything.
 */
export class Refusals {
  private until = new Map<string, number>();
  constructor(
    private store: Store,
    /** Reverse proxies in front (TRUST_PROXY_HOPS): see clientIp. */
    private trustedHops: number,
  ) {}

  /** Answers 429, unread, to a request whose IP is past the limit; true when it did. */
  turnAway(req: IncomingMessage, res: ServerResponse): boolean {
    const ip = clientIp(req, this.trustedHops);
    const left = (this.until.get(ip) ?? 0) - Date.now();
    if (left <= 0) {
      this.until.delete(ip);
      return false;
    }
    res.writeHead(429, { 'retry-after': String(Math.ceil(left / 1000)) }).end();
    return true;
  }

  /** Answers a request refused with `status` (429 once its IP is past the limit) and counts it. */
  async refuse(req: IncomingMessage, res: ServerResponse, status: number): Promise<void> {
    const ip = clientIp(req, this.trustedHops);
    metrics.count('thidua_webhook_refusals_total', { status: String(status) });
    const r = await rateLimit(this.store, 'webhook', ip, new Date()).catch(() => ({ ok: true, retryMinutes: 0 }));
    if (!r.ok) this.until.set(ip, Date.now() + r.retryMinutes * 60_000);
    if (!res.headersSent) res.writeHead(r.ok ? status : 429, r.ok ? {} : { 'retry-after': String(r.retryMinutes * 60) }).end();
  }
}

