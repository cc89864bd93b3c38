import { Bot, InputFile, type Api } from 'grammy';
import type { BotCommand, InlineKeyboardMarkup } from 'grammy/types';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { z } from 'zod';
import type { App } from '../../app.js';
import { logger } from '../../log.js';
import type { Command } from '../context.js';
import { tr, type Msg } from '../i18n.js';
import type { Sender } from '../outbox.js';
import { collectSkipped } from '../quarantine.js';
import { Repo } from '../repo.js';
import { commandKey, startPayload } from '../router.js';
import { truncate } from '../truncate.js';
import type { Address, Locale, Reply } from '../types.js';
import type { Adapter } from './index.js';
import { Buttons } from './telegram-buttons.js';
import { keyboardRows, MAX_CAPTION, splitMessage, toHtml } from './telegram-render.js';
import { ALLOWED_UPDATES, chatOf, mapUpdate, type BotIdentity } from './telegram-update.js';
import { Refusals } from './http.js';
import { startWebhookServer, type WebhookServer } from './telegram-webhook.js';
import { telegramFile } from './telegram-file.js';

const log = logger('telegram');

const M = {
  staleButton: { vi: 'Nút này không còn hiệu lực. Vui lòng gõ lại lệnh nếu cần.', en: 'This button is no longer valid. Please type the command again if needed.' },
  flood: {
    vi: '⚠️ Trong lúc bot tạm ngừng, bạn đã gửi {n} tin nhắn. Bot chỉ xử lý {kept} tin nhắn gần nhất; {dropped} tin nhắn cũ hơn đã bị bỏ qua — vui lòng gửi lại nếu cần.',
    en: '⚠️ While the bot was down you sent {n} messages. Only the latest {kept} are handled; the {dropped} older ones were dropped — please send them again if needed.',
  },
} satisfies Record<string, Msg>;

/** Redelivered updates within this window are handled once. */
const UPDATE_DEDUP_MS = 86400_000;
/** Of the updates one chat sent while the bot was down, at most this many (the newest) are handled. */
const MAX_LEFTOVERS_PER_CHAT = 10;

export interface TelegramAdapter extends Adapter {
  me: BotIdentity;
  /** The webhook server's port (webhook mode). */
  port?: number;
}

/** The bot's identity; a few quick attempts, then a clear start-up failure. */
async function getMe(bot: Bot): Promise<Bot['botInfo']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bot.api.getMe();
    } catch (err) {
      if (attempt >= 3) throw new Error(`Telegram getMe failed: ${err instanceof Error ? err.message : String(err)}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

/** Telegram chat ids of groups and channels are negative. */
export const isGroupChat = (chatId: string) => chatId.startsWith('-');

/** The command menu in one language: Telegram names are [a-z0-9_]{1,32}, descriptions 1–256. */
export function menuCommands(list: Command[], locale: Locale): BotCommand[] {
  const out: BotCommand[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    // The menu is the same for everyone: hidden and role-restricted commands stay out of it.
    if (c.roles) continue;
    const name = commandKey((locale === 'en' ? c.names[1] : undefined) ?? c.names[0]);
    if (!/^[a-z0-9_]{1,32}$/.test(name) || seen.has(name)) continue;
    seen.add(name);
    out.push({ command: name, description: truncate(tr(locale, c.description), 256) || name });
  }
  return out;
}

/**
 * Delivers replies: HTML-escaped text split to Telegram's size, server-side buttons, documents;
 * a group answer that continues in private gets the deep link to the bot's private chat.
 */
export function telegramSender(api: Api, buttons: Buttons, bot: string): Sender {
  return {
    platform: 'telegram',
    isGroup: isGroupChat,
    async send(chatId: string, reply: Reply, to?: Address) {
      if (reply.personal && isGroupChat(chatId)) throw new Error('refusing to post personal data in a group chat');
      let markup: InlineKeyboardMarkup | undefined;
      if (reply.choices?.length) {
        const data = await buttons.issue(reply.choices.map((c) => c.value), chatId, to?.userId ?? chatId);
        markup = { inline_keyboard: keyboardRows(reply.choices, (i) => data[i]) };
      }
      const link = reply.toPrivate ? `\n\n👉 https://t.me/${bot}?start=${startPayload(reply.toPrivate)}` : '';
      const text = reply.text.trim() + link;
      const sendText = async (body: string, withMarkup: boolean) => {
        const parts = splitMessage(body);
        for (let i = 0; i < parts.length; i++)
          await api.sendMessage(chatId, toHtml(parts[i], reply.format), {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(withMarkup && i === parts.length - 1 && markup ? { reply_markup: markup } : {}),
          });
      };
      if (reply.file) {
        const caption = text && text.length <= MAX_CAPTION ? text : undefined;
        if (text && !caption) await sendText(text, false);
        await api.sendDocument(chatId, new InputFile(reply.file.bytes, reply.file.name), {
          ...(caption ? { caption: toHtml(caption, reply.format), parse_mode: 'HTML' } : {}),
          ...(markup ? { reply_markup: markup } : {}),
        });
        return;
      }
      if (text || markup) await sendText(text || '…', true);
    },
  };
}

