import { join } from 'node:path';
import { z } from 'zod';
import type { Ctx, Services } from '../../core/context.js';
import { Repo } from '../../core/repo.js';
import { docsAt, type Docs } from '../../knowledge/docs.js';
import { loadTitles, type Title } from '../../domain/titles.js';
import type { CalendarFile } from '../../domain/calendar.js';
import { loadCalendarIfAny, lockOf, registrationYear, type Lock } from '../../domain/dates.js';
import { Registrations } from './records.js';

/** An officer's unfinished answers, saved at every step so nothing is lost. */
export const draftSchema = z.object({
  unitId: z.string(),
  year: z.number().int(),
  values: z.record(z.string(), z.unknown()),
  /** The next field to ask (= number of fields when the form is complete). */
  index: z.number().int().min(0),
  by: z.string(),
  at: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;

/** What the registration module's parts share: data files, repos, the time zone. */
export interface RegisterKit {
  services: Services;
  titles: Title[];
  docs: Docs;
  calendar?: CalendarFile;
  regs: Registrations;
  drafts: Repo<Draft>;
  tz: string;
}

export interface KitOptions {
  titles?: Title[];
  /** A calendar to use instead of data/calendar.yaml (tests); `null` = none. */
  calendar?: CalendarFile | null;
}

export function createKit(services: Services, opts: KitOptions = {}): RegisterKit {
  const dir = services.config.DATA_DIR;
  return {
    services,
    titles: opts.titles ?? loadTitles(join(dir, 'titles.yaml')),
    docs: docsAt(dir),
    calendar: opts.calendar === null ? undefined : opts.calendar ?? loadCalendarIfAny(join(dir, 'calendar.yaml')),
    regs: new Registrations(services.store),
    drafts: new Repo(services.store, 'drafts', draftSchema),
    tz: services.config.TZ_NAME,
  };
}

export const lockFor = (kit: RegisterKit, year: number, now: Date): Lock => lockOf(kit.calendar, year, now, kit.tz);

/**
 * Reads "[unit id] [year]" (any order) from command arguments; the person's own unit and
 * the year being registered (registrationYear) by default. Leftover words are returned too.
 */
export function targetOf(kit: RegisterKit, ctx: Ctx, args: string[]): { unitId: string; year: number; rest: string[]; badYear?: string } {
  let unitId = ctx.person?.unitId ?? '';
  let year = registrationYear(kit.calendar, ctx.now, kit.tz);
  const rest: string[] = [];
  let badYear: string | undefined;
  for (const a of args) {
    if (/^\d{4}$/.test(a)) {
      const y = Number(a);
      if (y >= 2000 && y <= 2100) year = y;
      else badYear = a;
    } else if (kit.services.units.get(a.toLowerCase())) unitId = a.toLowerCase();
    else rest.push(a);
  }
  return { unitId, year, rest, badYear };
}
