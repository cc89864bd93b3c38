import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Outbox } from '../../outbox.js';
import type { FileOut, Incoming, Reply } from '../../types.js';
import { logger } from '../../../log.js';
import { tr } from '../../../text/i18n.js';
import { renderMessages } from './blocks.js';
import { M } from './messages.js';

const log = logger('slack');

/** The Slack user id of an input (the DM target), from `team:user`. */
export const userOf = (inc: Incoming) => inc.userId.slice(inc.userId.indexOf(':') + 1);

/** Uploads a file into a channel or a person's DM with the bot; false when Slack refuses. */
export async function uploadFile(client: WebClient, userOrChannel: string, file: FileOut): Promise<boolean> {
  try {
    const channel = /^[UW]/.test(userOrChannel) ? (await client.conversations.open({ users: userOrChannel })).channel?.id : userOrChannel;
    if (!channel) return false;
    await client.files.uploadV2({ channel_id: channel, file: Buffer.from(file.bytes), filename: file.name, title: file.name });
    return true;
  } catch (err) {
    log.warn('file upload failed', { file: file.name, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}

/**
 * Proactive messages and DM/thread answers through the outbox: chatId is a channel, a user id
 * (their DM) or "channel/thread_ts". A form here is not opened (no trigger_id): its
 * step-by-step text and buttons are shown.
 */
export function registerSlackSender(outbox: Outbox, client: WebClient, rewrite: (s: string) => string): void {
  outbox.register({
    platform: 'slack',
    async send(chatId, reply) {
      const [channel, thread] = chatId.split('/');
      let r = reply;
      if (reply.file && !(await uploadFile(client, channel, reply.file)))
        r = { ...reply, text: `${reply.text}\n\n${tr('vi', M.fileFailed, { name: reply.file.name })}\n(${tr('en', M.fileFailed, { name: reply.file.name })})` };
      for (const m of renderMessages([r], rewrite))
        await client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), text: m.text, blocks: m.blocks as never, unfurl_links: false });
    },
  });
}

/** Answers to a slash command or button: packed into few ephemeral response_url posts (max 5 per 30 min); the DM if that fails. */
export async function respondAll(respond: RespondFn, replies: Reply[], inc: Incoming, outbox: Outbox, rewrite: (s: string) => string): Promise<void> {
  if (!replies.length) return;
  try {
    for (const m of renderMessages(replies, rewrite)) await respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks as never });
  } catch (err) {
    log.warn('respond failed; sending to the DM', { error: err instanceof Error ? err.message : String(err) });
    await outbox.send({ platform: 'slack', chatId: userOf(inc) }, replies);
  }
}
