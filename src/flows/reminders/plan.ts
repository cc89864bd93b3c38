import { personKey, type Person } from '../../bot/people.js';
import { Ledger } from './ledger.js';
import type { Role } from '../../bot/types.js';
import type { Units } from '../../domain/units.js';
import { deadlineDue, type Deadline } from '../../domain/calendar.js';
import { MORNING, addDays, type WorkTime } from './worktime.js';

/**
 * What is due: a pure function of the calendar, the people, the units' status and the time.
 *
 * Per deadline: reminders at 08:00 of `offsets` days before the due day (0 = its morning);
 * a non-working day moves to the next working morning, unless that reaches the due day, in
 * which case it moves back to the previous working day (two offsets landing on the same slot
 * become one). The unit head is told at 13:30 of the last reminder's day (or with the last
 * reminder when that is later than the deadline allows). The late-units report goes to cluster
 * heads and admins at the first office slot after the deadline.
 */
export type NoticeKind = 'reminder' | 'escalation' | 'late';

export interface Notice {
  /** Exactly-once identity: deadline, slot and recipient. */
  key: string;
  kind: NoticeKind;
  at: Date;
  deadline: Deadline;
  /** The unit reminded about (reminder, escalation). */
  unitId?: string;
  /** The late units (late report). */
  lateUnits?: string[];
  /** Undefined in a preview when nobody with `roles` is bound yet. */
  to?: Person;
  roles: Role[];
}

export interface Schedule {
  due: Date;
  reminders: { slot: string; at: Date }[];
  headAt?: Date;
  lateAt?: Date;
  /** A late report is still worth sending until then. */
  lateUntil?: Date;
}

export const LATE_REPORT_DAYS = 14;
const AFTERNOON = '13:30';

export function dueDate(d: Deadline, wt: WorkTime): Date {
  return deadlineDue(d, wt.tz);
}

