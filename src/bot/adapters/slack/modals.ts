import type { WebClient } from '@slack/web-api';
import { conversationKey } from '../../runtime.js';
import type { FormSpec, Incoming, Locale, Reply } from '../../types.js';
import { logger } from '../../../log.js';
import { formView, loadingView } from './views.js';

const log = logger('slack');

/** A trigger_id lives 3 s; past this it is not used (a form is offered as a button instead). */
export const TRIGGER_MS = 2500;

/** A view Slack opened: what `views.update` needs. */
export type OpenedView = { id: string; hash?: string };
/**
 * The trigger_id of a command or button and when it arrived; `loading` is the modal opened from
 * it at once when the input starts a form (Command.startsForm), replaced later by the answer.
 */
export type Trigger = { id: string; at: number; loading?: Promise<OpenedView | undefined> };

/**
 * Modals: opening and replacing views within Slack's trigger window, and the forms waiting for a
 * trigger (by conversation; FormSpecs hold schemas, so they stay in memory).
 */
export class Modals {
  private readonly pending = new Map<string, { spec: FormSpec; intro: string; at: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly rewrite: (text: string) => string,
  ) {}

  /** The modal of a form, bound to the conversation it answers. */
  view(inc: Incoming, spec: FormSpec, locale: Locale, intro?: string) {
    return formView(spec, { chatId: inc.chatId, formId: spec.id }, locale, intro && this.rewrite(intro));
  }

  /** A form shown later from an "open the form" button (kept an hour). */
  remember(inc: Incoming, reply: Reply): void {
    const now = Date.now();
    for (const [k, v] of this.pending) if (now - v.at > 3600_000) this.pending.delete(k);
    this.pending.set(conversationKey(inc), { spec: reply.form!, intro: reply.text, at: now });
  }

  waiting(inc: Incoming) {
    return this.pending.get(conversationKey(inc));
  }

  forget(inc: Incoming): void {
    this.pending.delete(conversationKey(inc));
  }

  /** Opens a modal; its id and hash, or nothing when Slack refuses (e.g. an expired trigger). */
  async open(triggerId: string, view: object): Promise<OpenedView | undefined> {
    try {
      const r = await this.client.views.open({ trigger_id: triggerId, view: view as never });
      return { id: r.view?.id ?? '', hash: r.view?.hash };
    } catch (err) {
      log.warn('views.open failed', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }

  /** Replaces an open modal; false when Slack refuses (e.g. the person closed it). */
  async update(opened: OpenedView, view: object): Promise<boolean> {
    try {
      await this.client.views.update({ view_id: opened.id, ...(opened.hash ? { hash: opened.hash } : {}), view: view as never });
      return true;
    } catch (err) {
      log.warn('views.update failed', { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  /** The trigger of an input; one that starts a form gets a loading modal at once, before the core runs. */
  trigger(id: string, at: number, startsForm: boolean, locale: () => Promise<Locale>): Trigger {
    if (!startsForm || Date.now() - at >= TRIGGER_MS) return { id, at };
    return { id, at, loading: locale().then((l) => this.open(id, loadingView(l))) };
  }

  /** Shows a form from a trigger: fills its loading modal, else opens one while the trigger is fresh. */
  async show(trigger: Trigger, view: object): Promise<boolean> {
    if (trigger.loading) {
      const opened = await trigger.loading;
      return !!opened && (await this.update(opened, view));
    }
    return Date.now() - trigger.at < TRIGGER_MS && !!(await this.open(trigger.id, view));
  }
}
