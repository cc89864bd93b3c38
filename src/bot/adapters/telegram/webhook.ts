import { timingSafeEqual } from 'node:crypto';
import { mount, readBody, type HealthChecks, type Refusals } from '../http.js';
import { logger } from '../../../log.js';

const log = logger('telegram');

export interface WebhookServer {
  port: number;
  /** Stops accepting requests and waits for the updates already accepted. */
  close(): Promise<void>;
}

function sameSecret(got: string | undefined, want: string): boolean {
  if (got === undefined) return false;
  const a = Buffer.from(got);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook endpoint: POST `path` with the right `X-Telegram-Bot-Api-Secret-Token` is answered
 * 200 at once and the update handled after, so a slow answer never makes Telegram redeliver;
 * a wrong or missing secret gets 401 (429 for an IP that keeps failing), a body over 1 MB 413.
 * Served on the shared server of `port` (http.ts).
 */
export async function startWebhookServer(opts: {
  port: number;
  path: string;
  secret: string;
  host?: string;
  refusals: Refusals;
  /** Persists the update before it is acknowledged. */
  accept?(update: unknown): Promise<void>;
  /** For GET /healthz: the store (false while updates cannot be kept) and the queue. */
  health?: HealthChecks;
  onUpdate(update: unknown): Promise<void>;
}): Promise<WebhookServer> {
  const inFlight = new Set<Promise<void>>();
  const route = await mount(opts.port, opts.path, async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    // The secret is checked first, so Telegram is served even from an IP others abuse (a shared proxy).
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'] as string | undefined, opts.secret)) {
      req.resume();
      if (opts.refusals.turnAway(req, res)) return;
      log.warn('webhook request refused: wrong or missing secret token', { remote: req.socket.remoteAddress });
      await opts.refusals.refuse(req, res, 401);
      return;
    }
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    if (!body) {
      log.warn('webhook body over 1 MB refused', { remote: req.socket.remoteAddress });
      await opts.refusals.refuse(req, res, 413);
      return;
    }
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(200).end();
      log.warn('webhook body is not JSON; ignored', { bytes: body.length });
      return;
    }
    // Kept before the 200, so an update Telegram considers delivered survives a crash.
    try {
      await opts.accept?.(update);
    } catch (err) {
      log.error('could not keep the update; Telegram will redeliver it', { error: err });
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200).end();
    const work = opts.onUpdate(update).catch((err) => log.error('update failed', { error: err }));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }, opts.host, opts.health);
  return {
    port: route.port,
    async close() {
      await route.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}
