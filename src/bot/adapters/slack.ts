import { App as Bolt, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { App } from '../../app.js';
import { logger } from '../../log.js';
import { tr, type Msg } from '../i18n.js';
import { Runtime } from '../runtime.js';
import type { FileOut, FormSpec, Incoming, Locale, Reply } from '../types.js';
import type { Adapter } from './index.js';
import { mount } from './http.js';
import { renderMessages, slashify } from './slack-blocks.js';
import { knownCommand, mentionInput, slackUserId, splitSubcommand, stripMentions, unescapeSlack } from './slack-input.js';
import { verifiedSlackRequests } from './slack-verify.js';
import { FORM_CALLBACK, formView, loadingView, modalErrors, noticeView, readForm, readMeta } from './slack-modal.js';
import { slackFile, type SlackFileRef } from './slack-file.js';

const log = logger('slack');

/** The one slash command (see slack-manifest.yaml). */
export const SLASH = '/thidua';
/** A button that opens a form whose trigger had expired (value handled here, never by the core). */
const OPEN_FORM = 'slack:form';
/** A trigger_id lives 3 s; past this it is not used (a form is offered as a button instead). */
const TRIGGER_MS = 2500;
/** Web API retries: a 429 waits its Retry-After, other failures back off; gives up after ~1 min. */
const RETRY = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };

const M = {
  openForm: { vi: '📝 Mở biểu mẫu', en: '📝 Open the form' },
  formHint: { vi: 'Bấm "📝 Mở biểu mẫu" để điền tất cả trong một cửa sổ, hoặc trả lời từng bước tại đây.', en: 'Press "📝 Open the form" to fill everything in one window, or answer step by step here.' },
  formGone: { vi: 'Biểu mẫu này không còn hiệu lực (phiên đã kết thúc hoặc hết hạn). Gõ lại lệnh để bắt đầu lại.', en: 'This form is no longer valid (the session ended or expired). Type the command again to start over.' },
  answeredInDm: { vi: '📬 Đã trả lời bạn trong tin nhắn riêng với bot.', en: '📬 Answered you in a direct message with the bot.' },
  fileFailed: {
    vi: 'Không gửi được tệp "{name}" qua Slack. Vui lòng thử lại sau, hoặc nhờ quản trị viên xuất tệp bằng lệnh `thidua export`.',
    en: 'Could not send the file "{name}" through Slack. Please try again later, or ask an administrator to export it with `thidua export`.',
  },
} satisfies Record<string, Msg>;

/** A view Slack opened: what `views.update` needs. */
type OpenedView = { id: string; hash?: string };
/**
 * The trigger_id of a command or button and when it arrived; `loading` is the modal opened from
 * it at once when the command announces a form (Command.opensForm), replaced later by the answer.
 */
type Trigger = { id: string; at: number; loading?: Promise<OpenedView | undefined> };

export interface SlackAdapter extends Adapter {
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
}

