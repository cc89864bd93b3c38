import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { logger } from '../log.js';
import type { Services } from './context.js';
import type { Repo } from './repo.js';
import { truncate } from '../text/truncate.js';
import type { Address, Reply } from './types.js';

const log = logger('delivery');

/**
 * One record per message and recipient — the evidence of notification (namespace `deliveries`):
 * reminders `rem|deadline|slot|person`, announcements `ann|id|person`, notices `note|id`.
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deliverySchema = z.object({
  kind: z.enum(['reminder', 'escalation', 'late', 'announcement', 'notice']),
  deadlineId: z.string().optional(),
  announcementId: z.string().optional(),
  /** The unit reminded about (reminder, escalation). */
  unitId: z.string().optional(),
  /** personKey of the recipient, and where it went. */
  to: z.string(),
  platform: z.string(),
  chatId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempt: z.number().int().min(1),
  /** The process instance that owns a queued/sending record. */
  owner: z.string(),
  plannedAt: z.string().optional(),
  at: z.string(),
  sentAt: z.string().optional(),
  reason: z.string().optional(),
  /** A failed send is tried again from then on; absent = given up. */
  retryAt: z.string().optional(),
  history: z.array(z.object({ status: z.enum(DELIVERY_STATUSES), at: z.string(), attempt: z.number().int(), reason: z.string().optional() })).default([]),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** One message for one recipient, identified for exactly-once delivery. */
export interface Outgoing {
  key: string;
  to: Address & { person: string };
  reply: Reply;
  meta: Pick<Delivery, 'kind' | 'deadlineId' | 'announcementId' | 'unitId' | 'plannedAt'>;
}

export type Outcome = 'sent' | 'failed' | 'skipped';

export const MAX_ATTEMPTS = 3;
const RETRY_MS = 5 * 60_000;
/** Redis mode: a queued/sending record of another process this old means that process died. */
export const STALE_MS = 15 * 60_000;
/** Messages prepared at once (each then waits for its outbox slot): also the most that can be in flight. */
export const POOL = 16;

/**
 * Exactly-once sending. The delivery record is the durable truth; `store.withLock(key)` only makes
 * reading it and recording the next attempt one step against other callers (other processes too,
 * on Redis), and dies with its holder — a crash leaves the record as it was, never a stray claim.
 * Per message:
 *  1. skip when the record is final (sent, uncertain, given up), waiting for a retry, or in flight;
 *  2. under the lock, record attempt n as "queued" with this process as owner;
 *  3. the outbox waits for a slot, and right before the platform call the record becomes "sending";
 *  4. "sent", or "failed" with the reason (retried after 5, 10 minutes, up to 3 attempts).
 * After a crash, a message without a record, or "queued" by a dead process, is sent (it never
 * left); a "sending" one becomes "uncertain" and is NOT repeated — a platform like Telegram cannot
 * say whether the call in flight arrived, so that single message is at-most-once. With SQLite (one
 * process) any other owner is dead; with Redis, after STALE_MS.
 */
export class Deliverer {
  readonly owner = randomBytes(6).toString('hex');
  private final = new Set<string>();
  private inflight = new Set<string>();

  constructor(
    private services: Services,
    private deliveries: Repo<Delivery>,
  ) {}

  private isDead(rec: Delivery, now: Date): boolean {
    if (rec.owner === this.owner) return false;
    return this.services.store.kind !== 'redis' || now.getTime() - Date.parse(rec.at) > STALE_MS;
  }

  private async write(key: string, rec: Delivery, status: DeliveryStatus, extra: Partial<Delivery> = {}): Promise<Delivery> {
    const at = this.services.now().toISOString();
    const next: Delivery = { ...rec, ...extra, status, at, history: [...rec.history, { status, at, attempt: extra.attempt ?? rec.attempt, reason: extra.reason }] };
    await this.deliveries.set(key, next);
    return next;
  }

  /** The attempt to make now, or undefined to leave it alone. */
  private async nextAttempt(key: string, now: Date): Promise<{ attempt: number; rec?: Delivery } | undefined> {
    const rec = await this.deliveries.get(key);
    if (!rec) return { attempt: 1 };
    switch (rec.status) {
      case 'sent':
      case 'uncertain':
        this.final.add(key);
        return undefined;
      case 'failed':
        if (!rec.retryAt) {
          this.final.add(key);
          return undefined;
        }
        return Date.parse(rec.retryAt) <= now.getTime() ? { attempt: rec.attempt + 1, rec } : undefined;
      case 'sending':
        if (this.isDead(rec, now)) {
          await this.write(key, rec, 'uncertain', { reason: 'the process stopped during the platform call' });
          this.final.add(key);
        }
        return undefined;
      case 'queued':
        return this.isDead(rec, now) ? { attempt: rec.attempt + 1, rec } : undefined;
    }
  }

