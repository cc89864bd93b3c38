import { randomBytes } from 'node:crypto';
import { BACK, CANCEL, flowArgs, flowButton } from '../../bot/buttons.js';
import { COMMON } from '../../bot/messages.js';
import { z } from 'zod';
import { auditEntry } from '../../bot/audit.js';
import type { Ctx, Flow, Step } from '../../bot/context.js';
import { tr, type Msg } from '../../text/i18n.js';
import { personKey, type Person } from '../../bot/people.js';
import type { Choice, Reply } from '../../bot/types.js';
import { key } from '../../text/vntext.js';
import { logger } from '../../log.js';
import type { Outgoing } from '../../bot/delivery.js';
import type { Announcement } from './ledger.js';
import type { Reminders } from './scheduler.js';

const log = logger('announce');

/**
 * /thongbao: admins to everyone (or one cluster), cluster heads to their cluster.
 * text → audience → confirmation with the number of recipients → sent as a broadcast, exactly
 * once per recipient (deliveries `ann|id|person`), finished after a restart by the tick,
 * then a report of delivered / failed to the sender.
 */
const M = {
  title: { vi: 'gửi thông báo', en: 'announcement' },
  notAllowed: { vi: 'Chỉ quản trị viên và cụm trưởng mới gửi được thông báo.', en: 'Only administrators and cluster heads can send announcements.' },
  askText: { vi: 'Nhập nội dung thông báo (một tin nhắn). Gõ /huy để hủy.', en: 'Type the announcement (one message). Type /cancel to cancel.' },
  emptyText: { vi: 'Nội dung đang trống. Vui lòng nhập nội dung thông báo.', en: 'The text is empty. Please type the announcement.' },
  askAudience: { vi: 'Gửi tới ai?', en: 'Who should receive it?' },
  all: { vi: 'Tất cả đơn vị', en: 'All units' },
  badAudience: { vi: 'Vui lòng chọn một nút (hoặc gõ số thứ tự).', en: 'Please press a button (or type its number).' },
  confirm: {
    vi: 'Nội dung:\n«{text}»\n\nGửi tới: {audience} — {n} người nhận ({units} đơn vị). Xác nhận gửi?',
    en: 'Text:\n«{text}»\n\nTo: {audience} — {n} recipients ({units} units). Send it?',
  },
  nobody: { vi: 'Chưa có ai tham gia trong phạm vi này nên không có người nhận. Chọn phạm vi khác hoặc /huy.', en: 'Nobody has joined in that audience, so there is no recipient. Choose another or /cancel.' },
  send: { vi: '📤 Gửi', en: '📤 Send' },
  sending: { vi: '📤 Đang gửi tới {n} người nhận. Bot sẽ báo kết quả khi gửi xong.', en: '📤 Sending to {n} recipients. I will report when it is done.' },
  pressSend: { vi: 'Bấm "📤 Gửi" để gửi, "◀ Quay lại" để sửa hoặc /huy để hủy.', en: 'Press "📤 Send" to send, "◀ Back" to change it, or /cancel.' },
  header: { vi: '📢 Thông báo từ {from}:', en: '📢 Announcement from {from}:' },
  report: {
    vi: '📊 Kết quả gửi thông báo ({audience}):\n• Đã gửi: {sent}/{total}\n• Lỗi: {failed}{uncertain}',
    en: '📊 Announcement delivery ({audience}):\n• Delivered: {sent}/{total}\n• Failed: {failed}{uncertain}',
  },
  uncertainLine: { vi: '\n• Không chắc chắn (bot dừng giữa lúc gửi): {n}', en: '\n• Uncertain (the bot stopped mid-send): {n}' },
} satisfies Record<string, Msg>;

export const announceMsgs = M;

const stateSchema = z.object({
  stage: z.enum(['text', 'audience', 'confirm']),
  text: z.string().optional(),
  audience: z.string().optional(),
});
type State = z.infer<typeof stateSchema>;