const boltLogger = (): BoltLogger => {
  const text = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return {
    debug: (...m) => log.debug(text(m)),
    info: (...m) => log.debug(text(m)),
    warn: (...m) => log.warn(text(m)),
    error: (...m) => log.error(text(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
};

/**
 * The Slack adapter: `/thidua <subcommand>`, buttons, modals, DMs and mentions in, Block Kit out.
 * HTTP mode (signed requests on /slack/events, GET /healthz) or Socket Mode with SLACK_APP_TOKEN.
 */
export async function startSlack(app: App, opts: { port?: number } = {}): Promise<SlackAdapter> {
  const cfg = app.config;
  if (!cfg.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const { runtime } = app;
  const { outbox } = app.services;
  const clientOptions = { slackApiUrl: cfg.SLACK_API_URL, retryConfig: RETRY, rejectRateLimitedCalls: false };
  const socket = !!cfg.SLACK_APP_TOKEN;
  const receiver = socket
    ? new SocketModeReceiver({ appToken: cfg.SLACK_APP_TOKEN!, logger: boltLogger(), installerOptions: { clientOptions: { slackApiUrl: cfg.SLACK_API_URL } } })
    : new HTTPReceiver({
        signingSecret: cfg.SLACK_SIGNING_SECRET!,
        endpoints: '/slack/events',
        logger: boltLogger(),
      });
  const bolt = new Bolt({
    token: cfg.SLACK_BOT_TOKEN,
    receiver,
    clientOptions,
    logger: boltLogger(),
    deferInitialization: true,
  });
  await bolt.init(); // auth.test: a wrong token stops start-up here
  const client: WebClient = bolt.client;

  /** Name and language of a Slack user (users.info, once per process per user); nothing if Slack refuses. */
  const profiles = new Map<string, Promise<{ userName?: string; locale?: string }>>();
  const profile = (user: string) => {
    let p = profiles.get(user);
    if (!p) {
      p = client.users
        .info({ user, include_locale: true })
        .then((r) => ({ userName: r.user?.real_name || r.user?.name || undefined, locale: r.user?.locale }))
        .catch(() => ({}));
      profiles.set(user, p);
    }
    return p;
  };
  /** An event delivered twice (Slack retries when unsure) is handled once. */
  const firstDelivery = (eventId: string | undefined) => (eventId ? app.store.claim(`slack-event:${eventId}`, 3600_000) : Promise.resolve(true));

  const isCommand = (word: string) => knownCommand(runtime.router, word);
  const rewrite = (s: string) => slashify(s, SLASH, isCommand);

  /** Forms waiting for a trigger_id, by conversation (FormSpecs hold schemas, so they stay in memory). */
  const pendingForms = new Map<string, { spec: FormSpec; intro: string; at: number }>();
  const rememberForm = (inc: Incoming, reply: Reply) => {
    const now = Date.now();
    for (const [k, v] of pendingForms) if (now - v.at > 3600_000) pendingForms.delete(k);
    pendingForms.set(Runtime.conversationKey(inc), { spec: reply.form!, intro: reply.text, at: now });
  };

  const formOf = (inc: Incoming, spec: FormSpec, locale: Locale, intro?: string) =>
    formView(spec, { chatId: inc.chatId, formId: spec.id }, locale, intro && rewrite(intro));

  /** Opens a modal; its id and hash, or nothing when Slack refuses (e.g. an expired trigger). */
  const openView = async (triggerId: string, view: object): Promise<OpenedView | undefined> => {
    try {
      const r = await client.views.open({ trigger_id: triggerId, view: view as never });
      return { id: r.view?.id ?? '', hash: r.view?.hash };
    } catch (err) {
      log.warn('views.open failed', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };

  /** Replaces an open modal; false when Slack refuses (e.g. the person closed it). */
  const updateView = async (opened: OpenedView, view: object): Promise<boolean> => {
    try {
      await client.views.update({ view_id: opened.id, ...(opened.hash ? { hash: opened.hash } : {}), view: view as never });
      return true;
    } catch (err) {
      log.warn('views.update failed', { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };

  /** The trigger of an input. A command that opens a form gets a loading modal at once, before the core runs. */
  const triggerOf = (id: string, at: number, inc: Incoming): Trigger => {
    const found = runtime.router.command(inc);
    if (!found?.command.opensForm?.(found.args) || Date.now() - at >= TRIGGER_MS) return { id, at };
    return { id, at, loading: runtime.localeFor(inc).then((locale) => openView(id, loadingView(locale))) };
  };

  /** Shows a form from a trigger: fills its loading modal, else opens one while the trigger is fresh. */
  const showForm = async (trigger: Trigger, view: object): Promise<boolean> => {
    if (trigger.loading) {
      const opened = await trigger.loading;
      return !!opened && (await updateView(opened, view));
    }
    return Date.now() - trigger.at < TRIGGER_MS && !!(await openView(trigger.id, view));
  };

  /** Uploads a file into the person's DM with the bot; false when Slack refuses. */
  const uploadFile = async (userOrChannel: string, file: FileOut): Promise<boolean> => {
    try {
      const channel = /^[UW]/.test(userOrChannel) ? (await client.conversations.open({ users: userOrChannel })).channel?.id : userOrChannel;
      if (!channel) return false;
      await client.files.uploadV2({ channel_id: channel, file: Buffer.from(file.bytes), filename: file.name, title: file.name });
      return true;
    } catch (err) {
      log.warn('file upload failed', { file: file.name, error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };

  /**
   * What Slack can show of the replies: a reply with a form fills the loading modal, or opens as a
   * modal when a fresh trigger is at hand (its text on top), else it is shown with an "open the
   * form" button; the other replies (e.g. the step-by-step prompt) are shown as they are. A loading
   * modal left without a form shows the replies' text. A file is uploaded to the DM, or a note says
   * it could not be.
   */
  const prepare = async (replies: Reply[], inc: Incoming, trigger?: Trigger): Promise<Reply[]> => {
    const out: Reply[] = [];
    let locale: Locale | undefined;
    const loc = async () => (locale ??= await runtime.localeFor(inc));
    for (const r of replies) {
      let reply: Reply = r;
      if (r.form) {
        rememberForm(inc, r);
        const shown = trigger && (await showForm(trigger, formOf(inc, r.form, await loc(), r.text)));
        trigger = undefined; // a trigger opens one view
        if (shown) continue;
        const l = await loc();
        reply = { ...r, form: undefined, text: `${r.text}\n\n${tr(l, M.formHint)}`, choices: [{ label: tr(l, M.openForm), value: OPEN_FORM }, ...(r.choices ?? [])] };
      }
      if (r.file) {
        const sent = await uploadFile(inc.chatType === 'group' ? inc.chatId : userOf(inc), r.file);
        reply = { ...reply, file: undefined, ...(sent ? {} : { text: `${reply.text}\n\n${tr(await loc(), M.fileFailed, { name: r.file.name })}` }) };
      }
      out.push(reply);
    }
    const loading = await trigger?.loading;
    if (loading) await updateView(loading, noticeView(rewrite(out.map((r) => r.text).join('\n\n')), await loc()));
    return out;
  };

  /** Answers to a slash command or button: packed into few ephemeral response_url posts (max 5 per 30 min). */
  const respondAll = async (respond: RespondFn, replies: Reply[], inc: Incoming) => {
    if (!replies.length) return;
    try {
      for (const m of renderMessages(replies, rewrite)) await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks as never });
    } catch (err) {
      log.warn('respond failed; sending to the DM', { error: err instanceof Error ? err.message : String(err) });
      await outbox.send({ platform: 'slack', chatId: userOf(inc) }, replies);
    }
  };

  const handle = async (inc: Incoming, deliver: (replies: Reply[]) => Promise<void>, trigger?: Trigger) => {
    try {
      const replies = await runtime.handle(inc);
      await deliver(await prepare(replies, inc, trigger));
    } catch (err) {
      log.error('slack input failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };

  // Proactive messages and DM/thread answers: chatId is a channel, a user id (their DM) or "channel/thread_ts".
  // A form here is not opened (no trigger_id): its step-by-step text and buttons are shown.
  outbox.register({
    platform: 'slack',
    async send(chatId, reply) {
      const [channel, thread] = chatId.split('/');
      let r = reply;
      if (reply.file && !(await uploadFile(channel, reply.file)))
        r = { ...reply, text: `${reply.text}\n\n${tr('vi', M.fileFailed, { name: reply.file.name })}\n(${tr('en', M.fileFailed, { name: reply.file.name })})` };
      for (const m of renderMessages([r], rewrite))
        await client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), text: m.text, blocks: m.blocks as never, unfurl_links: false });
    },
  });

  // `/thidua <subcommand> …`: ack at once (and open a loading modal if it opens a form), answer after, ephemerally.
  bolt.command(SLASH, async ({ command, ack, respond }) => {
    const at = Date.now();
    await ack();
    const { command: name, args } = splitSubcommand(runtime.router, command.text ?? '');
    const base: Incoming = {
      platform: 'slack',
      chatId: command.user_id,
      userId: slackUserId(command.team_id, command.user_id),
      userName: command.user_name,
      chatType: 'private',
      command: name,
      args,
    };
    const trigger = triggerOf(command.trigger_id, at, base); // before the profile look-up and the core
    const inc: Incoming = { ...base, ...(await profile(command.user_id)) };
    await handle(inc, (r) => respondAll(respond, r, inc), trigger);
  });

  // Buttons: the core re-checks who may do what; an "open form" button is ours.
  bolt.action(/^thidua:/, async ({ ack, body, action, respond }) => {
    const at = Date.now();
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const channel = body.channel?.id;
    const privateChat = !channel || body.container?.is_ephemeral === true || channel.startsWith('D');
    const inc: Incoming = {
      platform: 'slack',
      chatId: privateChat ? body.user.id : channel,
      userId: slackUserId(body.user.team_id ?? body.team?.id, body.user.id),
      userName: body.user.username ?? body.user.name,
      chatType: privateChat ? 'private' : 'group',
      action: action.value ?? '',
      ...(await profile(body.user.id)),
    };
    if (action.value === OPEN_FORM) {
      const pending = pendingForms.get(Runtime.conversationKey(inc));
      const locale = await runtime.localeFor(inc);
      if (!pending || !(await openView(body.trigger_id, formOf(inc, pending.spec, locale, pending.intro)))) await respondAll(respond, [{ text: tr(locale, M.formGone) }], inc);
      return;
    }
    await handle(inc, (r) => respondAll(respond, r, inc), triggerOf(body.trigger_id, at, inc));
  });

  // A submitted modal: errors go back inline; otherwise the modal closes and the answer goes to the DM.
  bolt.view(FORM_CALLBACK, async ({ ack, body, view }) => {
    const meta = readMeta(view.private_metadata);
    const inc: Incoming = {
      platform: 'slack',
      chatId: meta?.chatId ?? body.user.id,
      userId: slackUserId(body.user.team_id ?? body.team?.id, body.user.id),
      userName: body.user.name,
      chatType: 'private',
      form: readForm(view.state.values as never),
    };
    const toDm = (replies: Reply[]) => outbox.send({ platform: 'slack', chatId: inc.chatId }, replies);
    const pending = runtime.handle(inc);
    const early = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), TRIGGER_MS).unref())]);
    if (early) {
      const errors = Object.assign({}, ...early.map((r) => r.formErrors ?? {})) as Record<string, string>;
      if (Object.keys(errors).length) {
        await ack({ response_action: 'errors', errors: modalErrors(errors, view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id ?? '')) });
        return;
      }
    }
    await ack();
    pendingForms.delete(Runtime.conversationKey(inc));
    try {
      const replies = early ?? (await pending);
      const shown = replies.length ? replies : [{ text: tr(await runtime.localeFor(inc), M.formGone) }];
      await toDm(await prepare(shown, inc));
    } catch (err) {
      log.error('form submission failed', { error: err instanceof Error ? err.message : String(err) });
    }
  });

  // A DM to the bot: text for the active flow, or a question; a file shared there (the year-end report).
  bolt.event('message', async ({ event, body }) => {
    const e = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; files?: SlackFileRef[] };
    const file = e.subtype === 'file_share' && e.files?.length ? slackFile(e.files[0], cfg.SLACK_BOT_TOKEN!, cfg.SLACK_API_URL) : undefined;
    if (e.channel_type !== 'im' || (e.subtype && !file) || e.bot_id || !e.user || (!e.text && !file)) return;
    if (!(await firstDelivery((body as { event_id?: string }).event_id))) return;
    const inc: Incoming = {
      platform: 'slack',
      chatId: e.user,
      userId: slackUserId((body as { team_id?: string }).team_id, e.user),
      chatType: 'private',
      ...(file ? { file } : { text: unescapeSlack(e.text!) }),
      ...(await profile(e.user)),
    };
    await handle(inc, (r) => outbox.send({ platform: 'slack', chatId: e.user! }, r));
  });

  // "@thidua …" in a channel: answered in a thread; a question unless it names a command. A personal
  // command (joining, a unit's data) runs in the person's DM instead, and the thread is told briefly.
  bolt.event('app_mention', async ({ event, body }) => {
    if (event.bot_id || !event.user) return;
    if (!(await firstDelivery((body as { event_id?: string }).event_id))) return;
    const { command, args } = mentionInput(runtime.router, unescapeSlack(stripMentions(event.text)));
    const inc: Incoming = {
      platform: 'slack',
      chatId: event.channel,
      userId: slackUserId((body as { team_id?: string }).team_id, event.user),
      chatType: 'group',
      command,
      args,
      ...(await profile(event.user)),
    };
    const thread = { platform: 'slack' as const, chatId: `${event.channel}/${event.thread_ts ?? event.ts}` };
    if (!runtime.router.command(inc)?.command.personal) return handle(inc, (r) => outbox.send(thread, r));
    const dm = { platform: 'slack' as const, chatId: event.user };
    await handle({ ...inc, ...dm, chatType: 'private' }, async (r) => {
      await outbox.send(dm, r);
      await outbox.send(thread, [{ text: tr(await runtime.localeFor(inc), M.answeredInDm) }]);
    });
  });

  bolt.error(async (err) => log.error('bolt error', { error: err.message }));

  // HTTP mode shares the server of PORT with the Telegram webhook (http.ts); Socket Mode needs none.
  if (receiver instanceof HTTPReceiver) {
    const listener = verifiedSlackRequests(receiver.requestListener, { signingSecret: cfg.SLACK_SIGNING_SECRET!, store: app.store });
    const route = await mount(opts.port ?? cfg.PORT, '/slack/events', listener, undefined, () => app.store.healthy());
    log.info('slack adapter started', { mode: 'http', port: route.port });
    return { name: 'slack', port: route.port, stop: () => route.close() };
  }
  await bolt.start();
  log.info('slack adapter started', { mode: 'socket' });
  return { name: 'slack', stop: () => bolt.stop() as Promise<void> };
}

/** The Slack user id of an input (the DM target), from `team:user`. */
const userOf = (inc: Incoming) => inc.userId.slice(inc.userId.indexOf(':') + 1);
