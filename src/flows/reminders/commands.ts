import { auditEntry } from '../../bot/audit.js';
import { button } from '../../bot/buttons.js';
import type { ActionHandler, Command, Ctx } from '../../bot/context.js';
import { labeller, personLabel } from '../../bot/names.js';
import { access, personKey } from '../../bot/people.js';
import { truncate } from '../../text/truncate.js';
import type { Choice, Reply } from '../../bot/types.js';
import type { Deadline } from '../../domain/calendar.js';
import { Ledger } from './ledger.js';
import { M, fmtDate, fmtLeft } from './messages.js';
import { audienceUnits, dueDate, LATE_REPORT_DAYS } from './plan.js';
import type { Reminders } from './scheduler.js';

const MAX_LISTED = 8;

/** Does the deadline concern this person's unit and role? (Heads always, for escalations.) */
async function appliesTo(r: Reminders, ctx: Ctx, d: Deadline): Promise<boolean> {
  const p = ctx.person;
  if (!p) return false;
  const units = audienceUnits(d, ctx.services.units, await ctx.services.people.list());
  return units.includes(p.unitId) && (d.audience.roles.includes(p.role) || p.role === 'head');
}

/** /hanchot: upcoming deadlines (and those overdue for two weeks) with the unit's status. */
async function listDeadlines(r: Reminders, ctx: Ctx): Promise<Reply[]> {
  const { units, people } = ctx.services;
  const p = ctx.person;
  const now = ctx.now;
  const everyone = await people.list();
  const shown = r.calendar.deadlines
    .map((d) => ({ d, due: dueDate(d, r.wt) }))
    .filter(({ due }) => due.getTime() > now.getTime() - LATE_REPORT_DAYS * 86400_000)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  const lines: string[] = [];
  const choices: Choice[] = [];
  for (const { d, due } of shown) {
    if (lines.length >= MAX_LISTED) break;
    const targets = audienceUnits(d, units, everyone);
    const left = fmtLeft(due, now, r.wt, ctx.locale);
    let status: string;
    if (p && (p.role === 'admin' || p.role === 'cluster-head')) {
      const visible = access.visibleUnits(p, units).filter((u) => targets.includes(u));
      if (visible.length === 0) continue;
      let done = 0;
      for (const u of visible) if (await r.isDone(d, u)) done++;
      status = ctx.t(M.stCount, { done, total: visible.length, left });
    } else if (p) {
      if (!targets.includes(p.unitId)) continue;
      const done = await r.isDone(d, p.unitId);
      status = done ? ctx.t(M.stDone) : due < now ? ctx.t(M.stLate) : ctx.t(M.stPending, { left });
      if (!done && d.completion === 'ack' && due > now && choices.length < 3)
        choices.push({ label: `${ctx.t(M.btnDone)}: ${truncate(d.title[ctx.locale], 41)}`, value: button('rem', 'done', d.id) });
    } else {
      if (due < now) continue;
      status = left;
    }
    lines.push(ctx.t(M.listItem, { due: fmtDate(due, r.wt), title: d.title[ctx.locale], status }));
  }
  if (lines.length === 0) return [{ text: ctx.t(M.listNone) }];
  const unit = p ? ` — ${units.name(p.unitId, ctx.locale)}` : '';
  const text = [ctx.t(M.listTitle, { unit }), ...lines, '', ctx.t(M.listNote), ...(choices.length ? [ctx.t(M.listDoneHint)] : [])].join('\n');
  return [{ text, choices: choices.length ? choices : undefined, personal: !!p }];
}

