import { afterAll, beforeAll } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../../src/app.js';
import type { Module } from '../../src/bot/context.js';
import { Runtime } from '../../src/bot/runtime.js';
import { startSlack, type SlackAdapter } from '../../src/bot/adapters/slack/index.js';
import { testApp } from './app.js';

/** One Web API call as the fake received it; JSON-encoded fields (blocks, view) are decoded. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
  /** What the fake answered (e.g. the id and hash of an opened view). */
  result?: Record<string, any>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function parseParams(body: Buffer, type = ''): Record<string, any> {
  if (type.includes('application/json')) return body.length ? JSON.parse(body.toString('utf8')) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** The file of an upload: the raw body, or the first part of a multipart/form-data body. */
function fileBytes(body: Buffer, type = ''): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!type.startsWith('multipart/') || !boundary) return body;
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.indexOf(`\r\n--${boundary[1] ?? boundary[2]}`, start);
  return body.subarray(start, end);
}

/**
 * A local Slack: the Web API under /api/<method> (records every call, can answer 429 with
 * Retry-After), response_urls under /respond/<id>, file upload URLs under /upload/<id>.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Bodies posted to response_urls, in order, with the id of the url. */
  readonly responses: { id: string; body: Record<string, any> }[] = [];
  readonly uploads: { id: string; bytes: Buffer }[] = [];
  /** Files people shared (hostFile), served under /files/<id> to a request with the bot token; ids downloaded. */
  private shared = new Map<string, Buffer>();
  readonly fileDownloads: string[] = [];
  /** Every HTTP hit (429s included), to count attempts. */
  readonly hits: string[] = [];
  /** Profiles served by users.info; others get a Vietnamese default. */
  readonly users: Record<string, { real_name?: string; locale?: string }> = {};
  private limited = new Map<string, { times: number; retryAfter: number }>();
  private failing = new Map<string, string>();
  private waiters: (() => void)[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  /** Socket Mode: open connections, and the acknowledgements the app sent back. */
  readonly sockets: WebSocket[] = [];
  readonly socketAcks: { envelope_id: string; payload?: unknown }[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const path = (req.url ?? '').split('?')[0];
      this.hits.push(path);
      const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
        this.notify();
      };
      if (path.startsWith('/respond/')) {
        this.responses.push({ id: path.slice('/respond/'.length), body: parseParams(body, req.headers['content-type']) });
        return json(200, { ok: true });
      }
      if (path.startsWith('/files/')) {
        const id = path.slice('/files/'.length);
        const bytes = this.shared.get(id);
        if (!bytes || req.headers.authorization !== 'Bearer xoxb-test-token') {
          res.writeHead(bytes ? 403 : 404).end();
          return this.notify();
        }
        this.fileDownloads.push(id);
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
        return this.notify();
      }
      if (path.startsWith('/upload/')) {
        this.uploads.push({ id: path.slice('/upload/'.length), bytes: fileBytes(body, req.headers['content-type']) });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - ' + body.length);
        return this.notify();
      }
      const m = /^\/api\/([\w.]+)$/.exec(path);
      if (!m) return json(404, { ok: false, error: 'unknown_path' });
      const method = m[1];
      const limit = this.limited.get(method);
      if (limit && limit.times > 0) {
        limit.times--;
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
      }
      const params = parseParams(body, req.headers['content-type']);
      const call: ApiCall = { method, params };
      this.calls.push(call);
      const error = this.failing.get(method);
      call.result = error ? { ok: false, error } : this.answer(method, params);
      json(200, call.result);
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.sockets.push(ws);
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.envelope_id) this.socketAcks.push(msg);
        this.notify();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A1' } }));
      this.notify();
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private answer(method: string, params: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'thidua', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts: `${Date.now() / 1000}`, message: { text: params.text } };
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: params.view_id ?? `V${this.calls.length}`, hash: `h${this.calls.length}`, ...params.view } };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http:', 'ws:')}/socket` };
      case 'users.info':
        return { ok: true, user: { id: params.user, name: String(params.user).toLowerCase(), real_name: `Người dùng ${params.user}`, locale: 'vi-VN', ...this.users[params.user] } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${params.users}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F${this.calls.length}`, file_id: `F${this.calls.length}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: params.files ?? [] };
      default:
        return { ok: true };
    }
  }

  /** A file a person shares in a DM: the `files[0]` of a file_share message event, its bytes served to the bot token. */
  hostFile(name: string, bytes: Buffer, mimetype = 'application/pdf') {
    const id = `F${this.shared.size + 1}${name.length}`;
    this.shared.set(id, bytes);
    return { id, name, title: name, size: bytes.length, mimetype, url_private_download: `${this.url}/files/${id}` };
  }

  /** The next `times` calls of `method` get 429 with Retry-After `seconds`. */
  rateLimit(method: string, times = 1, seconds = 1) {
    this.limited.set(method, { times, retryAfter: seconds });
  }

  /** `method` answers `{ ok: false, error }` until `fail(method)` is called again without an error. */
  fail(method: string, error?: string) {
    if (error) this.failing.set(method, error);
    else this.failing.delete(method);
  }

  responseUrl(id: string) {
    return `${this.url}/respond/${id}`;
  }

  calledWith(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `check` holds (re-checked after every request); the test timeout bounds it. */
  async until<T>(check: () => T | undefined | false): Promise<T> {
    for (;;) {
      const v = check();
      if (v) return v;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Socket Mode: pushes an envelope (slash_commands, interactive, events_api) to the app. */
  push(envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean }) {
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
  }

  async stop() {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export const SIGNING_SECRET = 'test-signing-secret';

/** Sends a request to the bot signed like Slack does (v0 HMAC-SHA256 of "v0:ts:body"). */
export function signedPost(
  port: number,
  body: string,
  opts: { type?: string; secret?: string; timestamp?: number; path?: string } = {},
): Promise<{ status: number; body: string }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', opts.secret ?? SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: opts.path ?? '/slack/events',
        method: 'POST',
        headers: {
          'content-type': opts.type ?? 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-signature': sig,
          'x-slack-request-timestamp': String(ts),
        },
      },
      async (res) => resolve({ status: res.statusCode ?? 0, body: (await readBody(res)).toString('utf8') }),
    );
    req.on('error', reject);
    req.end(body);
  });
}

