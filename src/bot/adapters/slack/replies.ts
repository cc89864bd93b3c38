import type { WebClient } from '@slack/web-api';
import type { Runtime } from '../../runtime.js';
import type { Incoming, Locale, Reply } from '../../types.js';
import { tr } from '../../../text/i18n.js';
import { M } from './messages.js';
import type { Modals, Trigger } from './modals.js';
import { uploadFile, userOf } from './sender.js';
import { noticeView } from './views.js';

/**
 * What Slack can show of the replies: a reply with a form fills the loading modal, or opens as a
 * modal when a fresh trigger is at hand (its text on top), else it is shown with an "open the
 * form" button; the other replies (e.g. the step-by-step prompt) are shown as they are. A loading
 * modal left without a form shows the replies' text. A file is uploaded to the DM, or a note says
 * it could not be.
 */
export async function showable(
  parts: { runtime: Runtime; client: WebClient; modals: Modals; rewrite: (s: string) => string },
  replies: Reply[],
  inc: Incoming,
  trigger?: Trigger,
): Promise<Reply[]> {
  const { runtime, client, modals, rewrite } = parts;
  const out: Reply[] = [];
  let locale: Locale | undefined;
  const loc = async () => (locale ??= await runtime.localeFor(inc));
  for (const r of replies) {
    let reply: Reply = r;
    if (r.form) {
      modals.remember(inc, r);
      const shown = trigger && (await modals.show(trigger, modals.view(inc, r.form, await loc(), r.text)));
      trigger = undefined; // a trigger opens one view
      if (shown) continue;
      const l = await loc();
      reply = { ...r, form: undefined, text: `${r.text}\n\n${tr(l, M.formHint)}`, choices: [{ label: tr(l, M.openForm), value: OPEN_FORM }, ...(r.choices ?? [])] };
    }
    if (r.file) {
      const sent = await uploadFile(client, inc.chatType === 'group' ? inc.chatId : userOf(inc), r.file);
      reply = { ...reply, file: undefined, ...(sent ? {} : { text: `${reply.text}\n\n${tr(await loc(), M.fileFailed, { name: r.file.name })}` }) };
    }
    out.push(reply);
  }
  const loading = await trigger?.loading;
  if (loading) await modals.update(loading, noticeView(rewrite(out.map((r) => r.text).join('\n\n')), await loc()));
  return out;
}

/** A button that opens a form whose trigger had expired (value handled by the adapter, never by the core). */
export const OPEN_FORM = 'slack:form';
