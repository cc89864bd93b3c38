import type { Acting, ActionHandler, Ctx, Flow } from '../../bot/context.js';
import { decisionFlow as sharedDecisionFlow, reasonOf, type DecisionState, type Refused, type RefusalReason } from '../shared/decision.js';
import type { Msg } from '../../text/i18n.js';
import { formerUser, roleLabel } from '../../bot/names.js';
import { access, personKey } from '../../bot/people.js';
import type { Reply } from '../../bot/types.js';
import { showLocal } from '../../domain/dates.js';
import { lockFor, targetOf, type RegisterKit } from './kit.js';
import { Registrations, type Registration } from './records.js';
import { decide, decisionChoices } from './service.js';
import { renderHistory, renderHistoryBlock, renderRegistration, STATUS } from './summary.js';

/** /dangky xem, /dangky lichsu, and the approve / return buttons (`reg:approve|return:<unit>:<year>:<version>`). */
const M = {
  cannotView: { vi: 'Bạn không xem được đăng ký của {unit}.', en: 'You may not see the registration of {unit}.' },
  none: { vi: '{unit} chưa có đăng ký thi đua năm {year}. Gõ /dangky để đăng ký.', en: '{unit} has no emulation registration for {year}. Type /register to register.' },
  wip: { vi: 'Có bản đang soạn dở (đã trả lời {n} mục, lưu lúc {at}) — gõ /dangky để tiếp tục.', en: 'There are unfinished answers ({n} items answered, saved {at}) — type /register to continue.' },
  lastLines: { vi: 'Lịch sử gần đây (/dangky lichsu để xem đủ):', en: 'Recent history (/register history for all):' },
  locked: { vi: '🔒 Đã qua hạn đăng ký ({due}): mọi thay đổi là điều chỉnh, cần lý do.', en: '🔒 Deadline passed ({due}): any change is an amendment and needs a reason.' },
  due: { vi: 'Hạn đăng ký: {due}.', en: 'Registration deadline: {due}.' },
  awaiting: { vi: 'Đăng ký đang chờ bạn duyệt.', en: 'This registration awaits your approval.' },
  waiting: { vi: '📨 Có đăng ký thi đua đang chờ bạn duyệt:', en: '📨 A registration awaits your approval:' },
  otherYear: { vi: 'Đơn vị có đăng ký năm {year} ({status}) — gõ /dangky xem {year} để xem.', en: 'The unit has a {year} registration ({status}) — type /register view {year} to see it.' },
  otherDraft: { vi: 'Có bản đang soạn dở cho năm {year} (đã trả lời {n} mục, lưu lúc {at}) — gõ /dangky {year} để tiếp tục.', en: 'There are unfinished answers for {year} ({n} items answered, saved {at}) — type /register {year} to continue.' },
  approved: { vi: '✅ Đã duyệt đăng ký thi đua năm {year} của {unit} (phiên bản {version}).', en: '✅ Approved the {year} emulation registration of {unit} (version {version}).' },
  returned: { vi: '↩️ Đã trả lại đăng ký năm {year} của {unit} kèm ý kiến.', en: '↩️ Returned the {year} registration of {unit} with your comment.' },
  askComment: { vi: 'Trả lại đăng ký năm {year} của {unit}: nhập ý kiến, nội dung cần sửa (bắt buộc):', en: 'Returning the {year} registration of {unit}: type your comment, what must change (required):' },
  commentTooLong: { vi: 'Ý kiến quá dài (tối đa 1000 ký tự).', en: 'The comment is too long (1000 characters at most).' },
  forbidden: { vi: 'Bạn không có quyền duyệt đăng ký của {unit}. Chỉ thủ trưởng đơn vị (hoặc quản trị) mới duyệt được.', en: 'You may not approve the registration of {unit}. Only its head (or an administrator) can.' },
  missing: { vi: '{unit} không có đăng ký năm {year}.', en: '{unit} has no registration for {year}.' },
  status: { vi: 'Đăng ký đang ở trạng thái "{status}", không có gì để duyệt.', en: 'The registration is "{status}"; there is nothing to decide.' },
  stale: { vi: 'Đăng ký đã thay đổi (nay là phiên bản {version}) kể từ khi nút này được gửi. Gõ /dangky xem để xem bản mới nhất.', en: 'The registration has changed (now version {version}) since this button was sent. Type /register view for the latest.' },
  title: { vi: 'trả lại đăng ký', en: 'return a registration' },
} satisfies Record<string, Msg>;