/** The audiences a person may address: 'all' and clusters for admins, their cluster for cluster heads. */
function audiences(ctx: Ctx): Choice[] {
  const p = ctx.person;
  const { units } = ctx.services;
  if (p?.role === 'admin')
    return [{ label: ctx.t(M.all), value: flowButton('aud', 'all') }, ...units.clusters.map((c) => ({ label: c.name[ctx.locale], value: flowButton('aud', c.id) }))];
  if (p?.role === 'cluster-head') {
    const c = units.cluster(units.get(p.unitId)?.clusterId ?? '');
    return c ? [{ label: c.name[ctx.locale], value: flowButton('aud', c.id) }] : [];
  }
  return [];
}

function audienceName(ctx: Ctx, audience: string): string {
  return audience === 'all' ? ctx.t(M.all) : ctx.services.units.name(audience, ctx.locale);
}

async function recipients(ctx: Ctx, audience: string): Promise<Person[]> {
  const me = ctx.person!;
  const people = await ctx.services.people.list();
  const units = ctx.services.units;
  return people.filter(
    (p) => !(p.platform === me.platform && p.userId === me.userId) && (audience === 'all' || units.get(p.unitId)?.clusterId === audience),
  );
}

export function announceFlow(reminders: () => Reminders): Flow<State> {
  const askAudience = (ctx: Ctx): Reply[] => [{ text: ctx.t(M.askAudience), choices: audiences(ctx) }];
  const confirm = async (ctx: Ctx, state: State): Promise<Step<State>> => {
    const list = await recipients(ctx, state.audience!);
    if (list.length === 0) return { replies: [{ text: ctx.t(M.nobody), choices: audiences(ctx) }], state: { ...state, stage: 'audience' } };
    const text = ctx.t(M.confirm, { text: state.text!, audience: audienceName(ctx, state.audience!), n: list.length, units: new Set(list.map((p) => p.unitId)).size });
    return {
      replies: [{ text, choices: [{ label: ctx.t(M.send), value: flowButton('send') }, { label: ctx.t(COMMON.back), value: BACK }, { label: ctx.t(COMMON.cancel), value: CANCEL }] }],
      state: { ...state, stage: 'confirm' },
    };
  };
  return {
    id: 'announce',
    title: M.title,
    state: stateSchema,
    async start(ctx) {
      if (audiences(ctx).length === 0) return { replies: [{ text: ctx.t(M.notAllowed) }], done: true };
      return { replies: [{ text: ctx.t(M.askText) }], state: { stage: 'text' } };
    },
    async onInput(ctx, state) {
      const allowed = audiences(ctx);
      if (allowed.length === 0) return { replies: [{ text: ctx.t(M.notAllowed) }], done: true };
      const input = ctx.in.text?.trim() ?? '';
      if (state.stage === 'text') {
        if (!input) return { replies: [{ text: ctx.t(M.emptyText) }], state };
        return { replies: askAudience(ctx), state: { stage: 'audience', text: input } };
      }
      if (state.stage === 'audience') {
        const n = Number(input);
        const picked =
          allowed.find((c) => c.value === ctx.in.action) ??
          (Number.isInteger(n) && n >= 1 && n <= allowed.length ? allowed[n - 1] : allowed.find((c) => input && key(c.label) === key(input)));
        if (!picked) return { replies: [{ text: ctx.t(M.badAudience), choices: allowed }], state };
        return confirm(ctx, { ...state, audience: flowArgs(picked.value)![1] });
      }
      // confirm
      const yes = ctx.in.action === flowButton('send') || ['gui', 'send', 'co', 'yes', 'ok', 'dong y'].includes(key(input));
      if (!yes) return { replies: [{ text: ctx.t(M.pressSend) }], state };
      if (!allowed.some((c) => c.value === flowButton('aud', state.audience ?? ''))) return { replies: [{ text: ctx.t(M.notAllowed) }], done: true };
      const list = await recipients(ctx, state.audience!);
      const me = ctx.person!;
      const a: Announcement = {
        id: `${ctx.now.getTime().toString(36)}${randomBytes(3).toString('hex')}`,
        text: state.text!,
        by: personKey(me.platform, me.userId),
        byName: me.name,
        byAddress: { platform: me.platform, chatId: me.chatId },
        byLocale: ctx.locale,
        audience: state.audience!,
        recipients: list.map((p) => personKey(p.platform, p.userId)),
        createdAt: ctx.now.toISOString(),
      };
      const r = reminders();
      await ctx.services.store.batch([r.ledger.announcements.write(`ann|${a.id}`, a), auditEntry(ctx.now, a.by, 'announce', { id: a.id, audience: a.audience, recipients: a.recipients.length })]);
      ctx.services.background.track(runAnnouncement(r, a));
      return { replies: [{ text: ctx.t(M.sending, { n: list.length }) }], done: true };
    },
    async back(ctx, state) {
      if (state.stage === 'confirm') return { replies: askAudience(ctx), state: { ...state, stage: 'audience' } };
      return { replies: [{ text: ctx.t(M.askText) }], state: { stage: 'text' } };
    },
  };
}

