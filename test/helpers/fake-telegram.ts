import { EventEmitter } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the Telegram Bot API on 127.0.0.1, speaking the real wire protocol:
 * `POST /bot<token>/<method>` with JSON, urlencoded or multipart bodies, answers
 * `{ ok, result | error_code, description, parameters }`. It records every call, long-polls
 * getUpdates, delivers updates to a webhook, validates HTML like Telegram does, can inject errors
 * and can enforce Telegram's flood limits (for broadcast benchmarks).
 */

export const TEST_TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';

export interface FakeCall {
  method: string;
  params: Record<string, any>;
  /** performance.now() when the request was read. */
  at: number;
  /** HTTP status answered. */
  status: number;
}

export interface FakeFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Flood limits like Telegram's: messages per second overall and per chat, per minute in groups. */
export interface FakeLimits {
  perSec: number;
  perChatPerSec: number;
  groupPerMin?: number;
}
export const TELEGRAM_LIMITS: FakeLimits = { perSec: 30, perChatPerSec: 1, groupPerMin: 20 };

interface InjectedError {
  method: string;
  error_code: number;
  description: string;
  retry_after?: number;
  times: number;
}

const SEND_METHODS = new Set(['sendMessage', 'sendDocument']);
const ALLOWED_TAGS = /<\/?(b|strong|i|em|u|ins|s|strike|del|code|pre|a|tg-spoiler|blockquote)(\s[^<>]*)?>/gi;

/** A text Telegram can decode: no half of a surrogate pair (JSON carries one as "\ud83d", which is not UTF-8). */
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

