import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP load balancer on 127.0.0.1, as in front of several replicas: each request goes
 * to the next backend; a backend that refuses the connection (dead) is skipped; a request cut
 * mid-way is answered 502, so the sender (Telegram) delivers it again. `routed` tells which
 * backend answered each request (by the update_id of a Telegram update body).
 */
export class Balancer {
  private next = 0;
  readonly routed = new Map<number, number>();
  private constructor(
    private server: Server,
    readonly backends: number[],
  ) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  static async start(backends: number[]): Promise<Balancer> {
    const server = createServer();
    const lb = new Balancer(server, backends);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const attempt = (tries: number) => {
          const i = lb.next++ % backends.length;
          const up = request({ host: '127.0.0.1', port: backends[i], method: req.method, path: req.url, headers: req.headers }, (r) => {
            const id = (() => {
              try {
                return JSON.parse(body.toString()).update_id;
              } catch {
                return undefined;
              }
            })();
            if (typeof id === 'number' && r.statusCode === 200) lb.routed.set(id, i);
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          });
          up.on('error', (err: NodeJS.ErrnoException) => {
            if (err.code === 'ECONNREFUSED' && tries < backends.length) return attempt(tries + 1);
            if (!res.headersSent) res.writeHead(502).end();
          });
          up.end(body);
        };
        attempt(1);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return lb;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }
}
