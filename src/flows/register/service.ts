import { auditEntry } from '../../bot/audit.js';
import { button } from '../../bot/buttons.js';
import type { Acting, Ctx } from '../../bot/context.js';
import { tr, type Msg } from '../../text/i18n.js';
import { capitalize, personLabel, recipientLabel } from '../../bot/names.js';
import { access, personKey, type Person } from '../../bot/people.js';
import type { Write } from '../../bot/store.js';
import type { Choice, Locale, Reply, Role } from '../../bot/types.js';
import { hasErrors, runChecks } from '../../knowledge/rules.js';
import { crossErrors, toValues } from './form.js';
import { lockFor, type RegisterKit } from './kit.js';
import { Registrations, type Registration } from './records.js';
import { renderRegistration } from './summary.js';
import { commit, dataOf, diffData, type RegistrationData } from './versions.js';

/**
 * What changes a registration: save a draft, submit (an amendment after the deadline), approve,
 * return. Each re-checks who may do it from the stored person, the lock and the current version.
 */
export type Refusal = 'forbidden' | 'locked' | 'needs-reason' | 'errors' | 'unchanged' | 'stale' | 'status' | 'missing';
/**
 * `lines`: the actor's confirmation (unless it already went out as a message) and who was notified;
 * `choices`: buttons for the person who acted (a head who submits can approve at once).
 */
export type Outcome = { ok: true; reg: Registration; lines: string[]; choices?: Choice[] } | { ok: false; why: Refusal; reg?: Registration };
/** The actor's confirmation of a change, in the actor's language. */
export type Confirm = (reg: Registration) => string;

const M = {
  approve: { vi: '✅ Duyệt', en: '✅ Approve' },
  return: { vi: '↩️ Trả lại', en: '↩️ Return' },
  submitted: { vi: '📨 {who} đã gửi đăng ký thi đua năm {year} của {unit}. Vui lòng xem và duyệt.', en: '📨 {who} submitted the {year} emulation registration of {unit}. Please review and approve.' },
  amended: { vi: '📨 {who} đã điều chỉnh đăng ký thi đua năm {year} của {unit} sau hạn (lý do: {reason}). Vui lòng xem và duyệt lại.', en: '📨 {who} amended the {year} emulation registration of {unit} after the deadline (reason: {reason}). Please review and approve again.' },
  approved: { vi: '✅ Đăng ký thi đua năm {year} của {unit} đã được {who} duyệt.', en: '✅ The {year} emulation registration of {unit} was approved by {who}.' },
  returned: { vi: '↩️ Đăng ký thi đua năm {year} của {unit} đã bị {who} trả lại để sửa.\nÝ kiến: {comment}\nGõ /dangky để sửa và gửi lại.', en: '↩️ The {year} emulation registration of {unit} was returned by {who} for changes.\nComment: {comment}\nType /register to fix and resubmit.' },
  notified: { vi: 'Đã thông báo cho: {list}.', en: 'Notified: {list}.' },
  unreachable: { vi: 'Chưa gửi được thông báo tới {list} (nền tảng của họ chưa chạy trong tiến trình này); hãy báo trực tiếp.', en: 'Could not notify {list} (their platform is not running in this process); please tell them directly.' },
  noHead: {
    vi: 'Đơn vị chưa có thủ trưởng nào tham gia bot. Khi thủ trưởng tham gia (/thamgia), đăng ký chờ duyệt sẽ hiện ra ngay kèm nút Duyệt / Trả lại.',
    en: 'No head of this unit has joined the bot yet. When the head joins (/join), the registration awaiting approval is shown at once with Approve / Return buttons.',
  },
  noOfficer: { vi: 'Đơn vị chưa có cán bộ đầu mối nào tham gia bot để nhận thông báo.', en: 'No focal officer of this unit has joined the bot to be notified.' },
  selfApprove: { vi: 'Bạn là người duyệt đăng ký của đơn vị: có thể duyệt ngay hoặc trả lại.', en: 'You approve this unit’s registrations: approve it now, or return it.' },
} satisfies Record<string, Msg>;

const actor = (ctx: Acting) => personKey(ctx.in.platform, ctx.in.userId);
/** Name and role at the time, kept in the history so it reads right after a role change. */
const whoOf = (ctx: Acting) => ({ role: ctx.person?.role, name: ctx.person?.name });

/** Approve / return buttons of a submitted version (values never trusted: re-checked on press). */
export function decisionChoices(r: Registration, locale: Locale): Choice[] {
  const tail = `${r.unitId}:${r.year}:${r.version}`;
  return [
    { label: tr(locale, M.approve), value: button('reg', 'approve', tail) },
    { label: tr(locale, M.return), value: button('reg', 'return', tail) },
  ];
}

