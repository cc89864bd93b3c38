import { existsSync } from 'node:fs';
import { formatLocal, localParts } from './time.js';
import { deadlineDue, loadCalendar, registrationDeadline, type CalendarFile } from './calendar.js';

export const currentYear = (now: Date, tz: string) => localParts(now, tz).year;

/** How far ahead a registration deadline makes its year the default one. */
const REGISTRATION_SEASON_MS = 183 * 86400_000;

/**
 * The year a unit registers for by default: the year of a registration deadline of the calendar
 * due within the coming six months (in November one registers for next year), else the current year.
 */
export function registrationYear(cal: CalendarFile | undefined, now: Date, tz: string): number {
  const ahead = (cal?.deadlines ?? [])
    .filter((d) => d.completion === 'registration')
    .filter((d) => deadlineDue(d, tz).getTime() >= now.getTime() && deadlineDue(d, tz).getTime() - now.getTime() <= REGISTRATION_SEASON_MS)
    .sort((a, b) => deadlineDue(a, tz).getTime() - deadlineDue(b, tz).getTime());
  return ahead[0]?.year ?? currentYear(now, tz);
}

/** "31/03/2026 17:00" in the given zone. */
export const showLocal = formatLocal;

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
  const due = deadlineDue(d, tz);
  return { locked: now.getTime() > due.getTime(), due };
}