export function registerViews(kit: RegisterKit) {
  const unitName = (ctx: Ctx, id: string) => kit.services.units.name(id, ctx.locale);

  /** Who made a change: their name (then or now), else their role then and unit — never an id. */
  async function whoNames(ctx: Ctx, unitId: string): Promise<(h: Registration['history'][number]) => string> {
    const people = new Map((await kit.services.people.list()).map((p) => [personKey(p.platform, p.userId), p]));
    return (h) => {
      const now = people.get(h.by);
      const name = h.name ?? now?.name;
      const role = h.role ?? now?.role;
      return name ?? (role ? roleLabel(role, now?.unitId ?? unitId, kit.services.units, ctx.locale) : formerUser(ctx.locale));
    };
  }

  async function view(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { unitId, year } = targetOf(kit, ctx, args);
    if (!access.canViewUnit(ctx.person, unitId, kit.services.units)) return [{ text: ctx.t(M.cannotView, { unit: unitName(ctx, unitId) }) }];
    const reg = await kit.regs.get(unitId, year);
    const lock = lockFor(kit, year, ctx.now);
    const lockLine = lock.due ? ctx.t(lock.locked ? M.locked : M.due, { due: showLocal(lock.due, kit.tz) }) : undefined;
    if (!reg) {
      const draft = await kit.drafts.get(Registrations.key(unitId, year));
      const lines = [ctx.t(M.none, { unit: unitName(ctx, unitId), year })];
      if (draft) lines.push(ctx.t(M.wip, { n: Object.keys(draft.values).length, at: showLocal(draft.at, kit.tz) }));
      lines.push(...(await otherYears(ctx, unitId, year)));
      if (lockLine) lines.push(lockLine);
      return [{ text: lines.join('\n'), personal: true }];
    }
    const who = await whoNames(ctx, unitId);
    const lines = [renderRegistration(reg, unitName(ctx, unitId), kit.titles, ctx.locale, kit.tz)];
    if (lockLine) lines.push('', lockLine);
    lines.push('', ctx.t(M.lastLines), ...renderHistory(reg, kit.titles, ctx.locale, kit.tz, who, 3));
    const canDecide = reg.status === 'submitted' && access.canApproveUnit(ctx.person, unitId);
    if (canDecide) lines.push('', ctx.t(M.awaiting));
    return [{ text: lines.join('\n'), personal: true, ...(canDecide ? { choices: decisionChoices(reg, ctx.locale) } : {}) }];
  }

  /** The unit's registration or unfinished answers of the year before and after, when there are any. */
  async function otherYears(ctx: Ctx, unitId: string, year: number, draftsOnly = false): Promise<string[]> {
    const lines: string[] = [];
    for (const y of [year - 1, year + 1]) {
      const reg = await kit.regs.get(unitId, y);
      const draft = await kit.drafts.get(Registrations.key(unitId, y));
      if (draft && (!reg || draft.at > reg.updatedAt)) lines.push(ctx.t(M.otherDraft, { year: y, n: Object.keys(draft.values).length, at: showLocal(draft.at, kit.tz) }));
      else if (reg && !draftsOnly) lines.push(ctx.t(M.otherYear, { year: y, status: ctx.t(STATUS[reg.status]) }));
    }
    return lines;
  }

  /** Registrations waiting for this person's decision (a head of unit), with their buttons: said on joining. */
  async function awaiting(ctx: Ctx): Promise<Reply[]> {
    const p = ctx.person;
    if (!p || p.role !== 'head') return [];
    const waiting = (await kit.regs.repo.list()).map((e) => e.value).filter((r) => r.unitId === p.unitId && r.status === 'submitted');
    return waiting.map((reg) => ({
      text: [ctx.t(M.waiting), '', renderRegistration(reg, unitName(ctx, reg.unitId), kit.titles, ctx.locale, kit.tz)].join('\n'),
      choices: decisionChoices(reg, ctx.locale),
      personal: true,
    }));
  }

  async function history(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { unitId, year } = targetOf(kit, ctx, args);
    if (!access.canViewUnit(ctx.person, unitId, kit.services.units)) return [{ text: ctx.t(M.cannotView, { unit: unitName(ctx, unitId) }) }];
    const reg = await kit.regs.get(unitId, year);
    const lines = reg ? renderHistory(reg, kit.titles, ctx.locale, kit.tz, await whoNames(ctx, unitId)) : [];
    return [{ text: renderHistoryBlock(reg, unitName(ctx, unitId), year, lines, ctx.locale), personal: true }];
  }

  return { view, history, awaiting, otherYears };
}

/**
 * Approves or returns a submitted version as `who` (a chat turn, or a head on the web dashboard):
 * the lines that tell them what was done and who was told, or why not, in their language.
 */
export async function decideRegistration(
  kit: RegisterKit,
  who: Acting,
  s: DecisionState,
  decision: 'approve' | 'return',
  comment?: string,
): Promise<{ lines: string[] } | Refused> {
  const unit = kit.services.units.name(s.unitId, who.locale);
  const msg = decision === 'approve' ? M.approved : M.returned;
  const out = await decide(kit, who, s, decision, (reg) => who.t(msg, { year: s.year, unit, version: reg.version }), comment);
  return out.ok ? { lines: out.lines } : { refused: refusal(who, s, reasonOf(out.why), out.reg) };
}

function refusal(who: Pick<Acting, 't' | 'locale' | 'services'>, s: DecisionState, why: RefusalReason, reg?: Registration): string {
  return who.t({ forbidden: M.forbidden, missing: M.missing, stale: M.stale, status: M.status, locked: M.status }[why], {
    unit: who.services.units.name(s.unitId, who.locale),
    year: s.year,
    version: reg?.version ?? 0,
    status: who.t(STATUS[reg?.status ?? 'missing']),
  });
}

/** The flow behind every `reg:` button: approve at once, or ask the comment of a return. */
export function decisionFlow(kit: RegisterKit): Flow<DecisionState> {
  return sharedDecisionFlow({
    id: 'register-decision',
    title: M.title,
    askComment: M.askComment,
    commentTooLong: M.commentTooLong,
    canApprove: (ctx, unitId) => access.canApproveUnit(ctx.person, unitId),
    current: (s) => kit.regs.get(s.unitId, s.year),
    refusal,
    decide: (ctx, s, decision, comment) => decideRegistration(kit, ctx, s, decision, comment),
  });
}

export const decisionAction: ActionHandler = { prefix: 'reg', flow: 'register-decision' };
