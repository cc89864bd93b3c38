import { join } from 'node:path';
import { z } from 'zod';
import { readTarget } from '../shared/args.js';
import { draftFields } from '../shared/records.js';
import type { Ctx, Services } from '../../bot/context.js';
import { Repo } from '../../bot/repo.js';
import { docsAt, type Docs } from '../../knowledge/docs.js';
import { loadTitles, type Title } from '../../domain/titles.js';
import type { CalendarFile } from '../../domain/calendar.js';
import { loadCalendarIfAny, lockOf, registrationYear, type Lock } from '../../domain/dates.js';
import { Registrations } from './records.js';

/** An officer's unfinished answers, saved at every step so nothing is lost. */
export const draftSchema = z.object(draftFields);
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
  const t = readTarget(args, kit.services.units);
  // A cluster id is no target here: it stays among the other words.
  const rest = t.clusterId ? args.filter((a) => !/^\d{4}$/.test(a) && !kit.services.units.get(a.toLowerCase())) : t.rest;
  return { unitId: t.unitId ?? ctx.person?.unitId ?? '', year: t.year ?? registrationYear(kit.calendar, ctx.now, kit.tz), rest, ...(t.badYear ? { badYear: t.badYear } : {}) };
}
