import { existsSync } from 'node:fs';
import { loadCalendar, registrationDeadline, type CalendarFile } from '../reminders/calendar.js';

/** Local calendar parts of an instant in a time zone. */
export function localParts(at: Date, tz: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

export const currentYear = (now: Date, tz: string) => localParts(now, tz).year;

const pad = (n: number) => String(n).padStart(2, '0');

/** "31/03/2026 17:00" in the given zone. */
export function showLocal(at: Date | string, tz: string, withTime = true): string {
  const p = localParts(typeof at === 'string' ? new Date(at) : at, tz);
  const date = `${pad(p.day)}/${pad(p.month)}/${p.year}`;
  return withTime ? `${date} ${pad(p.hour)}:${pad(p.minute)}` : date;
}

/** The instant of a local "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD" = 17:00) in a time zone. */
export function zonedInstant(local: string, tz: string): Date {
  const [d, t = '17:00'] = local.trim().split(' ');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  // Correct by the zone's offset at that instant (twice, for offset changes near the guess).
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(at), tz);
    at += guess - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(at);
}

/** The calendar file when it exists; registrations are never locked without one. */
export function loadCalendarIfAny(file: string): CalendarFile | undefined {
  return existsSync(file) ? loadCalendar(file) : undefined;
}

export interface Lock {
  locked: boolean;
  /** The registration deadline of the year, when the calendar has one. */
  due?: Date;
}

/** A year's registration is locked once its deadline in the calendar has passed. */
export function lockOf(cal: CalendarFile | undefined, year: number, now: Date, tz: string): Lock {
  const d = cal && registrationDeadline(cal, year);
  if (!d) return { locked: false };
  const due = zonedInstant(d.due, tz);
  return { locked: now.getTime() > due.getTime(), due };
}