  private async one(o: Outgoing): Promise<Outcome> {
    // Deciding the attempt and recording it "queued" is one step: a loser never touches the record.
    const start = await this.services.store.withLock(`delivery:${o.key}`, async () => {
      const now = this.services.now();
      const next = await this.nextAttempt(o.key, now);
      if (!next) return undefined;
      const base: Delivery = next.rec ?? {
        ...o.meta,
        to: o.to.person,
        platform: o.to.platform,
        chatId: o.to.chatId,
        status: 'queued',
        attempt: next.attempt,
        owner: this.owner,
        at: now.toISOString(),
        history: [],
      };
      return { attempt: next.attempt, rec: await this.write(o.key, base, 'queued', { attempt: next.attempt, owner: this.owner, retryAt: undefined, reason: undefined }) };
    });
    if (!start) return 'skipped';
    const { attempt } = start;
    let rec = start.rec;
    try {
      const userId = o.to.person.slice(o.to.platform.length + 1); // personKey = platform:userId
      await this.services.outbox.send({ platform: o.to.platform, chatId: o.to.chatId, userId }, [o.reply], {
        broadcast: true,
        onSending: async () => {
          rec = await this.write(o.key, rec, 'sending');
        },
      });
    } catch (err) {
      const reason = truncate(err instanceof Error ? err.message : String(err), 300);
      const retryAt = attempt < MAX_ATTEMPTS ? new Date(this.services.now().getTime() + RETRY_MS * attempt).toISOString() : undefined;
      await this.write(o.key, rec, 'failed', { reason, retryAt });
      if (!retryAt) this.final.add(o.key);
      log.warn('delivery failed', { key: o.key, attempt, reason });
      return 'failed';
    }
    await this.write(o.key, rec, 'sent', { sentAt: this.services.now().toISOString() });
    this.final.add(o.key);
    return 'sent';
  }

  /** Sends one message at most once (see the class note). */
  async send(o: Outgoing): Promise<Outcome> {
    if (this.final.has(o.key) || this.inflight.has(o.key)) return 'skipped';
    this.inflight.add(o.key);
    try {
      return await this.one(o);
    } catch (err) {
      log.error('delivery bookkeeping failed', { key: o.key, error: err });
      return 'failed';
    } finally {
      this.inflight.delete(o.key);
    }
  }

  /** True once the message is settled here: sent, uncertain or given up. */
  isFinal(key: string): boolean {
    return this.final.has(key);
  }

  /**
   * Records a message as delivered another way (a notice answered as the reply, Notices.handOver):
   * true, unless a record shows it already under way — then it must not be repeated.
   */
  async settle(o: Outgoing, reason: string): Promise<boolean> {
    return this.services.store.withLock(`delivery:${o.key}`, async () => {
      if (this.inflight.has(o.key) || (await this.deliveries.get(o.key))) return false;
      const at = this.services.now().toISOString();
      const rec: Delivery = { ...o.meta, to: o.to.person, platform: o.to.platform, chatId: o.to.chatId, status: 'sent', attempt: 1, owner: this.owner, at, sentAt: at, reason, history: [{ status: 'sent', at, attempt: 1, reason }] };
      await this.deliveries.set(o.key, rec);
      this.final.add(o.key);
      return true;
    });
  }

  /**
   * Sends each message at most once (see the class note). A bounded pool keeps the outbox's
   * queue full without flooding the store with bookkeeping for thousands of messages at once
   * (that made the moment of each platform call jittery, and jitter means 429s).
   */
  async deliver(items: Outgoing[]): Promise<Record<Outcome, number>> {
    const counts: Record<Outcome, number> = { sent: 0, failed: 0, skipped: 0 };
    const queue = [...items];
    const worker = async () => {
      for (let o = queue.shift(); o; o = queue.shift()) counts[await this.send(o)]++;
    };
    await Promise.all(Array.from({ length: Math.min(POOL, queue.length) }, worker));
    return counts;
  }
}
