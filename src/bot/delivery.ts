import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { logger } from '../log.js';
import type { Services } from './context.js';
import type { LedgerSteps } from './outbox.js';
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

/** The record of a delivery with its next status (history appended). */
function advance(rec: Delivery, status: DeliveryStatus, at: string, extra: Partial<Delivery> = {}): Delivery {
  return { ...rec, ...extra, status, at, history: [...rec.history, { status, at, attempt: extra.attempt ?? rec.attempt, reason: extra.reason }] };
}

/**
 * The ledger's steps around the platform call, run by the outbox's executor wherever the job runs
 * (this process, or any replica with Redis): "sending" right before the call, "sent" or "failed"
 * (retried after 5, 10 minutes, up to 3 attempts) after. A job that finds its own attempt already
 * "sending" is a re-run after the process died during the call: the record becomes "uncertain"
 * and the message is not repeated.
 */
export function ledgerSteps(services: Pick<Services, 'now'>, deliveries: Repo<Delivery>): LedgerSteps {
  const write = async (key: string, rec: Delivery, status: DeliveryStatus, extra: Partial<Delivery> = {}) => {
    await deliveries.set(key, advance(rec, status, services.now().toISOString(), extra));
  };
  return {
    async sending({ key, attempt }) {
      const rec = await deliveries.get(key);
      if (!rec || rec.attempt !== attempt) return false;
      if (rec.status === 'queued') {
        await write(key, rec, 'sending');
        return true;
      }
      if (rec.status === 'sending') await write(key, rec, 'uncertain', { reason: 'the process stopped during the platform call' });
      return false;
    },
    async settled({ key, attempt }, error) {
      const rec = await deliveries.get(key);
      if (!rec || rec.attempt !== attempt || rec.status !== 'sending') return;
      if (!error) return write(key, rec, 'sent', { sentAt: services.now().toISOString() });
      const reason = truncate(error instanceof Error ? error.message : String(error), 300);
      const retryAt = attempt < MAX_ATTEMPTS ? new Date(services.now().getTime() + RETRY_MS * attempt).toISOString() : undefined;
      log.warn('delivery failed', { key, attempt, reason });
      await write(key, rec, 'failed', { reason, retryAt });
    },
  };
}

/**
 * Exactly-once sending. The delivery record is the durable truth; `store.withLock(key)` only makes
 * reading it and recording the next attempt one step against other callers (other processes too,
 * on Redis), and dies with its holder — a crash leaves the record as it was, never a stray claim.
 * Per message:
 *  1. skip when the record is final (sent, uncertain, given up) or waiting for a retry;
 *  2. under the lock, record attempt n as "queued" with this process as owner;
 *  3. submit it to the outbox as job `key#n` (the idempotency key: submitted again, it is the same
 *     job); when its slot comes the executor records "sending", calls the platform, records
 *     "sent" or "failed" (ledgerSteps).
 * After a crash, a message without a record, or "queued" by a dead process, is sent (it never
 * left); a "sending" one becomes "uncertain" and is NOT repeated — a platform like Telegram cannot
 * say whether the call in flight arrived, so that single message is at-most-once. With the local
 * queue (one process: SQLite) any other owner is dead. With the shared queue (Redis, BullMQ) the
 * job itself survives: a "queued" or "sending" record is submitted again under the same job id —
 * a no-op while the job exists — and a job whose replica died is taken over by another one, whose
 * executor finds "sending" and records "uncertain".
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
    const next = advance(rec, status, this.services.now().toISOString(), extra);
    await this.deliveries.set(key, next);
    return next;
  }

  /** The attempt to make now (`again`: already recorded, submit it again), or undefined to leave it alone. */
  private async nextAttempt(key: string, now: Date, durable: boolean): Promise<{ attempt: number; rec?: Delivery; again?: boolean } | undefined> {
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
        if (durable) return { attempt: rec.attempt, rec, again: true };
        if (this.isDead(rec, now)) {
          await this.write(key, rec, 'uncertain', { reason: 'the process stopped during the platform call' });
          this.final.add(key);
        }
        return undefined;
      case 'queued':
        if (durable) return { attempt: rec.attempt, rec, again: true };
        return this.isDead(rec, now) ? { attempt: rec.attempt + 1, rec } : undefined;
    }
  }

  private async one(o: Outgoing): Promise<Outcome> {
    const outbox = this.services.outbox;
    const durable = outbox.isDurable(o.to.platform);
    // Deciding the attempt and recording it "queued" is one step: a loser never touches the record.
    const start = await this.services.store.withLock(`delivery:${o.key}`, async () => {
      const now = this.services.now();
      const next = await this.nextAttempt(o.key, now, durable);
      if (!next || next.again) return next;
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
      await this.write(o.key, base, 'queued', { attempt: next.attempt, owner: this.owner, retryAt: undefined, reason: undefined });
      return next;
    });
    if (!start) return 'skipped';
    const { attempt } = start;
    const userId = o.to.person.slice(o.to.platform.length + 1); // personKey = platform:userId
    const job = { to: { platform: o.to.platform, chatId: o.to.chatId, userId }, replies: [o.reply], broadcast: true, delivery: { key: o.key, attempt } };
    let outcome: Outcome;
    try {
      outcome = await outbox.submit(job, `${o.key}#${attempt}`);
    } catch (err) {
      // Failed before any platform call (no adapter for the platform here): recorded as a failed attempt.
      const rec = await this.deliveries.get(o.key);
      if (rec?.status === 'queued' && rec.attempt === attempt) {
        const reason = truncate(err instanceof Error ? err.message : String(err), 300);
        const retryAt = attempt < MAX_ATTEMPTS ? new Date(this.services.now().getTime() + RETRY_MS * attempt).toISOString() : undefined;
        await this.write(o.key, rec, 'failed', { reason, retryAt });
        log.warn('delivery failed', { key: o.key, attempt, reason });
      }
      outcome = 'failed';
    }
    const rec = await this.deliveries.get(o.key);
    if (rec && (rec.status === 'sent' || rec.status === 'uncertain' || (rec.status === 'failed' && !rec.retryAt))) this.final.add(o.key);
    return outcome;
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
