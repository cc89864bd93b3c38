import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { localToDate } from './time.js';
import { ROLES, type Role } from './roles.js';

/** Schema of data/calendar.yaml: the year's deadlines. Times are local (TZ_NAME). */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

export const deadlineSchema = z.object({
  /** Short: it travels in button values ("rem:snooze:<id>", ≤ 64 bytes on Telegram). */
  id: z.string().regex(/^[a-z0-9-]+$/).max(44),
  title: text,
  /** Local date and time, "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD" = 17:00). */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, 'due must be "YYYY-MM-DD" or "YYYY-MM-DD HH:mm"'),
  /** The emulation year the deadline belongs to (for registration: the year registered). */
  year: z.number().int(),
  audience: z
    .object({
      roles: z.array(z.enum(ROLES as [Role, ...Role[]])).default(['officer', 'head']),
      /** Cluster ids; empty = every (non-demo) cluster. */
      clusters: z.array(z.string()).default([]),
    })
    .default({ roles: ['officer', 'head'], clusters: [] }),
  /**
   * What completes it for a unit: a submitted registration of `year`, an acknowledgement, or a sent
   * year-end self-assessment of `year` (review: deadlines made from data/clusters/<cluster>/review-<year>.yaml).
   */
  completion: z.enum(['registration', 'ack', 'review']).default('ack'),
  /** Days before the due date to remind (0 = the morning of the day). */
  offsets: z.array(z.number().int().min(0).max(90)).default([14, 7, 3, 1, 0]),
  escalate: z
    .object({
      /** After the last reminder, the unit head is told who has not acted. */
      head: z.boolean().default(true),
      /** After the deadline, cluster heads and admins get the list of late units. */
      late: z.boolean().default(true),
    })
    .default({ head: true, late: true }),
  note: text.optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const calendarFileSchema = z.object({
  /** Extra days off and make-up working days (YYYY-MM-DD), on top of the Vietnamese public holidays. */
  extraDaysOff: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  makeUpWorkdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  deadlines: z
    .array(deadlineSchema)
    .min(1)
    .superRefine((ds, ctx) => {
      const seen = new Set<string>();
      for (const d of ds) {
        if (seen.has(d.id)) ctx.addIssue({ code: 'custom', message: `duplicate deadline id "${d.id}"` });
        seen.add(d.id);
      }
    }),
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export function parseCalendar(source: string): CalendarFile {
  return calendarFileSchema.parse(parse(source));
}

export function loadCalendar(file: string): CalendarFile {
  return parseCalendar(readFileSync(file, 'utf8'));
}

/** The registration deadline of a year, if the calendar has one. */
export function registrationDeadline(cal: CalendarFile, year: number): Deadline | undefined {
  return cal.deadlines.find((d) => d.completion === 'registration' && d.year === year);
}

/** The instant a deadline falls due: its local date and time in `tz` ("YYYY-MM-DD" alone = 17:00). */
export function deadlineDue(d: Pick<Deadline, 'due'>, tz: string): Date {
  const [ymd, hm] = d.due.split(' ');
  return localToDate(ymd, hm ?? '17:00', tz);
}