/** A change and the notices that follow it, written together; the notices are delivered after. */
interface Change {
  reg: Registration;
  /** Who is told, with the id of their notice; the actor's confirmation. */
  told: { person: Person; id: string }[];
  confirmation: string;
  confirmationId: string;
  /** Said to the actor when nobody could be told. */
  nobody?: Msg;
  /** Said to the actor in any case (after who was told), with buttons. */
  also?: { note: Msg; choices: Choice[] };
}

/**
 * Writes the registration, its audit entry (and `more`) and the notices to the unit's people with
 * the given roles (built in each person's language) plus the actor's confirmation — one write.
 */
async function commitWithNotices(
  kit: RegisterKit,
  ctx: Acting,
  reg: Registration,
  c: { action: string; more?: Write[]; roles: Role[]; also?: string[]; build: (locale: Locale) => Reply; confirm: Confirm; nobody?: Msg; then?: Change['also'] },
): Promise<Change> {
  const me = actor(ctx);
  const people = (await kit.services.people.list()).filter(
    (p) => personKey(p.platform, p.userId) !== me && p.unitId === reg.unitId && (c.roles.includes(p.role) || !!c.also?.includes(personKey(p.platform, p.userId))),
  );
  const confirmation = c.confirm(reg);
  const q = kit.services.notices.queue([
    ...people.map((p) => ({ to: { platform: p.platform, chatId: p.chatId, userId: p.userId }, reply: c.build(p.locale ?? 'vi') })),
    { to: { platform: ctx.in.platform, chatId: ctx.in.chatId, userId: ctx.in.userId }, reply: { text: confirmation } },
  ]);
  await kit.services.store.batch([
    kit.regs.repo.write(Registrations.key(reg.unitId, reg.year), reg),
    auditEntry(ctx.now, me, `registration-${c.action}`, { unitId: reg.unitId, year: reg.year, version: reg.version }),
    ...(c.more ?? []),
    ...q.writes,
  ]);
  return { reg, told: people.map((person, i) => ({ person, id: q.ids[i] })), confirmation, confirmationId: q.ids.at(-1)!, ...(c.nobody ? { nobody: c.nobody } : {}), ...(c.then ? { also: c.then } : {}) };
}

/** Delivers a change's notices: the actor's confirmation as the reply, then who was (or could not be) notified. */
async function deliverNotices(kit: RegisterKit, ctx: Acting, c: Change): Promise<Outcome> {
  const lines = (await kit.services.notices.handOver(c.confirmationId)) ? [c.confirmation] : [];
  const outcomes = await kit.services.notices.deliver(c.told.map((t) => t.id));
  const label = (p: Person) => recipientLabel(p, ctx.locale);
  const sent = c.told.filter((t) => outcomes.get(t.id) !== 'failed').map((t) => label(t.person));
  const failed = c.told.filter((t) => outcomes.get(t.id) === 'failed').map((t) => label(t.person));
  if (!c.told.length && c.nobody) lines.push(ctx.t(c.nobody));
  if (sent.length) lines.push(ctx.t(M.notified, { list: sent.join(', ') }));
  if (failed.length) lines.push(ctx.t(M.unreachable, { list: failed.join(', ') }));
  if (c.also) lines.push(ctx.t(c.also.note));
  return { ok: true, reg: c.reg, lines, ...(c.also ? { choices: c.also.choices } : {}) };
}

/** The one who acted, as others read it: a name, else role and unit. */
const actorLabel = (kit: RegisterKit, ctx: Acting, l: Locale) => capitalize(personLabel(ctx.person, kit.services.units, l));

/**
 * Runs `step` on the unit's registration of the year under its lock once the person may act on
 * it (re-checked here, whatever a button said); the notices of a change are delivered after.
 */
async function underLock(
  kit: RegisterKit,
  ctx: Acting,
  target: { unitId: string; year: number },
  may: (person: Ctx['person'], unitId: string) => boolean,
  step: (prev: Registration | undefined) => Promise<Change | Outcome>,
): Promise<Outcome> {
  const { unitId, year } = target;
  const done = await kit.services.store.withLock(`registration:${Registrations.key(unitId, year)}`, async (): Promise<Change | Outcome> => {
    if (!may(ctx.person, unitId)) return { ok: false, why: 'forbidden' };
    return step(await kit.regs.get(unitId, year));
  });
  return 'told' in done ? deliverNotices(kit, ctx, done) : done;
}