async function done(r: Reminders, ctx: Ctx, d: Deadline): Promise<Reply[]> {
  const p = ctx.person!;
  const unit = ctx.services.units.name(p.unitId, ctx.locale);
  if (d.completion === 'registration') {
    const submitted = await r.registrations.isSubmitted(p.unitId, d.year);
    return [{ text: ctx.t(submitted ? M.registrationDone : M.doneRegistration, { title: d.title[ctx.locale], year: d.year }) }];
  }
  if (d.completion === 'review') {
    const sent = await r.reviews.isSubmitted(d.year, p.unitId);
    return [{ text: ctx.t(sent ? M.reviewDone : M.doneReview, { title: d.title[ctx.locale], year: d.year }) }];
  }
  const k = Ledger.doneKey(d.id, p.unitId);
  const prev = await r.ledger.done.get(k);
  if (prev) {
    const who = prev.name ?? labeller(await ctx.services.people.list(), ctx.services.units, ctx.locale)(prev.by);
    return [{ text: ctx.t(M.doneAlready, { title: d.title[ctx.locale], who, at: fmtDate(new Date(prev.at), r.wt) }) }];
  }
  const by = personKey(p.platform, p.userId);
  await ctx.services.store.batch([r.ledger.done.write(k, { by, name: p.name, at: ctx.now.toISOString() }), auditEntry(ctx.now, by, 'deadline-done', { deadlineId: d.id, unitId: p.unitId })]);
  return [{ text: ctx.t(M.doneOk, { unit, title: d.title[ctx.locale], who: personLabel(p, ctx.services.units, ctx.locale), at: fmtDate(ctx.now, r.wt) }) }];
}

async function snooze(r: Reminders, ctx: Ctx, d: Deadline): Promise<Reply[]> {
  const p = ctx.person!;
  if (await r.isDone(d, p.unitId)) return done(r, ctx, d);
  const due = dueDate(d, r.wt);
  const until = r.wt.addWorkday(ctx.now);
  if (until >= due) return [{ text: ctx.t(M.snoozeTooLate, { due: fmtDate(due, r.wt) }) }];
  await r.ledger.snoozes.set(Ledger.snoozeKey(d.id, personKey(p.platform, p.userId)), { at: ctx.now.toISOString(), until: until.toISOString() });
  return [{ text: ctx.t(M.snoozed, { title: d.title[ctx.locale], at: fmtDate(until, r.wt) }) }];
}

/** Buttons of a reminder: `rem:done:<deadline>` and `rem:snooze:<deadline>`. Nothing in the value is trusted. */
export function reminderActions(reminders: () => Reminders): ActionHandler {
  return {
    prefix: 'rem',
    async run(ctx, [verb, id]) {
      const r = reminders();
      if (!ctx.person) return [{ text: ctx.t(M.notBound) }];
      const d = id ? r.deadline(id) : undefined;
      if (!d || (verb !== 'done' && verb !== 'snooze')) return [{ text: ctx.t(M.unknownDeadline) }];
      if (!(await appliesTo(r, ctx, d))) return [{ text: ctx.t(M.notForYou) }];
      return verb === 'done' ? done(r, ctx, d) : snooze(r, ctx, d);
    },
  };
}

export function reminderCommands(reminders: () => Reminders): Command[] {
  const setMuted = (muted: boolean): Command['run'] => async (ctx) => {
    const p = ctx.person!;
    const by = personKey(p.platform, p.userId);
    await ctx.services.store.batch([ctx.services.people.people.write(by, { ...p, muted }), auditEntry(ctx.now, by, muted ? 'mute' : 'unmute')]);
    return [{ text: ctx.t(muted ? M.muted : M.unmuted) }];
  };
  return [
    { names: ['hanchot', 'deadlines'], description: M.cmdDeadlines, run: (ctx) => listDeadlines(reminders(), ctx) },
    { names: ['tatnhac', 'mute'], description: M.cmdMute, needsPerson: true, run: setMuted(true) },
    { names: ['batnhac', 'unmute'], description: M.cmdUnmute, needsPerson: true, run: setMuted(false) },
    { names: ['thongbao', 'announce'], description: M.cmdAnnounce, flow: 'announce', needsPerson: true, personal: true, roles: ['admin', 'cluster-head'] },
  ];
}
