import type { IncomingFile } from '../../types.js';
import { readCapped, tooBig } from '../download.js';

/** A file shared in a DM with the bot, as the message event describes it. */
export interface SlackFileRef {
  id?: string;
  name?: string;
  title?: string;
  size?: number;
  mimetype?: string;
  url_private_download?: string;
  url_private?: string;
}

/**
 * Reads a shared file only when a flow asks for it, with the bot token — and only from Slack's
 * file host (or the host of SLACK_API_URL, a test's fake): a URL elsewhere never gets the token.
 */
export function slackFile(ref: SlackFileRef, token: string, apiUrl: string | undefined): IncomingFile | undefined {
  const url = ref.url_private_download ?? ref.url_private;
  if (!url) return undefined;
  return {
    name: ref.name ?? ref.title ?? 'tep',
    size: ref.size,
    mime: ref.mimetype,
    async fetch(maxBytes: number) {
      if (ref.size !== undefined && ref.size > maxBytes) throw tooBig(ref.size);
      const u = new URL(url);
      const allowed = new Set(['files.slack.com', ...(apiUrl ? [new URL(apiUrl).host] : [])]);
      if (u.protocol !== 'https:' && !(apiUrl && u.host === new URL(apiUrl).host)) throw new Error('file URL is not https');
      if (!allowed.has(u.host)) throw new Error(`file URL on an unexpected host (${u.host})`);
      const res = await fetch(u, { headers: { authorization: `Bearer ${token}` }, redirect: 'error', signal: AbortSignal.timeout(60_000) });
      return readCapped(res, maxBytes);
    },
  };
}