/**
 * The Telegram adapter (grammY): long polling with @grammyjs/runner by default, a webhook when
 * TELEGRAM_WEBHOOK_URL is set. Updates of one chat are handled in order, each update once.
 */
export async function startTelegram(app: App, opts: { host?: string } = {}): Promise<TelegramAdapter> {
  const { config, services, runtime, store } = app;
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN!, config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } } : {});
  // 429 retry_after and 5xx are retried (bounded); a network error surfaces at once instead of a silent endless retry.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  // getMe ourselves: bot.init() retries a network failure forever, and an operator must hear about it.
  bot.botInfo = await getMe(bot);
  const me: BotIdentity = { id: bot.botInfo.id, username: bot.botInfo.username };
  const api = bot.api;
  const buttons = new Buttons(store, services.now);
  services.outbox.register(telegramSender(api, buttons, me.username));

  for (const [locale, extra] of [['vi', {}], ['en', { language_code: 'en' as const }]] as const)
    await api.setMyCommands(menuCommands(runtime.router.list, locale), extra).catch((err) => log.warn('setMyCommands failed', { locale, error: err }));

  async function handle(update: unknown): Promise<void> {
    const m = mapUpdate(update, me);
    if (m.kind === 'ignored') {
      log.info('update ignored', { reason: m.reason });
      if (m.queryId) await api.answerCallbackQuery(m.queryId).catch(() => undefined);
      return;
    }
    const updateId = (update as { update_id: number }).update_id;
    if (!(await store.claim(`tg-update:${me.id}:${updateId}`, UPDATE_DEDUP_MS))) {
      log.info('duplicate update ignored', { updateId });
      return;
    }
    const inc = m.incoming;
    let replies: Reply[];
    if (m.kind === 'press') {
      const value = await buttons.resolve(m.data, inc.chatId, inc.userId);
      if (value === undefined) {
        const locale = await runtime.localeFor(inc).catch(() => 'vi' as const);
        await api.answerCallbackQuery(m.queryId, { text: tr(locale, M.staleButton), show_alert: true });
        return;
      }
      await api.answerCallbackQuery(m.queryId).catch((err) => log.warn('answerCallbackQuery failed', { error: err }));
      if (m.messageId !== undefined)
        await api.editMessageReplyMarkup(inc.chatId, m.messageId).catch((err) => log.warn('removing a used keyboard failed', { error: err }));
      replies = await runtime.handle({ ...inc, action: value });
    } else if (m.document) {
      replies = await runtime.handle({ ...inc, file: telegramFile(api, config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org', config.TELEGRAM_BOT_TOKEN!, m.document) });
    } else replies = await runtime.handle(inc);
    if (replies.length) await services.outbox.send({ platform: 'telegram', chatId: inc.chatId, userId: inc.userId }, replies);
  }

  bot.use(sequentialize((ctx) => chatOf(ctx.update)));
  bot.use((ctx) => handle(ctx.update));
  bot.catch((err) => log.error('update failed', { error: err.error }));

  if (config.TELEGRAM_WEBHOOK_URL) {
    const url = new URL(config.TELEGRAM_WEBHOOK_URL);
    // Updates acknowledged to Telegram but not yet handled (a crash in between) are handled at start;
    // a corrupt row is quarantined and counted, never a reason not to start.
    const inbox = new Repo(store, 'inbox', z.looseObject({ update_id: z.number().int() }));
    const idOf = (update: unknown) => (update as { update_id?: unknown })?.update_id;
    const { result: rows, skipped } = await collectSkipped(() => inbox.list());
    if (skipped.length) log.warn('corrupt inbox rows skipped at start', { count: skipped.length, rows: skipped });
    const pending = rows.sort((a, b) => a.value.update_id - b.value.update_id);
    // Of one chat's flood only the newest are kept, and that chat is told once. The rest is queued (in
    // order per chat, all at once below) before the server accepts new updates, and handled in the
    // background: /healthz and new updates are answered meanwhile.
    const byChat = new Map<string, { key: string; value: { update_id: number } }[]>();
    for (const row of pending) {
      const chat = chatOf(row.value) ?? `update ${row.value.update_id}`;
      if (!byChat.has(chat)) byChat.set(chat, []);
      byChat.get(chat)!.push(row);
    }
    const replay: (() => Promise<unknown>)[] = [];
    for (const [chatId, updates] of byChat) {
      const dropped = updates.slice(0, -MAX_LEFTOVERS_PER_CHAT);
      for (const row of dropped) await inbox.delete(row.key);
      const last = mapUpdate(updates.at(-1)!.value, me);
      if (dropped.length && last.kind !== 'ignored') {
        const text = tr(await runtime.localeFor(last.incoming), M.flood, { n: updates.length, kept: MAX_LEFTOVERS_PER_CHAT, dropped: dropped.length });
        log.warn('dropped updates of a flooding chat accepted before a restart', { chatId, dropped: dropped.length });
        replay.push(() => services.outbox.send({ platform: 'telegram', chatId }, [{ text }]));
      }
      for (const { key, value: update } of updates.slice(dropped.length)) {
        await store.release(`tg-update:${me.id}:${update.update_id}`);
        replay.push(() => bot.handleUpdate(update as never).catch((err) => log.error('update failed', { error: err })).then(() => inbox.delete(key)));
      }
    }
    if (pending.length) log.info('handling updates accepted before a restart', { updates: pending.length, replayed: replay.length });
    const replaying = replay.map((start) => start().catch((err) => log.error('replay failed', { error: err })));
    const server: WebhookServer = await startWebhookServer({
      port: config.PORT,
      host: opts.host,
      path: url.pathname,
      secret: config.TELEGRAM_WEBHOOK_SECRET!,
      refusals: new Refusals(store),
      healthy: () => store.healthy(),
      accept: async (update) => {
        if (typeof idOf(update) === 'number') await inbox.set(String(idOf(update)), update as { update_id: number }, UPDATE_DEDUP_MS * 7);
      },
      onUpdate: async (update) => {
        if (typeof idOf(update) !== 'number') {
          log.info('update ignored', { reason: 'malformed: no update_id' });
          return;
        }
        await bot.handleUpdate(update as never);
        await inbox.delete(String(idOf(update)));
      },
    });
    await api.setWebhook(url.href, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
    log.info('webhook mode', { bot: me.username, port: server.port, path: url.pathname });
    return {
      name: 'telegram',
      me,
      port: server.port,
      async stop() {
        await server.close();
        await Promise.allSettled(replaying);
      },
    };
  }

  await api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
  log.info('polling mode', { bot: me.username });
  return {
    name: 'telegram',
    me,
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
