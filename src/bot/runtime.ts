import { metrics } from './metrics.js';
import { randomBytes } from 'node:crypto';
import { BACK, CANCEL, flowArgs } from './buttons.js';
import { COMMON } from './messages.js';
import { z } from 'zod';
import { logger } from '../log.js';
import type { Command, Ctx, Flow, Module, RuntimeHandle, Services, Step } from './context.js';
import { localeFrom, tr, type Msg } from '../text/i18n.js';
import { collectSkipped, listSkipped } from './quarantine.js';
import { Repo } from './repo.js';
import { Mutex, StoreError } from './store.js';
import { Router, parseCommand } from './router.js';
import { truncate } from '../text/truncate.js';
import type { Incoming, Locale, Reply } from './types.js';
import type { Person } from './people.js';
import { key } from '../text/vntext.js';

const log = logger('runtime');

export const MAX_INPUT_CHARS = 3000;

const M = {
  error: { vi: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại; vui lòng thử lại sau ít phút.', en: 'Sorry, something went wrong handling that. It has been logged; please try again in a few minutes.' },
  notSaved: {
    vi: '⚠️ CHƯA được lưu: kho dữ liệu của bot đang gặp sự cố nên yêu cầu này chưa được thực hiện. Vui lòng thử lại sau ít phút; sự cố đã được báo cho bộ phận vận hành.',
    en: '⚠️ NOT saved: the bot’s storage is failing, so this request was not carried out. Please try again in a few minutes; the operators have been alerted.',
  },
  skipped: {
    vi: '⚠️ Đã bỏ qua {n} bản ghi bị lỗi ({list}): bản ghi đã được chuyển sang khu cách ly và báo cho quản trị viên; dữ liệu khác không bị ảnh hưởng.',
    en: '⚠️ Skipped {n} damaged record(s) ({list}): moved to quarantine and reported to the administrators; other data is unaffected.',
  },
  tooLong: { vi: 'Tin nhắn quá dài ({n} ký tự). Vui lòng gửi tối đa {max} ký tự.', en: 'The message is too long ({n} characters). Please send at most {max} characters.' },
  unknownCommand: { vi: 'Không có lệnh /{cmd}. Gõ /trogiup để xem các lệnh.', en: 'There is no /{cmd} command. Type /help to see the commands.' },
  notBound: {
    vi: 'Bạn chưa tham gia đơn vị nào. Hãy xin mã mời từ bộ phận thi đua – khen thưởng rồi gõ /thamgia MÃ (ví dụ /thamgia ABCD2345).',
    en: 'You have not joined a unit yet. Ask the emulation and commendation office for an invite code, then type /join CODE (e.g. /join ABCD2345).',
  },
  groupRedirect: {
    vi: 'Lệnh này liên quan đến dữ liệu của đơn vị nên chỉ dùng trong tin nhắn riêng với bot. Vui lòng nhắn riêng cho bot để tiếp tục.',
    en: 'This command deals with your unit’s data, so it only works in a private chat with the bot. Please message the bot directly to continue.',
  },
  expired: { vi: 'Phiên "{flow}" đã hết hạn sau {min} phút không hoạt động. Gõ lại lệnh để bắt đầu lại.', en: 'The "{flow}" session expired after {min} minutes of inactivity. Type the command again to start over.' },
  cancelled: { vi: 'Đã hủy "{flow}". Dữ liệu đã lưu trước đó không bị thay đổi.', en: 'Cancelled "{flow}". Data saved earlier is unchanged.' },
  nothingToCancel: { vi: 'Không có thao tác nào đang dở để hủy.', en: 'There is nothing in progress to cancel.' },
  noBack: { vi: 'Bước này không thể quay lại; gõ /huy để hủy.', en: 'This step cannot go back; type /cancel to cancel.' },
  resumed: { vi: '↪️ Bạn đang dở "{flow}". Tiếp tục từ bước này (/huy để dừng):', en: '↪️ You were in the middle of "{flow}". Carry on from here (/cancel to stop):' },
  left: { vi: '(Đã dừng "{flow}" đang dở.)', en: '(Left the unfinished "{flow}".)' },
  flowHelp: { vi: 'Bạn đang ở "{flow}". Trả lời câu hỏi trên, hoặc gõ "◀ Quay lại" để lùi một bước, /huy để hủy.', en: 'You are in "{flow}". Answer the question above, or type "◀ Back" to go back one step, /cancel to cancel.' },
  fileNoFlow: { vi: 'Tôi chỉ nhận tệp khi một thao tác đang chờ tệp (ví dụ đính kèm báo cáo tổng kết trong /binhxet). Tệp này chưa được lưu.', en: 'I only take a file while an action is waiting for one (e.g. attaching the year-end report in /review). This file was not kept.' },
  noAnswerer: { vi: 'Tôi chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh.', en: 'I did not understand that. Type /help to see the commands.' },
} satisfies Record<string, Msg>;

const sessionSchema = z.object({
  flow: z.string(),
  /** The flow's version when the state was saved (none: saved before versions, read as 1). */
  version: z.number().int().optional(),
  state: z.unknown(),
  startedAt: z.string(),
  /** The process that last touched it: a session from an earlier run is shown again on the next contact. */
  boot: z.string().optional(),
  updatedAt: z.string(),
});
type Session = z.infer<typeof sessionSchema>;

/** A flow's version: 1 unless it says otherwise. */
const flowVersion = (flow: Flow<any>) => flow.version ?? 1;

const CANCEL_WORDS = new Set(['huy', 'cancel', 'thoat', 'dung']);
const BACK_WORDS = new Set(['quay lai', 'back', 'lui', 'tro lai']);

/**
 * The platform-neutral core: turns one Incoming into Replies. Inputs of one conversation are
 * handled strictly in order; different conversations run concurrently. State is saved
 * before the replies are returned.
 */
/** One conversation: a person in a chat on a platform (sessions, ordering, pending forms are keyed by it). */
export const conversationKey = (inc: Pick<Incoming, 'platform' | 'chatId' | 'userId'>): string => `${inc.platform}:${inc.chatId}:${inc.userId}`;

export class Runtime {
  private readonly router: Router;
  private sessions: Repo<Session>;
  private prefs: Repo<{ locale: Locale }>;
  private queue = new Mutex();
  /** This process; sessions it did not write were left by a run that stopped. */
  private readonly boot = randomBytes(6).toString('hex');

  constructor(
    private readonly services: Services,
    modules: Module[],
  ) {
    this.router = new Router(modules);
    this.handleForFlows = { ...this.handleForFlows, commands: this.router.list };
    this.sessions = new Repo(services.store, 'sessions', sessionSchema);
    this.prefs = new Repo(services.store, 'meta', z.object({ locale: z.enum(['vi', 'en']) }));
  }

  private readonly handleForFlows: RuntimeHandle = {
    commands: [],
    joined: async (ctx) => {
      const out: Reply[] = [];
      for (const hook of this.router.joinHooks) out.push(...(await hook(ctx)));
      return out;
    },
    setLocale: (inc, locale) => this.setLocale(inc, locale),
  };

  /** Every command of every module, in help order (menus, help). */
  get commands(): readonly Command[] {
    return this.router.list;
  }

  /** The command an input names, with its arguments (a two-word name and a "/start p_…" link included). */
  findCommand(inc: Incoming): { command: Command; args: string } | undefined {
    return this.router.command(inc);
  }

  handle(incoming: Incoming): Promise<Reply[]> {
    metrics.count('thidua_updates_total', { platform: incoming.platform });
    return this.queue.run(conversationKey(incoming), async () => {
      const { result, skipped } = await collectSkipped(() => this.process(parseCommand(incoming)));
      if (!skipped.length) return result;
      const locale = await this.localeFor(incoming).catch(() => localeFrom(incoming.locale));
      return [...result, { text: tr(locale, M.skipped, { n: skipped.length, list: listSkipped(skipped) }) }];
    });
  }

  /** The language for a person: their choice, else the platform's hint. */
  async localeFor(inc: Pick<Incoming, 'platform' | 'userId' | 'locale'>, person?: Person): Promise<Locale> {
    const p = person ?? (await this.services.people.get(inc.platform, inc.userId).catch(() => undefined));
    if (p?.locale) return p.locale;
    const pref = await this.prefs.get(`locale:${inc.platform}:${inc.userId}`).catch(() => undefined);
    return pref?.locale ?? localeFrom(inc.locale);
  }

  async setLocale(inc: Pick<Incoming, 'platform' | 'userId'>, locale: Locale): Promise<void> {
    await this.prefs.set(`locale:${inc.platform}:${inc.userId}`, { locale });
    const p = await this.services.people.get(inc.platform, inc.userId);
    if (p) await this.services.people.save({ ...p, locale });
  }

  /**
   * The question a person was at, asked again with a note (the console calls it at start-up);
   * nothing when there is no unfinished flow.
   */
  resume(incoming: Omit<Incoming, 'text' | 'action' | 'command'>): Promise<Reply[]> {
    return this.queue.run(conversationKey(incoming), async () => {
      const locale = await this.localeFor(incoming).catch(() => localeFrom(incoming.locale));
      const ctx = await this.context(incoming, locale).catch(() => undefined);
      if (!ctx) return [];
      const { active } = await this.loadSession(ctx).catch(() => ({ active: undefined }));
      return active ? this.again(ctx, active.flow, active.session) : [];
    });
  }

  private async context(inc: Incoming, locale: Locale, person?: Person): Promise<Ctx> {
    return {
      services: this.services,
      in: inc,
      locale,
      now: this.services.now(),
      person: person ?? (await this.services.people.get(inc.platform, inc.userId)),
      t: (msg, params) => tr(locale, msg, params),
      runtime: this.handleForFlows,
    };
  }

  /** The current step of a session again, marked as seen by this process. */
  private async again(ctx: Ctx, flow: Flow<any>, session: Session): Promise<Reply[]> {
    const state = flow.state.parse(session.state);
    const step = flow.resume?.(ctx, state) ?? flow.help?.(ctx, state) ?? [];
    await this.sessions.set(this.sessionKey(ctx), { ...session, updatedAt: ctx.now.toISOString(), boot: this.boot });
    return [{ text: ctx.t(M.resumed, { flow: ctx.t(flow.title) }) }, ...step];
  }

  private async process(inc: Incoming): Promise<Reply[]> {
    let locale: Locale = localeFrom(inc.locale);
    try {
      const person = await this.services.people.get(inc.platform, inc.userId);
      locale = await this.localeFor(inc, person);
      if ((inc.text?.length ?? 0) > MAX_INPUT_CHARS) {
        metrics.count('thidua_answers_total', { outcome: 'refused' });
        return [{ text: tr(locale, M.tooLong, { n: inc.text!.length, max: MAX_INPUT_CHARS }) }];
      }
      const ctx = await this.context(inc, locale, person);
      const replies = await this.route(ctx);
      metrics.count('thidua_answers_total', { outcome: 'ok' });
      return inc.chatType === 'group' ? replies.map((r) => (r.personal ? { text: tr(locale, M.groupRedirect), toPrivate: 'start' } : r)) : replies;
    } catch (err) {
      if (err instanceof StoreError) {
        metrics.count('thidua_answers_total', { outcome: 'not_saved' });
        log.error('request not carried out: the store failed', { platform: inc.platform, command: inc.command, action: inc.action?.slice(0, 40), error: err.message });
        return [{ text: tr(locale, M.notSaved) }];
      }
      metrics.count('thidua_answers_total', { outcome: 'error' });
      log.error('handler failed', { error: err, platform: inc.platform, command: inc.command });
      return [{ text: tr(locale, M.error) }];
    }
  }

  private sessionKey(ctx: Ctx) {
    return conversationKey(ctx.in);
  }

  /**
   * The active flow and its state. An expired session, one saved by another version of its flow,
   * or one whose state its flow no longer accepts is dropped with the friendly "expired" note.
   */
  private async loadSession(ctx: Ctx): Promise<{ active?: { session: Session; flow: Flow<any>; state: unknown }; notes: Reply[] }> {
    const k = this.sessionKey(ctx);
    const session = await this.sessions.get(k);
    if (!session) return { notes: [] };
    const flow = this.router.flow(session.flow);
    const ttlMs = this.services.config.SESSION_TTL_MINUTES * 60_000;
    const state = flow?.state.safeParse(session.state);
    const sameVersion = !!flow && (session.version ?? 1) === flowVersion(flow);
    if (flow && !sameVersion) log.info('session saved by another version of its flow; dropped', { flow: session.flow, saved: session.version ?? 1, now: flowVersion(flow) });
    else if (state && !state.success) log.warn('session state does not fit its flow; dropped', { flow: session.flow, detail: state.error.issues[0]?.message });
    if (!flow || !sameVersion || !state?.success || ctx.now.getTime() - new Date(session.updatedAt).getTime() > ttlMs) {
      await this.sessions.delete(k);
      const title = flow ? ctx.t(flow.title) : session.flow;
      return { notes: [{ text: ctx.t(M.expired, { flow: title, min: this.services.config.SESSION_TTL_MINUTES }) }] };
    }
    return { active: { session, flow, state: state.data }, notes: [] };
  }

  /** Runs a flow step and saves the state before anything is sent. */
  private async applyStep(ctx: Ctx, flow: Flow<any>, step: Step<unknown>, startedAt: string): Promise<Reply[]> {
    const k = this.sessionKey(ctx);
    if (step.done) await this.sessions.delete(k);
    else
      await this.sessions.set(k, {
        flow: flow.id,
        version: flowVersion(flow),
        state: flow.state.parse(step.state),
        startedAt,
        updatedAt: ctx.now.toISOString(),
        boot: this.boot,
      });
    return step.replies;
  }

  /** Starts a flow (from a command or a button); an unfinished one is left with a note. */
  private async startFlow(ctx: Ctx, flowId: string, current: Flow<any> | undefined): Promise<Reply[]> {
    const next = this.router.flow(flowId);
    if (!next) throw new Error(`flow ${flowId} is not registered`);
    const step = await next.start(ctx);
    // A flow that ends at once (e.g. "/dangky xem") leaves any unfinished one untouched.
    if (step.done) return step.replies;
    const left = current ? [{ text: ctx.t(M.left, { flow: ctx.t(current.title) }) }] : [];
    return [...left, ...(await this.applyStep(ctx, next, step, ctx.now.toISOString()))];
  }

  private async route(ctx: Ctx): Promise<Reply[]> {
    const { active, notes } = await this.loadSession(ctx);
    const replies = await this.dispatch(ctx, active, notes);
    // The first contact after a restart that did not answer the open question shows it again.
    if (active && active.session.boot !== this.boot) {
      const now = await this.sessions.get(this.sessionKey(ctx));
      if (now && now.startedAt === active.session.startedAt && now.boot !== this.boot) return [...replies, ...(await this.again(ctx, active.flow, now))];
    }
    return replies;
  }

  private async dispatch(ctx: Ctx, active: { session: Session; flow: Flow<any>; state: unknown } | undefined, notes: Reply[]): Promise<Reply[]> {
    const inc = ctx.in;
    const flow = active?.flow;
    const folded = inc.text !== undefined && inc.command === undefined ? key(inc.text) : '';

    // Cancel, back and help act on the active flow first.
    const cmdKey = inc.command !== undefined ? key(inc.command) : '';
    const isCancel = ['huy', 'cancel'].includes(cmdKey) || inc.action === CANCEL || (flow && CANCEL_WORDS.has(folded));
    if (isCancel) {
      if (!flow) return [...notes, { text: ctx.t(M.nothingToCancel) }];
      await this.sessions.delete(this.sessionKey(ctx));
      return [{ text: ctx.t(M.cancelled, { flow: ctx.t(flow.title) }) }];
    }
    if (active) {
      const { session, flow, state } = active;
      const isBack = ['quaylai', 'back'].includes(cmdKey.replace(/ /g, '')) || inc.action === BACK || BACK_WORDS.has(folded);
      if (isBack) {
        if (!flow.back) return [{ text: ctx.t(M.noBack) }];
        return this.applyStep(ctx, flow, await flow.back(ctx, state), session.startedAt);
      }
      if (['trogiup', 'help'].includes(cmdKey)) {
        return [...(flow.help?.(ctx, state) ?? []), { text: ctx.t(M.flowHelp, { flow: ctx.t(flow.title) }) }];
      }
      const isFlowInput = inc.command === undefined && (inc.action === undefined || flowArgs(inc.action) !== undefined);
      if (isFlowInput) return this.applyStep(ctx, flow, await flow.onInput(ctx, state), session.startedAt);
    }

    if (inc.command !== undefined) {
      const found = this.router.command(inc);
      if (!found) return [...notes, { text: ctx.t(M.unknownCommand, { cmd: truncate(inc.command, 40) }) }];
      const { command, args } = found;
      const cctx: Ctx = { ...ctx, in: { ...inc, args } };
      // Personal commands (joining, a unit's data) never run in a group: nothing is bound to or posted in it.
      if (command.personal && inc.chatType === 'group') return [{ text: ctx.t(M.groupRedirect), toPrivate: command.names[0] }];
      if (command.needsPerson && !ctx.person) return [...notes, { text: ctx.t(M.notBound) }];
      if (command.flow) return [...notes, ...(await this.startFlow(cctx, command.flow, flow))];
      return [...notes, ...(await command.run!(cctx))];
    }

    if (inc.action !== undefined) {
      const found = this.router.action(inc.action);
      if (!found || flowArgs(inc.action) !== undefined) return [...notes, { text: ctx.t(COMMON.staleButton) }];
      const { handler, args } = found;
      if (handler.flow) return [...notes, ...(await this.startFlow({ ...ctx, in: { ...inc, args: args.join(':') } }, handler.flow, flow))];
      return [...notes, ...(await handler.run!(ctx, args))];
    }

    if (inc.file && inc.text === undefined) return [...notes, { text: ctx.t(M.fileNoFlow) }];
    if (inc.text !== undefined && inc.chatType !== 'group') {
      for (const h of this.router.textHandlers) return [...notes, ...(await h(ctx))];
      return [...notes, { text: ctx.t(M.noAnswerer) }];
    }
    return notes;
  }
}