/** Saves a draft or submits. `baseVersion` is the version the officer started from (0 = none). */
export async function saveRegistration(
  kit: RegisterKit,
  ctx: Ctx,
  target: { unitId: string; year: number; baseVersion: number },
  data: RegistrationData,
  mode: 'save' | 'submit',
  confirm: Confirm,
  reason?: string,
): Promise<Outcome> {
  const { unitId, year } = target;
  return underLock(kit, ctx, target, access.canEditUnit, async (prev) => {
    if ((prev?.version ?? 0) !== target.baseVersion) return { ok: false, why: 'stale', reg: prev };
    const { locked } = lockFor(kit, year, ctx.now);
    if (locked && mode === 'save') return { ok: false, why: 'locked', reg: prev };
    if (locked && !reason?.trim()) return { ok: false, why: 'needs-reason', reg: prev };
    if (mode === 'save' && (prev?.status === 'submitted' || prev?.status === 'approved')) return { ok: false, why: 'status', reg: prev };
    const invalid = Object.keys(crossErrors(kit.titles, toValues(data, kit.titles), ctx.locale)).length > 0;
    if (mode === 'submit' && (invalid || hasErrors(runChecks(data, kit.titles, ctx.locale, kit.docs)))) return { ok: false, why: 'errors', reg: prev };
    const changed = diffData(prev && dataOf(prev), data).length > 0;
    if (prev && !changed && mode === 'submit' && (prev.status === 'submitted' || prev.status === 'approved')) return { ok: false, why: 'unchanged', reg: prev };

    const action = mode === 'save' ? 'save' : locked ? 'amend' : 'submit';
    const reg = commit(prev, unitId, year, data, { action, by: actor(ctx), ...whoOf(ctx), at: ctx.now, status: mode === 'save' ? 'draft' : 'submitted', reason: locked ? reason!.trim() : undefined });
    const draft = kit.drafts.remove(Registrations.key(unitId, year));
    if (mode === 'save') {
      await kit.services.store.batch([kit.regs.repo.write(Registrations.key(unitId, year), reg), draft, auditEntry(ctx.now, actor(ctx), 'registration-save', { unitId, year, version: reg.version })]);
      return { ok: true, reg, lines: [confirm(reg)] };
    }
    const unit = (l: Locale) => kit.services.units.name(unitId, l);
    return commitWithNotices(kit, ctx, reg, {
      action,
      more: [draft],
      roles: ['head'],
      build: (l) => ({
        text: [tr(l, locked ? M.amended : M.submitted, { who: actorLabel(kit, ctx, l), year, unit: unit(l), reason: reason ?? '' }), '', renderRegistration(reg, unit(l), kit.titles, l, kit.tz)].join('\n'),
        choices: decisionChoices(reg, l),
        personal: true,
      }),
      confirm,
      // A head (or an administrator) who submits can decide at once; an officer is told when no head can be reached yet.
      ...(access.canApproveUnit(ctx.person, unitId) ? { then: { note: M.selfApprove, choices: decisionChoices(reg, ctx.locale) } } : { nobody: M.noHead }),
    });
  });
}

/** Approves or returns a submitted version; the unit's officers (and the submitter) are told. */
export async function decide(
  kit: RegisterKit,
  ctx: Acting,
  target: { unitId: string; year: number; version: number },
  decision: 'approve' | 'return',
  confirm: Confirm,
  comment?: string,
): Promise<Outcome> {
  const { unitId, year } = target;
  return underLock(kit, ctx, target, access.canApproveUnit, async (prev) => {
    if (!prev) return { ok: false, why: 'missing' };
    if (prev.status !== 'submitted') return { ok: false, why: 'status', reg: prev };
    if (prev.version !== target.version) return { ok: false, why: 'stale', reg: prev };
    const reg = commit(prev, unitId, year, dataOf(prev), {
      action: decision,
      by: actor(ctx),
      ...whoOf(ctx),
      at: ctx.now,
      status: decision === 'approve' ? 'approved' : 'returned',
      comment: decision === 'return' ? comment : undefined,
    });
    const submitter = [...prev.history].reverse().find((h) => h.action === 'submit' || h.action === 'amend')?.by;
    return commitWithNotices(kit, ctx, reg, {
      action: decision,
      roles: ['officer'],
      also: submitter ? [submitter] : [],
      build: (l) => ({ text: tr(l, decision === 'approve' ? M.approved : M.returned, { year, unit: kit.services.units.name(unitId, l), who: personLabel(ctx.person, kit.services.units, l), comment: comment ?? '' }), personal: true }),
      confirm,
      ...(submitter === actor(ctx) ? {} : { nobody: M.noOfficer }),
    });
  });
}
