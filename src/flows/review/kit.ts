import type { Ctx, Services } from '../../bot/context.js';
import { readTarget } from '../shared/args.js';
import { access, personKey, type Person } from '../../bot/people.js';
import { localParts, localToDate } from '../../domain/time.js';
import type { Units } from '../../domain/units.js';
import { Deliverer } from '../../bot/delivery.js';
import { Ledger } from '../reminders/ledger.js';
import { ballotBoxFor, type BallotBox } from './box.js';
import { Reviews, type ReviewConfig } from '../../domain/review.js';
import { ReviewRecords } from './records.js';

/** What the review module's parts share. */
export interface ReviewKit {
  services: Services;
  reviews: Reviews;
  records: ReviewRecords;
  box: BallotBox;
  /** Exactly-once notices (ballot opened, results) through the reminders' delivery ledger. */
  deliverer: Deliverer;
  tz: string;
}

export function createReviewKit(services: Services, opts: { reviews?: Reviews } = {}): ReviewKit {
  return {
    services,
    reviews: opts.reviews ?? new Reviews(services.config.DATA_DIR),
    records: new ReviewRecords(services.store),
    box: ballotBoxFor(services.store, services.config.STORE_URL),
    deliverer: new Deliverer(services, new Ledger(services.store).deliveries),
    tz: services.config.TZ_NAME,
  };
}

/** Who acts: a person (from the store, never from a message) or the operator at the command line. */
export interface Actor {
  key: string;
  name: string;
  person?: Person;
  operator?: boolean;
}
export const actorOf = (ctx: Ctx): Actor => ({ key: personKey(ctx.in.platform, ctx.in.userId), name: ctx.person?.name ?? ctx.in.userName ?? ctx.in.userId, person: ctx.person });
export const OPERATOR: Actor = { key: 'cli', name: 'operator', operator: true };

export const reviewAccess = {
  /** Fill in a unit's self-assessment: its officers and head (the cluster head for the unit they lead); admins. */
  canEdit(p: Person | undefined, unitId: string): boolean {
    return access.canEditUnit(p, unitId) || (!!p && p.role === 'cluster-head' && p.unitId === unitId);
  },
  /** Approve it: its head (the cluster head for the unit they lead); admins. */
  canApprove(p: Person | undefined, unitId: string): boolean {
    return access.canApproveUnit(p, unitId) || (!!p && p.role === 'cluster-head' && p.unitId === unitId);
  },
  /** Open and close the cluster's ballots, see its ranking, make its minutes: its cluster head, admins. */
  canManage(p: Person | undefined, clusterId: string, units: Units): boolean {
    return !!p && (p.role === 'admin' || (p.role === 'cluster-head' && units.get(p.unitId)?.clusterId === clusterId));
  },
  /** Vote for the person's own unit: its head (the cluster head for the unit they lead), or the representative the head named. */
  canVote(p: Person | undefined, unitId: string, rep: string | undefined): boolean {
    if (!p || p.unitId !== unitId) return false;
    return p.role === 'head' || p.role === 'cluster-head' || rep === personKey(p.platform, p.userId);
  },
};

export const clusterOf = (kit: ReviewKit, unitId: string) => kit.services.units.get(unitId)?.clusterId ?? '';

/** "[year]" (and a unit id, for admins) from command arguments; the year of the latest review file by default. */
export function targetOf(kit: ReviewKit, ctx: Ctx, args: string[]): { unitId: string; clusterId: string; year: number; rest: string[]; badYear?: string } {
  const t = readTarget(args, kit.services.units);
  const unitId = t.unitId ?? ctx.person?.unitId ?? '';
  const clusterId = t.clusterId ?? clusterOf(kit, unitId);
  return { unitId, clusterId, year: t.year ?? defaultYear(kit, clusterId, ctx.now), rest: t.rest, ...(t.badYear ? { badYear: t.badYear } : {}) };
}

/** The year under review: the newest review file whose meeting is not more than ~6 months past, else last year. */
export function defaultYear(kit: ReviewKit, clusterId: string, now: Date): number {
  for (const y of kit.reviews.years(clusterId)) {
    const cfg = kit.reviews.get(clusterId, y)!;
    if (localTime(cfg.dates.meeting, kit.tz).getTime() + 183 * 86400_000 >= now.getTime()) return y;
  }
  return localParts(now, kit.tz).year - 1;
}

/** "YYYY-MM-DD[ HH:mm]" of a data file as an instant ("YYYY-MM-DD" alone = 17:00). */
export function localTime(s: string, tz: string): Date {
  const [ymd, hm] = s.split(' ');
  return localToDate(ymd, hm ?? '17:00', tz);
}

export const dueOf = (cfg: ReviewConfig, tz: string) => localTime(cfg.dates.selfAssessmentDue, tz);

/**
 * A closing time typed by a person or an operator: "dd/mm/yyyy hh:mm", "dd/mm/yyyy" (17:00),
 * "yyyy-mm-dd[ hh:mm]" in local time, or an ISO instant with its offset ("2027-01-22T10:00:00+07:00").
 */
export function parseWhen(text: string, tz: string): Date | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})?)?$/i.exec(t);
  let y: number, mo: number, d: number, hh: number, mm: number;
  if (m) [d, mo, y, hh, mm] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : 17, m[5] ? Number(m[5]) : 0];
  else {
    m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(t);
    if (!m) return undefined;
    [y, mo, d, hh, mm] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : 17, m[5] ? Number(m[5]) : 0];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = localToDate(`${y}-${pad(mo)}-${pad(d)}`, `${pad(hh)}:${pad(mm)}`, tz);
  return localParts(at, tz).day === d ? at : undefined; // 31/02 is not a day
}
