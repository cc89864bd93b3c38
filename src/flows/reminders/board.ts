import { labeller } from '../../bot/names.js';
import type { Locale } from '../../bot/types.js';
import type { Deadline } from '../../domain/calendar.js';
import type { Delivery } from '../../bot/delivery.js';
import type { Registration } from '../register/records.js';
import { Ledger, type Done } from './ledger.js';
import { audienceUnits, dueDate } from './plan.js';
import type { Reminders } from './scheduler.js';

/**
 * Where units stand on a set of deadlines, read in bulk (a few listings, not one read per unit and
 * deadline): who has completed each deadline and when, who is late, and what the reminders did —
 * the web dashboard's overview and a unit's reminder ledger. Completion is the same as the
 * scheduler's (Reminders.isDone): a submitted registration, a sent self-assessment, or "done".
 */
export interface UnitOnDeadline {
  unitId: string;
  done: boolean;
  /** When it was completed, and by whom (a name, else role and unit). */
  doneAt?: string;
  doneBy?: string;
  /** Not completed and the deadline has passed. */
  late: boolean;
  /** Completed after the deadline. */
  doneLate: boolean;
  /** Reminders delivered to the unit's people, the last one, the head's notice, failed sends. */
  reminders: number;
  lastReminder?: string;
  headAt?: string;
  failed: number;
}

export interface DeadlineRow {
  deadline: Deadline;
  due: Date;
  passed: boolean;
  units: UnitOnDeadline[];
  done: number;
  late: string[];
  remindersSent: number;
  /** Units that got at least one reminder, and how many of those have completed since. */
  remindedUnits: number;
  remindedDone: number;
}

const DAY = 86400_000;

/** The deadlines due in [now − 60 days, now + 120 days]: what the department follows now. */
export function deadlinesAround(r: Reminders, now: Date, before = 60 * DAY, after = 120 * DAY): Deadline[] {
  return r.calendar.deadlines
    .map((d) => ({ d, due: dueDate(d, r.wt).getTime() }))
    .filter(({ due }) => due >= now.getTime() - before && due <= now.getTime() + after)
    .sort((a, b) => a.due - b.due)
    .map(({ d }) => d);
}

export async function deadlineBoard(
  r: Reminders,
  opts: { deadlines: Deadline[]; unitIds: string[]; now: Date; locale: Locale; /** Registrations of a year the caller has already read (not read again). */ registrations?: Map<number, Registration[]> },
): Promise<DeadlineRow[]> {
  const { units, people } = r.services;
  const everyone = await people.list();
  const nameOf = labeller(everyone, units, opts.locale);
  const wanted = new Set(opts.unitIds);
  const years = [...new Set(opts.deadlines.map((d) => d.year))];
  const regs = new Map<string, Awaited<ReturnType<Reminders['registrations']['listYear']>>[number]>();
  const sas = new Map<string, Awaited<ReturnType<Reminders['reviews']['listSa']>>[number]>();
  for (const y of years) {
    if (opts.deadlines.some((d) => d.year === y && d.completion === 'registration'))
      for (const reg of opts.registrations?.get(y) ?? (await r.registrations.listYear(y))) regs.set(`${y}|${reg.unitId}`, reg);
    if (opts.deadlines.some((d) => d.year === y && d.completion === 'review')) for (const sa of await r.reviews.listSa(y)) sas.set(`${y}|${sa.unitId}`, sa);
  }
  const dones = new Map<string, Done>();
  if (opts.deadlines.some((d) => d.completion === 'ack')) for (const { key, value } of await r.ledger.done.list('done|')) dones.set(key, value);
  const ids = new Set(opts.deadlines.map((d) => d.id));
  const sent = new Map<string, Delivery[]>();
  for (const { value } of await r.ledger.deliveries.list('rem|')) {
    if (!value.deadlineId || !ids.has(value.deadlineId) || !value.unitId || !wanted.has(value.unitId)) continue;
    const k = `${value.deadlineId}|${value.unitId}`;
    const list = sent.get(k);
    if (list) list.push(value);
    else sent.set(k, [value]);
  }

  const completion = (d: Deadline, unitId: string): { at: string; by: string } | undefined => {
    if (d.completion === 'registration') {
      const reg = regs.get(`${d.year}|${unitId}`);
      if (!reg || (reg.status !== 'submitted' && reg.status !== 'approved')) return undefined;
      const submit = [...reg.history].reverse().find((h) => h.action === 'submit' || h.action === 'amend');
      return { at: reg.submittedAt ?? reg.updatedAt, by: submit?.name ?? nameOf(submit?.by ?? reg.updatedBy) };
    }
    if (d.completion === 'review') {
      const sa = sas.get(`${d.year}|${unitId}`);
      if (!sa || (sa.status !== 'submitted' && sa.status !== 'approved')) return undefined;
      return { at: sa.submittedAt ?? sa.updatedAt, by: nameOf(sa.updatedBy) };
    }
    const ack = dones.get(Ledger.doneKey(d.id, unitId));
    return ack && { at: ack.at, by: ack.name ?? nameOf(ack.by) };
  };

  return opts.deadlines.map((d) => {
    const due = dueDate(d, r.wt);
    const passed = due.getTime() < opts.now.getTime();
    const rows = audienceUnits(d, units, everyone)
      .filter((u) => wanted.has(u))
      .map((unitId): UnitOnDeadline => {
        const c = completion(d, unitId);
        const list = sent.get(`${d.id}|${unitId}`) ?? [];
        const reminders = list.filter((x) => x.kind === 'reminder' && x.status === 'sent');
        return {
          unitId,
          done: !!c,
          ...(c ? { doneAt: c.at, doneBy: c.by } : {}),
          late: !c && passed,
          doneLate: !!c && Date.parse(c.at) > due.getTime(),
          reminders: reminders.length,
          lastReminder: reminders.map((x) => x.sentAt ?? x.at).sort().at(-1),
          headAt: list.filter((x) => x.kind === 'escalation' && x.status === 'sent').map((x) => x.sentAt ?? x.at).sort()[0],
          failed: list.filter((x) => x.status === 'failed').length,
        };
      });
    const reminded = rows.filter((u) => u.reminders > 0);
    return {
      deadline: d,
      due,
      passed,
      units: rows,
      done: rows.filter((u) => u.done).length,
      late: rows.filter((u) => u.late).map((u) => u.unitId),
      remindersSent: rows.reduce((s, u) => s + u.reminders, 0),
      remindedUnits: reminded.length,
      remindedDone: reminded.filter((u) => u.done).length,
    };
  });
}
