import { Bot } from 'grammy';
import { COMMON } from '../../messages.js';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import type { Host } from '../../host.js';
import { metrics } from '../../metrics.js';
import { Turns } from '../../turns.js';
import type { Reply } from '../../types.js';
import { logger } from '../../../log.js';
import { tr, type Msg } from '../../../text/i18n.js';
import { healthOf, Refusals } from '../http.js';
import type { Adapter } from '../index.js';
import { Buttons } from './buttons.js';
import { telegramFile } from './file.js';
import { HEARTBEAT_MS, Inbox, UPDATE_DEDUP_MS } from './inbox.js';
import { menuCommands } from './menu.js';
import { telegramSender } from './sender.js';
import { ALLOWED_UPDATES, chatOf, mapUpdate, type BotIdentity } from './update.js';
import { startWebhookServer } from './webhook.js';

const log = logger('telegram');

const M = {
  flood: {
    vi: '⚠️ Trong lúc bot tạm ngừng, bạn đã gửi {n} tin nhắn. Bot chỉ xử lý {kept} tin nhắn gần nhất; {dropped} tin nhắn cũ hơn đã bị bỏ qua — vui lòng gửi lại nếu cần.',
    en: '⚠️ While the bot was down you sent {n} messages. Only the latest {kept} are handled; the {dropped} older ones were dropped — please send them again if needed.',
  },
} satisfies Record<string, Msg>;

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

/**
 * The Telegram adapter (grammY): long polling with @grammyjs/runner by default, a webhook when
 * TELEGRAM_WEBHOOK_URL is set. Updates of one chat are handled in order, each update once.
 */