/** Telegram's HTML parse mode: the visible text, or the error it reports. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stripped = html.replace(ALLOWED_TAGS, '');
  const lt = stripped.search(/[<>]/);
  if (lt >= 0) return { error: `Bad Request: can't parse entities: Unsupported start tag at byte offset ${lt}` };
  const amp = /&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.exec(stripped);
  if (amp) return { error: `Bad Request: can't parse entities: Character entity expected at byte offset ${amp.index}` };
  const text = stripped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
  return { text };
}

/** A multipart/form-data body as Telegram reads it (tolerant of header spacing and unquoted values). */
export function parseMultipart(body: Buffer, contentType: string): { name: string; filename?: string; type?: string; data: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new Error('no multipart boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; filename?: string; type?: string; data: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('unterminated multipart body');
    const chunk = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) throw new Error('multipart part without headers');
    const headers = chunk.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const param = (k: string) => new RegExp(`;\\s*${k}=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(disposition);
    const name = param('name');
    if (!name) throw new Error('multipart part without a name');
    const filename = param('filename');
    parts.push({
      name: name[1] ?? name[2],
      ...(filename ? { filename: filename[1] ?? filename[2] } : {}),
      type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      data: chunk.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  language_code?: string;
}

export class FakeTelegram extends EventEmitter {
  readonly calls: FakeCall[] = [];
  /** Messages accepted by sendMessage / sendDocument, in order. */
  readonly sent: (Record<string, any> & { at: number })[] = [];
  /** Files uploaded with sendDocument. */
  readonly files: FakeFile[] = [];
  readonly bot = { id: 7000001, is_bot: true, first_name: 'Thi đua', username: 'thidua_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  readonly commands = new Map<string, { command: string; description: string }[]>();
  rejected429 = 0;
  /** Why each flood-limit 429 was answered: the overall rate, a chat's gap, a group's minute. */
  readonly floodReasons = { overall: 0, chat: 0, group: 0 };
  limits: FakeLimits | undefined;
  /** Files people "sent" (documentUpdate), served by getFile and /file/bot<token>/<path>; paths downloaded. */
  private hosted = new Map<string, { path: string; bytes: Uint8Array }>();
  readonly downloads: string[] = [];

  private server!: Server;
  private updates: Record<string, any>[] = [];
  private nextUpdateId = 100_000;
  private nextMessageId = new Map<number, number>();
  private messages = new Map<string, Record<string, any>>();
  private waiters: (() => void)[] = [];
  private injected: InjectedError[] = [];
  private queries = new Map<string, boolean>();
  private window: number[] = [];
  private lastInChat = new Map<number, number>();
  private groupWindow = new Map<number, number[]>();
  port = 0;

  constructor(readonly token = TEST_TOKEN) {
    super();
    this.setMaxListeners(0);
  }

  static async start(opts: { token?: string; limits?: FakeLimits } = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts.token);
    fake.limits = opts.limits;
    fake.server = createServer((req, res) => void fake.serve(req, res));
    fake.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The value for TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  // ---- updates -------------------------------------------------------------------------

  /** Queues an update for getUpdates (assigns update_id when missing); returns it. */
  queue(update: Record<string, any>): Record<string, any> {
    const u = { update_id: update.update_id ?? this.nextUpdateId++, ...update };
    this.updates.push(u);
    for (const w of this.waiters.splice(0)) w();
    return u;
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  get pending(): number {
    return this.updates.length;
  }

  /** A text message update, with entities for a leading bot command and @mentions, as Telegram sends. */
  textUpdate(opts: { chatId: number; from: FakeUser; text: string; group?: boolean }): Record<string, any> {
    const entities: Record<string, any>[] = [];
    const cmd = /^\/\S+/.exec(opts.text);
    if (cmd) entities.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
    for (const m of opts.text.matchAll(/@\w+/g)) if (m.index! > 0 || !cmd) entities.push({ type: 'mention', offset: m.index, length: m[0].length });
    const chat = opts.group ? { id: opts.chatId, type: 'supergroup', title: 'Cụm thi đua số III' } : { id: opts.chatId, type: 'private', first_name: opts.from.first_name ?? 'User' };
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.messageIdFor(opts.chatId),
        from: { is_bot: false, first_name: 'User', ...opts.from },
        chat,
        date: Math.floor(Date.now() / 1000),
        text: opts.text,
        ...(entities.length ? { entities } : {}),
      },
    };
  }

  /**
   * A document message from a person, as Telegram sends it: the file's id, name, MIME type and size
   * (`declaredSize` to claim another size); the bytes are served by getFile and the file URL.
   */
  documentUpdate(opts: { chatId: number; from: FakeUser; name: string; bytes: Uint8Array; mime?: string; declaredSize?: number }): Record<string, any> {
    const n = this.hosted.size + 1;
    const fileId = `DOC${n}-${Math.random().toString(36).slice(2, 8)}`;
    this.hosted.set(fileId, { path: `documents/file_${n}${/\.[a-z0-9]+$/i.exec(opts.name)?.[0] ?? ''}`, bytes: opts.bytes });
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.messageIdFor(opts.chatId),
        from: { is_bot: false, first_name: 'User', ...opts.from },
        chat: { id: opts.chatId, type: 'private', first_name: opts.from.first_name ?? 'User' },
        date: Math.floor(Date.now() / 1000),
        document: { file_id: fileId, file_unique_id: `U${fileId}`, file_name: opts.name, mime_type: opts.mime ?? 'application/octet-stream', file_size: opts.declaredSize ?? opts.bytes.length },
      },
    };
  }

  /** A button press on a message the bot sent (as returned in `sent`). */
  pressUpdate(message: Record<string, any>, data: string, from: FakeUser): Record<string, any> {
    const id = String(BigInt(from.id) * 1000n + BigInt(this.nextUpdateId));
    this.queries.set(id, false);
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id,
        from: { is_bot: false, first_name: 'User', ...from },
        message: { message_id: message.message_id, from: this.bot, chat: message.chat, date: message.date, text: message.text ?? '', reply_markup: message.reply_markup },
        chat_instance: String(message.chat.id),
        data,
      },
    };
  }

  /** Whether a callback query was answered. */
  answered(queryId: string): boolean {
    return this.queries.get(queryId) === true;
  }

  /** POSTs an update (or raw body) to the registered webhook, as Telegram does; returns the status. */
  /** `secret`: the header to send (default: the registered one; null: no header). */
  deliver(update: Record<string, any> | string, secret: string | null | undefined = this.webhook?.secret_token): Promise<number> {
    if (!this.webhook) throw new Error('no webhook set');
    const body = typeof update === 'string' ? update : JSON.stringify(update);
    const url = new URL(this.webhook.url);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(typeof secret === 'string' ? { 'x-telegram-bot-api-secret-token': secret } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  // ---- assertions ----------------------------------------------------------------------

  /** Makes the next `times` calls of `method` fail (e.g. 429 with retry_after). */
  fail(method: string, error: { error_code: number; description: string; retry_after?: number }, times = 1): void {
    this.injected.push({ method, times, ...error });
  }

  /** Resolves with the first call (from index `from`) matching, or rejects after `timeoutMs`. */
  waitFor(pred: (c: FakeCall) => boolean, opts: { from?: number; timeoutMs?: number } = {}): Promise<FakeCall> {
    return this.waitForCount(pred, 1, opts).then((c) => c[0]);
  }

  /** Resolves once `n` calls (from index `from`) match. */
  waitForCount(pred: (c: FakeCall) => boolean, n: number, opts: { from?: number; timeoutMs?: number } = {}): Promise<FakeCall[]> {
    const from = opts.from ?? 0;
    const found = () => this.calls.slice(from).filter((c) => c.status === 200 && pred(c));
    return new Promise((resolve, reject) => {
      const check = () => {
        const f = found();
        if (f.length >= n) {
          cleanup();
          resolve(f.slice(0, n));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake telegram: timed out waiting for ${n} call(s); saw ${this.calls.slice(from).map((c) => c.method).join(', ') || 'none'}`));
      }, opts.timeoutMs ?? 5000);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('call', check);
      };
      this.on('call', check);
      check();
    });
  }

  /** Sends per chat, 429s, and chats that got the same text twice (for broadcast benchmarks). */
  stats() {
    const perChat = new Map<string, number>();
    const seen = new Set<string>();
    let duplicates = 0;
    for (const m of this.sent) {
      const chat = String(m.chat.id);
      perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
      const k = `${chat}\u0000${m.text ?? m.document?.file_name}`;
      if (seen.has(k)) duplicates++;
      seen.add(k);
    }
    return { sent: this.sent.length, rejected429: this.rejected429, duplicates, perChat };
  }

  // ---- protocol ------------------------------------------------------------------------

  private messageIdFor(chatId: number): number {
    const n = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, n);
    return n;
  }

  private chat(chatId: number) {
    return chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Cụm thi đua số III' } : { id: chatId, type: 'private', first_name: 'User' };
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (file) {
      const hosted = [...this.hosted.values()].find((h) => h.path === file[2]);
      if (file[1] !== this.token || !hosted) return void res.writeHead(404).end('Not Found');
      this.downloads.push(file[2]);
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hosted.bytes.length }).end(Buffer.from(hosted.bytes));
    }
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const at = performance.now();
    const answer = (status: number, body: Record<string, any>, method = m?.[2] ?? '?', params: Record<string, any> = {}) => {
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const call = { method, params, at, status };
      this.calls.push(call);
      this.emit('call', call);
    };
    const error = (code: number, description: string, extra: Record<string, any> = {}) => ({ ok: false, error_code: code, description, ...extra });
    if (!m) return answer(404, error(404, 'Not Found'));
    if (m[1] !== this.token) return answer(401, error(401, 'Unauthorized'));
    const method = m[2];
    let params: Record<string, any>;
    try {
      params = await this.parseParams(req, Buffer.concat(chunks));
    } catch {
      return answer(400, error(400, 'Bad Request: invalid request body'), method);
    }
    const injected = this.injected.find((e) => e.method === method && e.times > 0);
    if (injected) {
      injected.times--;
      if (injected.error_code === 429) this.rejected429++;
      return answer(injected.error_code, error(injected.error_code, injected.description, injected.retry_after !== undefined ? { parameters: { retry_after: injected.retry_after } } : {}), method, params);
    }
    if (SEND_METHODS.has(method) && this.limits) {
      const retry = this.flood(Number(params.chat_id));
      if (retry > 0) {
        this.rejected429++;
        return answer(429, error(429, `Too Many Requests: retry after ${retry}`, { parameters: { retry_after: retry } }), method, params);
      }
    }
    try {
      const result = await this.method(method, params, req, res);
      if (result === undefined) return; // client went away during a long poll
      answer(200, { ok: true, result }, method, params);
    } catch (e) {
      const err = e as { code?: number; message: string };
      answer(err.code ?? 400, error(err.code ?? 400, err.message), method, params);
    }
  }

  private async parseParams(req: IncomingMessage, body: Buffer): Promise<Record<string, any>> {
    const params: Record<string, any> = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    const type = req.headers['content-type'] ?? '';
    if (body.length === 0) return params;
    if (type.startsWith('application/json')) return { ...params, ...JSON.parse(body.toString('utf8')) };
    if (type.startsWith('application/x-www-form-urlencoded')) return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
    if (type.startsWith('multipart/form-data')) {
      const files = new Map<string, FakeFile>();
      for (const part of parseMultipart(body, type)) {
        if (part.filename === undefined) {
          const v = part.data.toString('utf8');
          params[part.name] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        } else files.set(part.name, { name: part.filename, type: part.type ?? '', bytes: new Uint8Array(part.data) });
      }
      for (const [k, v] of Object.entries(params))
        if (typeof v === 'string' && v.startsWith('attach://')) params[k] = files.get(v.slice('attach://'.length)) ?? v;
      for (const [k, f] of files) if (!(k in params)) params[k] = f;
      return params;
    }
    throw new Error('unsupported content type');
  }

  /** Seconds to wait when a send would break the flood limits; 0 when it may go. */
  private flood(chatId: number): number {
    const l = this.limits!;
    const now = performance.now();
    this.window = this.window.filter((t) => now - t < 1000);
    if (this.window.length >= l.perSec) {
      this.floodReasons.overall++;
      return Math.max(1, Math.ceil((this.window[0] + 1000 - now) / 1000));
    }
    const last = this.lastInChat.get(chatId);
    const gap = 1000 / l.perChatPerSec;
    if (last !== undefined && now - last < gap) {
      this.floodReasons.chat++;
      return Math.max(1, Math.ceil((last + gap - now) / 1000));
    }
    if (chatId < 0 && l.groupPerMin) {
      const w = (this.groupWindow.get(chatId) ?? []).filter((t) => now - t < 60_000);
      this.groupWindow.set(chatId, w);
      if (w.length >= l.groupPerMin) {
        this.floodReasons.group++;
        return Math.max(1, Math.ceil((w[0] + 60_000 - now) / 1000));
      }
      w.push(now);
    }
    this.window.push(now);
    this.lastInChat.set(chatId, now);
    return 0;
  }

  private async method(method: string, p: Record<string, any>, req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const fail = (message: string, code = 400) => Object.assign(new Error(message), { code });
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'setMyCommands':
        this.commands.set(p.language_code ?? '', p.commands ?? []);
        return true;
      case 'getMyCommands':
        return this.commands.get(p.language_code ?? '') ?? [];
      case 'setWebhook':
        if (!p.url) this.webhook = undefined;
        else this.webhook = { url: p.url, secret_token: p.secret_token, allowed_updates: p.allowed_updates };
        return true;
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates) this.updates = [];
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.updates.length };
      case 'getUpdates':
        return this.getUpdates(p, req, res);
      case 'getFile': {
        const h = this.hosted.get(String(p.file_id));
        if (!h) throw fail('Bad Request: invalid file_id');
        if (h.bytes.length > 20 * 1024 * 1024) throw fail('Bad Request: file is too big');
        return { file_id: p.file_id, file_unique_id: `U${p.file_id}`, file_size: h.bytes.length, file_path: h.path };
      }
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id);
        if (this.queries.get(id) !== false) throw fail('Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.queries.set(id, true);
        return true;
      }
      case 'editMessageReplyMarkup': {
        const msg = this.messages.get(`${p.chat_id}:${p.message_id}`);
        if (!msg) throw fail('Bad Request: message to edit not found');
        if (!msg.reply_markup && !p.reply_markup) throw fail('Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        if (p.reply_markup?.inline_keyboard?.length) msg.reply_markup = p.reply_markup;
        else delete msg.reply_markup;
        return msg;
      }
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        if (!Number.isSafeInteger(chatId)) throw fail('Bad Request: chat not found');
        let text = String(p.text ?? '');
        if (!wellFormed(text)) throw fail('Bad Request: text must be encoded in UTF-8');
        if (p.parse_mode === 'HTML') {
          const parsed = parseTelegramHtml(text);
          if ('error' in parsed) throw fail(parsed.error);
          text = parsed.text;
        }
        if (text.trim().length === 0) throw fail('Bad Request: message text is empty');
        if (text.length > 4096) throw fail('Bad Request: message is too long');
        this.checkMarkup(p.reply_markup, fail);
        return this.store({ text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) }, chatId, p);
      }
      case 'sendDocument': {
        const chatId = Number(p.chat_id);
        const file = p.document as FakeFile | string | undefined;
        if (!file || typeof file === 'string') throw fail('Bad Request: there is no document in the request');
        let caption = p.caption as string | undefined;
        if (caption !== undefined && !wellFormed(caption)) throw fail('Bad Request: message caption must be encoded in UTF-8');
        if (caption !== undefined && p.parse_mode === 'HTML') {
          const parsed = parseTelegramHtml(caption);
          if ('error' in parsed) throw fail(parsed.error);
          caption = parsed.text;
        }
        if (caption && caption.length > 1024) throw fail('Bad Request: message caption is too long');
        this.checkMarkup(p.reply_markup, fail);
        this.files.push(file);
        const document = { file_name: file.name, mime_type: file.type || 'application/octet-stream', file_id: `F${this.files.length}`, file_unique_id: `U${this.files.length}`, file_size: file.bytes.length };
        return this.store({ document, ...(caption ? { caption } : {}), ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) }, chatId, p);
      }
      default:
        throw fail('Not Found: method not found', 404);
    }
  }

  private checkMarkup(markup: any, fail: (m: string) => Error) {
    for (const row of markup?.inline_keyboard ?? [])
      for (const b of row) if (typeof b.callback_data === 'string' && Buffer.byteLength(b.callback_data) > 64) throw fail('Bad Request: BUTTON_DATA_INVALID');
  }

  private store(content: Record<string, any>, chatId: number, p: Record<string, any>) {
    const msg = { message_id: this.messageIdFor(chatId), from: this.bot, chat: this.chat(chatId), date: Math.floor(Date.now() / 1000), ...content };
    this.messages.set(`${chatId}:${msg.message_id}`, msg);
    this.sent.push({ ...msg, at: performance.now(), params: p });
    return msg;
  }

  private async getUpdates(p: Record<string, any>, req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    if (this.webhook) throw Object.assign(new Error("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"), { code: 409 });
    const offset = p.offset !== undefined ? Number(p.offset) : undefined;
    if (offset !== undefined) this.updates = this.updates.filter((u) => u.update_id >= offset);
    const limit = Math.min(100, Number(p.limit ?? 100));
    const deadline = Date.now() + Math.min(50, Number(p.timeout ?? 0)) * 1000;
    for (;;) {
      if (this.updates.length > 0) return this.updates.slice(0, limit);
      if (res.destroyed || req.socket.destroyed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) return [];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          res.off('close', done);
          resolve();
        }
        res.once('close', done);
        this.waiters.push(done);
      });
    }
  }
}
