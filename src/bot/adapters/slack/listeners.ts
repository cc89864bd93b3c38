import type { App as Bolt, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Host } from '../../host.js';
import type { Incoming, Reply } from '../../types.js';
import { logger } from '../../../log.js';
import { tr } from '../../../text/i18n.js';
import { slackFile, type SlackFileRef } from './file.js';
import { mentionInput, slackUserId, splitSubcommand, stripMentions, unescapeSlack } from './input.js';
import { M } from './messages.js';
import { TRIGGER_MS, type Modals, type Trigger } from './modals.js';
import type { Profiles } from './profiles.js';
import { OPEN_FORM, showable } from './replies.js';
import { respondAll } from './sender.js';
import { FORM_CALLBACK, modalErrors, readForm, readMeta } from './views.js';

const log = logger('slack');

/** The one slash command (see slack-manifest.yaml). */
export const SLASH = '/thidua';

export interface SlackParts {
  host: Host;
  client: WebClient;
  profiles: Profiles;
  modals: Modals;
  /** Command names in a text as `/thidua name`. */
  rewrite: (s: string) => string;
}

/** Slash command, buttons, modal submissions, DMs and mentions: each turned into Incoming for the core. */
export function listen(bolt: Bolt, parts: SlackParts): void {
  const { host, profiles, modals, rewrite } = parts;
  const { runtime, outbox, store, config } = host;
  const shown = { runtime, client: parts.client, modals, rewrite };

  /** An event delivered twice (Slack retries when unsure) is handled once. */
  const firstDelivery = (eventId: string | undefined) => (eventId ? store.claim(`slack-event:${eventId}`, 3600_000) : Promise.resolve(true));
  const respondTo = (respond: RespondFn, inc: Incoming) => (replies: Reply[]) => respondAll(respond, replies, inc, outbox, rewrite);
  const triggerOf = (id: string, at: number, inc: Incoming): Trigger => {
    const found = runtime.findCommand(inc);
    return modals.trigger(id, at, !!found?.command.startsForm?.(found.args), () => runtime.localeFor(inc));
  };

  const handle = async (inc: Incoming, deliver: (replies: Reply[]) => Promise<void>, trigger?: Trigger) => {
    try {
      const replies = await runtime.handle(inc);
      await deliver(await showable(shown, replies, inc, trigger));
    } catch (err) {
      log.error('slack input failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };

  // `/thidua <subcommand> …`: ack at once (and open a loading modal if it starts a form), answer after, ephemerally.
  bolt.command(SLASH, async ({ command, ack, respond }) => {
    const at = Date.now();
    await ack();
    const { command: name, args } = splitSubcommand(runtime, command.text ?? '');
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
    const inc: Incoming = { ...base, ...(await profiles.of(command.user_id)) };
    await handle(inc, respondTo(respond, inc), trigger);
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
      ...(await profiles.of(body.user.id)),
    };
    if (action.value === OPEN_FORM) {
      const pending = modals.waiting(inc);
      const locale = await runtime.localeFor(inc);
      if (!pending || !(await modals.open(body.trigger_id, modals.view(inc, pending.spec, locale, pending.intro))))
        await respondAll(respond, [{ text: tr(locale, M.formGone) }], inc, outbox, rewrite);
      return;
    }
    await handle(inc, respondTo(respond, inc), triggerOf(body.trigger_id, at, inc));
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
    modals.forget(inc);
    try {
      const replies = early ?? (await pending);
      const answer = replies.length ? replies : [{ text: tr(await runtime.localeFor(inc), M.formGone) }];
      await toDm(await showable(shown, answer, inc));
    } catch (err) {
      log.error('form submission failed', { error: err instanceof Error ? err.message : String(err) });
    }
  });

  // A DM to the bot: text for the active flow, or a question; a file shared there (the year-end report).
  bolt.event('message', async ({ event, body }) => {
    const e = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; files?: SlackFileRef[] };
    const file = e.subtype === 'file_share' && e.files?.length ? slackFile(e.files[0], config.SLACK_BOT_TOKEN!, config.SLACK_API_URL) : undefined;
    if (e.channel_type !== 'im' || (e.subtype && !file) || e.bot_id || !e.user || (!e.text && !file)) return;
    if (!(await firstDelivery((body as { event_id?: string }).event_id))) return;
    const inc: Incoming = {
      platform: 'slack',
      chatId: e.user,
      userId: slackUserId((body as { team_id?: string }).team_id, e.user),
      chatType: 'private',
      ...(file ? { file } : { text: unescapeSlack(e.text!) }),
      ...(await profiles.of(e.user)),
    };
    await handle(inc, (r) => outbox.send({ platform: 'slack', chatId: e.user! }, r));
  });

  // "@thidua …" in a channel: answered in a thread; a question unless it names a command. A personal
  // command (joining, a unit's data) runs in the person's DM instead, and the thread is told briefly.
  bolt.event('app_mention', async ({ event, body }) => {
    if (event.bot_id || !event.user) return;
    if (!(await firstDelivery((body as { event_id?: string }).event_id))) return;
    const { command, args } = mentionInput(runtime, unescapeSlack(stripMentions(event.text)));
    const inc: Incoming = {
      platform: 'slack',
      chatId: event.channel,
      userId: slackUserId((body as { team_id?: string }).team_id, event.user),
      chatType: 'group',
      command,
      args,
      ...(await profiles.of(event.user)),
    };
    const thread = { platform: 'slack' as const, chatId: `${event.channel}/${event.thread_ts ?? event.ts}` };
    if (!runtime.findCommand(inc)?.command.personal) return handle(inc, (r) => outbox.send(thread, r));
    const dm = { platform: 'slack' as const, chatId: event.user };
    await handle({ ...inc, ...dm, chatType: 'private' }, async (r) => {
      await outbox.send(dm, r);
      await outbox.send(thread, [{ text: tr(await runtime.localeFor(inc), M.answeredInDm) }]);
    });
  });
}