export async function startTelegram(host: Host, opts: { host?: string } = {}): Promise<TelegramAdapter> {
  const { config, runtime, store, outbox } = host;
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN!, config.TELEGRAM_API_ROOT ? { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } } : {});
  // Each message-sending call waits for room in the bot's last second (all replicas, with Redis);
  // a 429 holds every send of the bot for its retry_after, then autoRetry (outer) tries again.
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'sendMessage' || method === 'sendDocument') await outbox.beforeCall('telegram');
    const res = await prev(method, payload, signal);
    if (!res.ok && res.error_code === 429) await outbox.rateLimited('telegram', (res.parameters?.retry_after ?? 1) * 1000);
    return res;
  });
  // 429 retry_after and 5xx are retried (bounded); a network error surfaces at once instead of a silent endless retry.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  // getMe ourselves: bot.init() retries a network failure forever, and an operator must hear about it.
  bot.botInfo = await getMe(bot);
  const me: BotIdentity = { id: bot.botInfo.id, username: bot.botInfo.username };
  const api = bot.api;
  const buttons = new Buttons(store, host.now);
  const inbox = new Inbox(store, me);
  outbox.register(telegramSender(api, buttons, me.username));

  for (const [locale, extra] of [['vi', {}], ['en', { language_code: 'en' as const }]] as const)
    await api.setMyCommands(menuCommands(runtime.commands, locale), extra).catch((err) => log.warn('setMyCommands failed', { locale, error: err }));

  async function handle(update: unknown): Promise<void> {
    const m = mapUpdate(update, me);
    if (m.kind === 'ignored') {
      log.info('update ignored', { reason: m.reason });
      if (m.queryId) await api.answerCallbackQuery(m.queryId).catch(() => undefined);
      return;
    }
    const updateId = (update as { update_id: number }).update_id;
    if (!(await store.claim(inbox.claimKey(updateId), UPDATE_DEDUP_MS))) {
      metrics.count('thidua_updates_duplicate_total', { platform: 'telegram' });
      log.info('duplicate update ignored', { updateId });
      return;
    }
    const inc = m.incoming;
    let replies: Reply[];
    if (m.kind === 'press') {
      const value = await buttons.resolve(m.data, inc.chatId, inc.userId);
      if (value === undefined) {
        const locale = await runtime.localeFor(inc).catch(() => 'vi' as const);
        await api.answerCallbackQuery(m.queryId, { text: tr(locale, COMMON.staleButton), show_alert: true });
        return;
      }
      await api.answerCallbackQuery(m.queryId).catch((err) => log.warn('answerCallbackQuery failed', { error: err }));
      if (m.messageId !== undefined)
        await api.editMessageReplyMarkup(inc.chatId, m.messageId).catch((err) => log.warn('removing a used keyboard failed', { error: err }));
      replies = await runtime.handle({ ...inc, action: value });
    } else if (m.document) {
      replies = await runtime.handle({ ...inc, file: telegramFile(api, config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org', config.TELEGRAM_BOT_TOKEN!, m.document) });
    } else replies = await runtime.handle(inc);
    if (replies.length) await outbox.send({ platform: 'telegram', chatId: inc.chatId, userId: inc.userId }, replies);
  }

  bot.use(sequentialize((ctx) => chatOf(ctx.update)));
  bot.use(async (ctx) => {
    await handle(ctx.update);
    if (!config.TELEGRAM_WEBHOOK_URL) await inbox.done(ctx.update); // polling: kept when fetched (below)
  });
  bot.catch((err) => log.error('update failed', { error: err.error }));

  if (config.TELEGRAM_WEBHOOK_URL) {
    const url = new URL(config.TELEGRAM_WEBHOOK_URL);
    // Several replicas (Redis) behind a load balancer: a chat's updates take turns across all of
    // them, in the order they were accepted; updates kept by a replica that died are replayed by
    // whichever replica runs the inbox sweep. One process: in-process order (sequentialize above).
    const shared = outbox.isDurable('telegram');
    const turns = shared ? new Turns(store) : undefined;
    const tickets = new Map<number, number>();
    const inTurn = async (update: unknown, ticket?: number) => {
      const chat = chatOf(update as never);
      if (!turns || !chat) return bot.handleUpdate(update as never);
      return turns.run(`tg:${chat}`, ticket ?? (await turns.take(`tg:${chat}`)), () => bot.handleUpdate(update as never));
    };
    const replayer = {
      handle: (update: unknown) => inTurn(update),
      flooded: async (chatId: string, last: Parameters<typeof runtime.localeFor>[0], counts: { n: number; kept: number; dropped: number }) =>
        outbox.send({ platform: 'telegram', chatId }, [{ text: tr(await runtime.localeFor(last), M.flood, counts) }]),
    };
    // Updates acknowledged before a crash are queued (in order per chat) before the server accepts
    // new ones, and handled in the background: /healthz and new updates are answered meanwhile.
    const replay = await inbox.leftovers(replayer, { orphansOnly: shared });
    const replaying = replay.map((start) => start().catch((err) => log.error('replay failed', { error: err })));
    const stopBeat = shared ? inbox.heartbeat() : undefined;
    const stopSweep = shared
      ? await outbox.scheduler.every('telegram-inbox-sweep', HEARTBEAT_MS * 2, async () => {
          const jobs = await store.withLock('telegram-inbox-sweep', () => inbox.leftovers(replayer, { orphansOnly: true }));
          await Promise.allSettled(jobs.map((start) => start()));
        })
      : undefined;
    const server = await startWebhookServer({
      port: config.PORT,
      host: opts.host,
      path: url.pathname,
      secret: config.TELEGRAM_WEBHOOK_SECRET!,
      refusals: new Refusals(store, config.TRUST_PROXY_HOPS),
      health: healthOf({ store, outbox }),
      accept: async (update) => {
        await inbox.keep(update);
        const chat = turns && chatOf(update as never);
        const id = (update as { update_id?: unknown })?.update_id;
        if (turns && chat && typeof id === 'number') tickets.set(id, await turns.take(`tg:${chat}`));
      },
      onUpdate: async (update) => {
        if (typeof (update as { update_id?: unknown })?.update_id !== 'number') {
          log.info('update ignored', { reason: 'malformed: no update_id' });
          return;
        }
        const id = (update as { update_id: number }).update_id;
        const ticket = tickets.get(id);
        tickets.delete(id);
        await inTurn(update, ticket);
        await inbox.done(update);
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
        await stopSweep?.();
        await Promise.allSettled(replaying);
        stopBeat?.();
      },
    };
  }

  // Long polling (one process by nature): the updates of a getUpdates answer are kept in the store
  // before the runner's next getUpdates confirms them to Telegram, and forgotten once handled; left
  // over by a crash, they are handled at the next start.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (method === 'getUpdates' && res.ok && Array.isArray(res.result)) await Promise.all((res.result as unknown[]).map((u) => inbox.keep(u)));
    return res;
  });
  const replay = await inbox.leftovers({
    handle: async (update) => {
      await bot.handleUpdate(update as never);
    },
    flooded: async (chatId, last, counts) => outbox.send({ platform: 'telegram', chatId }, [{ text: tr(await runtime.localeFor(last), M.flood, counts) }]),
  });
  const replaying = replay.map((start) => start().catch((err) => log.error('replay failed', { error: err })));
  await api.deleteWebhook();
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
  log.info('polling mode', { bot: me.username });
  return {
    name: 'telegram',
    me,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await Promise.allSettled(replaying);
    },
  };
}
