import Holidays from 'date-holidays';
import { localParts, localToDate } from '../../domain/time.js';

/**
 * Office time in TZ_NAME: working days (Mon–Fri, minus Vietnamese public holidays with their
 * compensatory days, minus `extraDaysOff`, plus `makeUpWorkdays`), 08:00–11:30 and 13:30–17:00.
 * Days are "YYYY-MM-DD" strings in local time; instants are Dates.
 */
export const MORNING = '08:00';
const SESSIONS: [number, number][] = [
  [8 * 60, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];

export function addDays(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both "YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400_000);
}

const weekday = (ymd: string) => new Date(`${ymd}T12:00:00Z`).getUTCDay();
const isWeekend = (ymd: string) => weekday(ymd) === 0 || weekday(ymd) === 6;

/**
 * Vietnamese public holidays of a year from `date-holidays` ('VN', type public; the Tết entry
 * spans its five days), plus the compensatory day for each holiday that falls on a weekend
 * (Bộ luật Lao động 2019, Điều 112 k.3: the next working day).
 */
export function publicHolidays(year: number): Set<string> {
  const hd = new Holidays('VN');
  const days = new Set<string>();
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86400_000));
    for (let i = 0; i < span; i++) days.add(addDays(h.date.slice(0, 10), i));
  }
  const compensated = new Set<string>();
  for (const day of [...days].sort()) {
    if (!isWeekend(day)) continue;
    let next = addDays(day, 1);
    while (isWeekend(next) || days.has(next) || compensated.has(next)) next = addDays(next, 1);
    compensated.add(next);
  }
  for (const d of compensated) days.add(d);
  return days;
}

export class WorkTime {
  private holidays = new Map<number, Set<string>>();
  private off: Set<string>;
  private makeUp: Set<string>;

  constructor(
    readonly tz: string,
    opts: { extraDaysOff?: string[]; makeUpWorkdays?: string[] } = {},
  ) {
    this.off = new Set(opts.extraDaysOff ?? []);
    this.makeUp = new Set(opts.makeUpWorkdays ?? []);
  }

  private holidaysOf(year: number): Set<string> {
    let h = this.holidays.get(year);
    if (!h) {
      // A compensatory day of late December can fall in January: look one year back too.
      h = new Set([...publicHolidays(year), ...publicHolidays(year - 1)]);
      this.holidays.set(year, h);
    }
    return h;
  }

  isWorkday(ymd: string): boolean {
    if (this.makeUp.has(ymd)) return true;
    if (this.off.has(ymd) || isWeekend(ymd)) return false;
    return !this.holidaysOf(Number(ymd.slice(0, 4))).has(ymd);
  }

  nextWorkday(ymd: string): string {
    let d = addDays(ymd, 1);
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }

  previousWorkday(ymd: string): string {
    let d = addDays(ymd, -1);
    while (!this.isWorkday(d)) d = addDays(d, -1);
    return d;
  }

  at(ymd: string, hm: string): Date {
    return localToDate(ymd, hm, this.tz);
  }

  local(date: Date) {
    return localParts(date, this.tz);
  }

  /** The instant itself when it is office time, else the start of the next office session. */
  nextSlot(date: Date): Date {
    const { ymd, minutes } = this.local(date);
    if (!this.isWorkday(ymd)) return this.at(this.nextWorkday(ymd), MORNING);
    for (const [start, end] of SESSIONS) {
      if (minutes < start) return this.at(ymd, `${String(start / 60 | 0).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`);
      if (minutes < end) return date;
    }
    return this.at(this.nextWorkday(ymd), MORNING);
  }

  isWorkingMoment(date: Date): boolean {
    return this.nextSlot(date).getTime() === date.getTime();
  }

  /** The same local time one working day later, moved into office time. */
  addWorkday(date: Date): Date {
    const { ymd, hm } = this.local(date);
    const base = this.isWorkday(ymd) ? ymd : this.previousWorkday(ymd);
    return this.nextSlot(this.at(this.nextWorkday(base), hm));
  }
}