/** The announcement's messages, one per recipient still bound. */
export async function announcementOutgoing(r: Reminders, a: Announcement): Promise<Outgoing[]> {
  const out: Outgoing[] = [];
  const { people, units } = r.services;
  const sender = await people.people.get(a.by).catch(() => undefined);
  for (const k of a.recipients) {
    const p = await people.people.get(k).catch(() => undefined);
    if (!p) continue;
    const locale = p.locale ?? 'vi';
    const from = [a.byName ?? sender?.name, sender ? units.name(sender.unitId, locale) : undefined].filter(Boolean).join(', ') || 'Bộ Tư pháp';
    out.push({
      key: `ann|${a.id}|${k}`,
      to: { platform: p.platform, chatId: p.chatId, person: k },
      reply: { text: `${tr(locale, M.header, { from })}\n\n${a.text}` },
      meta: { kind: 'announcement', announcementId: a.id, unitId: p.unitId },
    });
  }
  return out;
}

/** Reports to the sender once every recipient's delivery is final (exactly once, by claim). */
export async function reportAnnouncement(r: Reminders, a: Announcement): Promise<void> {
  const counts = { sent: 0, failed: 0, uncertain: 0, open: 0 };
  for (const k of a.recipients) {
    const d = await r.ledger.deliveries.get(`ann|${a.id}|${k}`);
    if (!d) {
      if (await r.services.people.people.get(k).catch(() => undefined)) counts.open++;
      else counts.failed++; // left the bot before it was sent
    } else if (d.status === 'sent') counts.sent++;
    else if (d.status === 'uncertain') counts.uncertain++;
    else if (d.status === 'failed' && !d.retryAt) counts.failed++;
    else counts.open++;
  }
  if (counts.open) return;
  if (!(await r.services.store.claim(`annrep|${a.id}`, 400 * 86400_000))) return;
  const locale = a.byLocale;
  const audience = a.audience === 'all' ? tr(locale, M.all) : r.services.units.name(a.audience, locale);
  const text = tr(locale, M.report, {
    audience,
    sent: counts.sent,
    total: a.recipients.length,
    failed: counts.failed,
    uncertain: counts.uncertain ? tr(locale, M.uncertainLine, { n: counts.uncertain }) : '',
  });
  await r.ledger.announcements.set(`ann|${a.id}`, { ...a, reportedAt: r.services.now().toISOString() });
  await r.services.outbox.send(a.byAddress, [{ text }]).catch((err) => log.warn('announcement report not delivered', { id: a.id, error: err instanceof Error ? err.message : String(err) }));
}

/** Sends an announcement now (the tick would also pick it up) and reports when final. */
export async function runAnnouncement(r: Reminders, a: Announcement): Promise<void> {
  await r.deliverer.deliver(await announcementOutgoing(r, a));
  await reportAnnouncement(r, a);
}
