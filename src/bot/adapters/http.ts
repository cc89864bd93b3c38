import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One HTTP server per port, shared by the adapters that need one (Telegram webhook, Slack HTTP
 * mode), so both can run on PORT at once. Each mounts its exact path; `GET /healthz` answers 200.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Mount {
  port: number;
  /** Removes the route; the server closes with its last route. */
  close(): Promise<void>;
}

interface Shared {
  server: Server;
  routes: Map<string, Handler>;
  port: number;
}

const byPort = new Map<number, Shared>();

async function open(port: number, host?: string): Promise<Shared> {
  const routes = new Map<string, Handler>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    if (req.method === 'GET' && path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, routes, port: (server.address() as AddressInfo).port };
}

export async function mount(port: number, path: string, handler: Handler, host?: string): Promise<Mount> {
  let shared = port === 0 ? undefined : byPort.get(port);
  if (!shared) {
    shared = await open(port, host);
    if (port !== 0) byPort.set(port, shared);
  }
  if (shared.routes.has(path)) throw new Error(`HTTP path ${path} is already served on port ${shared.port}`);
  shared.routes.set(path, handler);
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