export function schedule(d: Deadline, wt: WorkTime): Schedule {
  const due = dueDate(d, wt);
  const dueDay = d.due.slice(0, 10);
  const dueDayStart = wt.at(dueDay, '00:00');
  const bySlot = new Map<number, { slot: string; at: Date }>();
  for (const k of [...new Set(d.offsets)].sort((a, b) => b - a)) {
    const day = addDays(dueDay, -k);
    let at = wt.nextSlot(wt.at(day, MORNING));
    const limit = k > 0 ? dueDayStart : due;
    if (at >= limit) at = wt.at(wt.previousWorkday(day), MORNING);
    if (at >= due) continue;
    bySlot.set(at.getTime(), { slot: `d${k}`, at }); // a smaller offset on the same slot wins
  }
  const reminders = [...bySlot.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = reminders.at(-1)?.at;
  let headAt: Date | undefined;
  if (d.escalate.head && last) {
    const afternoon = wt.at(wt.local(last).ymd, AFTERNOON);
    headAt = afternoon > last && afternoon < due ? afternoon : last;
  }
  let lateAt: Date | undefined;
  let lateUntil: Date | undefined;
  if (d.escalate.late) {
    lateAt = wt.nextSlot(new Date(due.getTime() + 60_000));
    lateUntil = new Date(lateAt.getTime() + LATE_REPORT_DAYS * 86400_000);
  }
  return { due, reminders, headAt, lateAt, lateUntil };
}

export interface PlanInput {
  deadlines: Deadline[];
  units: Units;
  people: Person[];
  /** Has the unit completed the deadline (registration submitted / "done" pressed)? */
  isDone(deadlineId: string, unitId: string): boolean;
  /** Snoozes by `${deadlineId}|${personKey}`: pressed at, reminded again at `until`. */
  snoozes: Map<string, { at: Date; until: Date }>;
  wt: WorkTime;
}

/** The units a deadline applies to: its clusters, or every real unit plus demo units with people. */
export function audienceUnits(d: Deadline, units: Units, people: Person[]): string[] {
  if (d.audience.clusters.length) return d.audience.clusters.flatMap((c) => units.cluster(c)?.unitIds ?? []);
  const bound = new Set(people.map((p) => p.unitId));
  return units.all().filter((u) => !u.demo || bound.has(u.id)).map((u) => u.id);
}

/** A series of moments at which one recipient may get one kind of notice. */
interface Stream {
  kind: NoticeKind;
  deadline: Deadline;
  times: { slot: string; at: Date }[];
  /** After this, nothing of the stream is worth sending. */
  until: Date;
  unitId?: string;
  lateUnits?: string[];
  to?: Person;
  roles: Role[];
}

function streams(input: PlanInput, opts: { placeholders: boolean }): Stream[] {
  const { units, people, wt } = input;
  const out: Stream[] = [];
  for (const d of input.deadlines) {
    const s = schedule(d, wt);
    const targets = audienceUnits(d, units, people);
    const late = targets.filter((u) => !input.isDone(d.id, u));
    for (const unitId of late) {
      const members = people.filter((p) => p.unitId === unitId);
      const reminded = members.filter((p) => d.audience.roles.includes(p.role));
      for (const p of reminded) {
        if (p.muted) continue;
        const snooze = input.snoozes.get(`${d.id}|${personKey(p.platform, p.userId)}`);
        let times = s.reminders;
        if (snooze) {
          times = times.filter((t) => t.at < snooze.at || t.at >= snooze.until);
          if (snooze.until < s.due) times = [...times, { slot: `s${snooze.until.getTime()}`, at: snooze.until }].sort((a, b) => a.at.getTime() - b.at.getTime());
        }
        out.push({ kind: 'reminder', deadline: d, times, until: s.due, unitId, to: p, roles: [p.role] });
      }
      if (opts.placeholders && reminded.length === 0)
        out.push({ kind: 'reminder', deadline: d, times: s.reminders, until: s.due, unitId, roles: d.audience.roles });
      if (s.headAt) {
        const heads = members.filter((p) => p.role === 'head');
        for (const p of heads) out.push({ kind: 'escalation', deadline: d, times: [{ slot: 'head', at: s.headAt }], until: s.due, unitId, to: p, roles: ['head'] });
        if (opts.placeholders && heads.length === 0)
          out.push({ kind: 'escalation', deadline: d, times: [{ slot: 'head', at: s.headAt }], until: s.due, unitId, roles: ['head'] });
      }
    }
    if (s.lateAt && late.length) {
      const times = [{ slot: 'late', at: s.lateAt }];
      const clusters = [...new Set(late.map((u) => units.get(u)?.clusterId ?? ''))];
      for (const c of clusters) {
        const lateHere = late.filter((u) => units.get(u)?.clusterId === c);
        const heads = people.filter((p) => p.role === 'cluster-head' && units.get(p.unitId)?.clusterId === c);
        for (const p of heads) out.push({ kind: 'late', deadline: d, times, until: s.lateUntil!, lateUnits: lateHere, to: p, roles: ['cluster-head'] });
        if (opts.placeholders && heads.length === 0)
          out.push({ kind: 'late', deadline: d, times, until: s.lateUntil!, lateUnits: lateHere, roles: ['cluster-head'] });
      }
      const admins = people.filter((p) => p.role === 'admin');
      for (const p of admins) out.push({ kind: 'late', deadline: d, times, until: s.lateUntil!, lateUnits: late, to: p, roles: ['admin'] });
      if (opts.placeholders && admins.length === 0) out.push({ kind: 'late', deadline: d, times, until: s.lateUntil!, lateUnits: late, roles: ['admin'] });
    }
  }
  return out;
}

function notice(s: Stream, t: { slot: string; at: Date }): Notice {
  const who = s.to ? personKey(s.to.platform, s.to.userId) : `-${s.unitId ?? ''}:${s.roles.join('/')}`;
  return { key: Ledger.reminderKey(s.deadline.id, t.slot, who), kind: s.kind, at: t.at, deadline: s.deadline, unitId: s.unitId, lateUnits: s.lateUnits, to: s.to, roles: s.roles };
}

/**
 * The notices to send at `now`: per recipient and kind, only the latest moment already
 * reached, and only while it is still useful (reminders and the head's notice before the
 * deadline; the late report for two weeks). After downtime this yields the latest missed
 * notice, not a burst of all of them. Nothing goes out outside office time.
 */
export function dueNow(input: PlanInput, now: Date): Notice[] {
  if (!input.wt.isWorkingMoment(now)) return [];
  const out: Notice[] = [];
  for (const s of streams(input, { placeholders: false })) {
    if (now >= s.until) continue;
    const reached = s.times.filter((t) => t.at <= now).at(-1);
    if (reached) out.push(notice(s, reached));
  }
  return out;
}

/** Everything planned in [from, to), assuming nobody acts meanwhile (the preview). */
export function timeline(input: PlanInput, from: Date, to: Date): Notice[] {
  const out: Notice[] = [];
  for (const s of streams(input, { placeholders: true }))
    for (const t of s.times) if (t.at >= from && t.at < to && t.at < s.until) out.push(notice(s, t));
  const order: Record<NoticeKind, number> = { reminder: 0, escalation: 1, late: 2 };
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.kind] - order[b.kind] || a.deadline.id.localeCompare(b.deadline.id) || (a.unitId ?? '').localeCompare(b.unitId ?? ''));
}
