import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../../bot/context.js';
import { personKey, type Person } from '../../bot/people.js';
import { logger } from '../../log.js';
import { Registrations } from '../register/records.js';
import { Reviews, reviewDeadlines } from '../../domain/review.js';
import { ReviewRecords } from '../review/records.js';
import { loadCalendar, type CalendarFile, type Deadline } from '../../domain/calendar.js';
import { Deliverer, type Outgoing } from '../../bot/delivery.js';
import { Ledger } from './ledger.js';
import { audienceUnits, dueNow, schedule, type Notice, type PlanInput } from './plan.js';
import { renderNotice } from './messages.js';
import { WorkTime } from './worktime.js';
import { announcementOutgoing, reportAnnouncement } from './announce.js';

const log = logger('reminders');

export const TICK_MS = 60_000;

/** The reminders engine: the calendar, the status of units, and the minute tick that sends. */
export class Reminders {
  readonly wt: WorkTime;
  readonly ledger: Ledger;
  readonly registrations: Registrations;
  readonly reviews: ReviewRecords;
  readonly deliverer: Deliverer;
  private running?: Promise<unknown>;

  constructor(
    readonly services: Services,
    readonly calendar: CalendarFile,
  ) {
    this.wt = new WorkTime(services.config.TZ_NAME, calendar);
    this.ledger = new Ledger(services.store);
    this.registrations = new Registrations(services.store);
    this.reviews = new ReviewRecords(services.store);
    this.deliverer = new Deliverer(services, this.ledger.deliveries);
  }

  /**
   * data/calendar.yaml (or an empty calendar, with a warning, when the file is missing), plus the
   * self-assessment deadline of each cluster's year-end review (data/clusters/<cluster>/review-<year>.yaml).
   */
  static load(services: Services): Reminders {
    const file = join(services.config.DATA_DIR, 'calendar.yaml');
    let cal: CalendarFile = { extraDaysOff: [], makeUpWorkdays: [], deadlines: [] };
    if (!existsSync(file)) log.warn('no calendar: only review deadlines are reminded', { file });
    else cal = loadCalendar(file);
    const ids = new Set(cal.deadlines.map((d) => d.id));
    const review = reviewDeadlines(new Reviews(services.config.DATA_DIR), services.units).filter((d) => !ids.has(d.id));
    return new Reminders(services, { ...cal, deadlines: [...cal.deadlines, ...review] });
  }

  deadline(id: string): Deadline | undefined {
    return this.calendar.deadlines.find((d) => d.id === id);
  }

  /** Deadlines whose reminders or late report may still matter at `now`. */
  active(now: Date): Deadline[] {
    return this.calendar.deadlines.filter((d) => {
      const s = schedule(d, this.wt);
      const first = s.reminders[0]?.at ?? s.due;
      const end = s.lateUntil ?? s.due;
      return now.getTime() >= first.getTime() - 86400_000 && now < end;
    });
  }

  async isDone(d: Deadline, unitId: string): Promise<boolean> {
    if (d.completion === 'registration') return this.registrations.isSubmitted(unitId, d.year);
    if (d.completion === 'review') return this.reviews.isSubmitted(d.year, unitId);
    return !!(await this.ledger.done.get(Ledger.doneKey(d.id, unitId)));
  }

  /** Everything the pure planner needs, read from the store now. */
  async planInput(deadlines: Deadline[], people?: Person[]): Promise<PlanInput> {
    const { units } = this.services;
    const all = people ?? (await this.services.people.list());
    const done = new Set<string>();
    for (const d of deadlines)
      for (const u of audienceUnits(d, units, all)) if (await this.isDone(d, u)) done.add(`${d.id}|${u}`);
    const ids = new Set(deadlines.map((d) => d.id));
    const snoozes = new Map<string, { at: Date; until: Date }>();
    for (const { key, value } of await this.ledger.snoozes.list('snooze|')) {
      const [, deadlineId, person] = key.split('|');
      if (ids.has(deadlineId)) snoozes.set(`${deadlineId}|${person}`, { at: new Date(value.at), until: new Date(value.until) });
    }
    return { deadlines, units, people: all, isDone: (d, u) => done.has(`${d}|${u}`), snoozes, wt: this.wt };
  }

  outgoing(n: Notice, input: PlanInput, now: Date): Outgoing {
    const p = n.to!;
    const locale = p.locale ?? 'vi';
    const s = schedule(n.deadline, this.wt);
    let totalUnits: number | undefined;
    if (n.kind === 'late') {
      const all = audienceUnits(n.deadline, input.units, input.people);
      const cluster = p.role === 'cluster-head' ? input.units.get(p.unitId)?.clusterId : undefined;
      totalUnits = cluster ? all.filter((u) => input.units.get(u)?.clusterId === cluster).length : all.length;
    }
    return {
      key: n.key,
      to: { platform: p.platform, chatId: p.chatId, person: personKey(p.platform, p.userId) },
      reply: renderNotice(n, s.due, { locale, now, wt: this.wt, units: input.units, totalUnits }),
      meta: { kind: n.kind, deadlineId: n.deadline.id, unitId: n.unitId, plannedAt: n.at.toISOString() },
    };
  }

  /**
   * One pass: finish unfinished announcements, then send the reminders, escalations and late
   * reports due at `now` (office time only). Tests call it with a controlled clock.
   */
  async tick(now: Date = this.services.now()): Promise<{ sent: number; failed: number; skipped: number }> {
    const total = { sent: 0, failed: 0, skipped: 0 };
    const add = (c: typeof total) => {
      total.sent += c.sent;
      total.failed += c.failed;
      total.skipped += c.skipped;
    };
    for (const { value: a } of await this.ledger.announcements.list('ann|')) {
      if (a.reportedAt) continue;
      add(await this.deliverer.deliver(await announcementOutgoing(this, a)));
      await reportAnnouncement(this, a);
    }
    const deadlines = this.active(now);
    if (deadlines.length === 0 || !this.wt.isWorkingMoment(now)) return total;
    const input = await this.planInput(deadlines);
    const notices = dueNow(input, now);
    add(await this.deliverer.deliver(notices.map((n) => this.outgoing(n, input, now))));
    if (total.sent || total.failed) log.info('tick', { at: now.toISOString(), ...total });
    return total;
  }

  /** Runs a tick unless one is running (a long broadcast can outlast the minute). */
  tickOnce(): Promise<unknown> {
    if (!this.running)
      this.running = this.tick()
        .catch((err) => log.error('tick failed', { error: err }))
        .finally(() => (this.running = undefined));
    return this.running;
  }

  /** The running tick and the background work handlers started (announcements) are over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
    await this.services.background.idle();
  }

  /**
   * Module.start: a tick now (catch-up after downtime) and every minute, through the outbox's
   * scheduler — a timer of this process, or with Redis a BullMQ job scheduler whose each run
   * happens on one replica. Returns the stopper.
   */
  async start(): Promise<() => Promise<void>> {
    const stop = await this.services.outbox.scheduler.every('reminders-tick', TICK_MS, () => this.tickOnce());
    return async () => {
      await stop();
      await this.idle();
    };
  }
}
