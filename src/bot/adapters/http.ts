import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One HTTP server per port, shared by the adapters that need one (Telegram webhook, Slack HTTP
 * mode), so both can run on PORT at once. Each mounts its exact path; `GET /healthz` answers 200,
 * or 503 while a mount's health check (the store: writes failing) says no.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type HealthCheck = () => Promise<boolean>;

export interface Mount {
  port: number;
  /** Removes the route; the server closes with its last route. */
  close(): Promise<void>;
}

interface Shared {
  server: Server;
  routes: Map<string, { handler: Handler; healthy?: HealthCheck }>;
  port: number;
}

async function healthz(routes: Shared['routes'], res: ServerResponse) {
  const checks = await Promise.all([...routes.values()].map((r) => (r.healthy ? r.healthy().catch(() => false) : true)));
  const ok = checks.every(Boolean);
  res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'unhealthy: the store is failing');
}

const byPort = new Map<number, Shared>();

async function open(port: number, host?: string): Promise<Shared> {
  const routes: Shared['routes'] = new Map();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.get(path);
    if (route) return route.handler(req, res);
    if (req.method === 'GET' && path === '/healthz') return void healthz(routes, res);
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, routes, port: (server.address() as AddressInfo).port };
}

export async function mount(port: number, path: string, handler: Handler, host?: string, healthy?: HealthCheck): Promise<Mount> {
  let shared = port === 0 ? undefined : byPort.get(port);
  if (!shared) {
    shared = await open(port, host);
    if (port !== 0) byPort.set(port, shared);
  }
  if (shared.routes.has(path)) throw new Error(`HTTP path ${path} is already served on port ${shared.port}`);
  shared.routes.set(path, { handler, healthy });
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