let seq = 0;

/** A Slack user of the fake workspace, speaking the real payload formats. */
export function slackUser(port: number, fake: FakeSlack, user = 'U1', team = 'T1') {
  return {
    user,
    team,
    /** `/thidua <text>` as Slack posts it (form-encoded); returns the HTTP answer and the response_url id. */
    async command(text: string, opts: { channel?: string; secret?: string; timestamp?: number; id?: string } = {}) {
      const id = opts.id ?? `c${++seq}`;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: team,
        team_domain: 'fake',
        channel_id: opts.channel ?? 'C1',
        channel_name: 'general',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/thidua',
        text,
        api_app_id: 'A1',
        response_url: fake.responseUrl(id),
        trigger_id: `trig-${id}`,
      }).toString();
      return { id, trigger: `trig-${id}`, res: await signedPost(port, body, opts) };
    },
    /** Presses a button of a message the bot answered through response_url `id` (or posted in `channel`). */
    async press(button: { action_id: string; value: string }, opts: { channel?: string; ephemeral?: boolean } = {}) {
      const id = `a${++seq}`;
      const payload = {
        type: 'block_actions',
        team: { id: team, domain: 'fake' },
        user: { id: user, username: user.toLowerCase(), team_id: team },
        api_app_id: 'A1',
        trigger_id: `trig-${id}`,
        container: { type: 'message', message_ts: '1.1', channel_id: opts.channel ?? 'C1', is_ephemeral: opts.ephemeral ?? true },
        channel: { id: opts.channel ?? 'C1', name: 'general' },
        response_url: fake.responseUrl(id),
        actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' }],
      };
      return { id, trigger: `trig-${id}`, res: await signedPost(port, new URLSearchParams({ payload: JSON.stringify(payload) }).toString()) };
    },
    /** Submits a modal the bot opened, with `values` in Slack's view.state.values shape. */
    async submit(view: Record<string, any>, values: Record<string, Record<string, unknown>>) {
      const payload = {
        type: 'view_submission',
        team: { id: team, domain: 'fake' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
        api_app_id: 'A1',
        trigger_id: `trig-v${++seq}`,
        view: { id: 'V1', team_id: team, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values }, hash: 'h' },
      };
      return signedPost(port, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    },
    /** An Events API callback (message.im, app_mention). */
    async event(event: Record<string, unknown>) {
      const body = JSON.stringify({ token: 'legacy', team_id: team, api_app_id: 'A1', type: 'event_callback', event_id: `Ev${++seq}`, event_time: 1, event: { user, ...event } });
      return signedPost(port, body, { type: 'application/json' });
    },
  };
}

/** The plain text of all section blocks of a posted message. */
export const sectionText = (msg: { blocks?: { type: string; text?: { text: string } }[]; text?: string }) =>
  (msg.blocks ?? []).filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n') || msg.text || '';

/** The buttons of a posted message. */
export const buttonsOf = (msg: { blocks?: { type: string; elements?: any[] }[] }) =>
  (msg.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []) as { action_id: string; value: string; text: { text: string } }[];

/**
 * The app with the Slack adapter on 127.0.0.1:0 against `fake`; `modules` replace the app's
 * modules when given (test-only commands and flows).
 */
export async function slackApp(fake: FakeSlack, opts: { modules?: (app: App) => Module[]; env?: Record<string, string> } = {}) {
  const base = await testApp({ env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, ...opts.env } });
  const runtime = opts.modules ? new Runtime(base.services, opts.modules(base)) : base.runtime;
  const app: App = { ...base, runtime };
  const adapter: SlackAdapter = await startSlack(app, { port: 0 });
  return {
    app,
    adapter,
    port: adapter.port!,
    async stop() {
      await adapter.stop();
      await app.close();
    },
  };
}

/**
 * A fake Slack and the app with the Slack adapter against it, started before the tests of the
 * enclosing suite and stopped after them: `const s = slackSuite(); … s.fake, s.bot`.
 */
export function slackSuite(opts: Parameters<typeof slackApp>[1] = {}) {
  const s = {} as { fake: FakeSlack; bot: Awaited<ReturnType<typeof slackApp>> };
  beforeAll(async () => {
    s.fake = await new FakeSlack().start();
    s.bot = await slackApp(s.fake, opts);
  });
  afterAll(async () => {
    await s.bot?.stop();
    await s.fake?.stop();
  });
  return s;
}
