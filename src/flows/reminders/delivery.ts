import { randomBytes } from 'node:crypto';
import type { Services } from '../../bot/context.js';
import { truncate } from '../../bot/truncate.js';
import type { Address, Reply } from '../../bot/types.js';
import { logger } from '../../log.js';
import type { Delivery, DeliveryStatus, Ledger } from './ledger.js';

const log = logger('delivery');

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
/** Messages prepared at once (each then waits for its outbox slot). */
const POOL = 16;

/**
 * Exactly-once sending. The delivery record is the durable truth; `store.claim(key#attempt)`
 * only decides which process makes attempt n. Per message:
 *  1. skip when the record is final (sent, uncertain, given up), waiting for a retry, or in flight;
 *  2. claim attempt n (one winner across processes), then record "queued" with this process as owner
 *     (the claim lasts STALE_MS: were the process to die between the two, the attempt is retried then);
 *  3. the outbox waits for a slot, and right before the platform call the record becomes "sending";
 *  4. "sent", or "failed" with the reason (retried after 5, 10 minutes, up to 3 attempts).
 * After a crash, a "queued" record of a dead process is sent again (it never left); a
 * "sending" one becomes "uncertain" and is NOT repeated — a platform like Telegram cannot say
 * whether the call in flight arrived, so that single message is at-most-once. With SQLite (one
 * process) any other owner is dead; with Redis, after STALE_MS.
 */
export class Deliverer {
  readonly owner = randomBytes(6).toString('hex');
  private final = new Set<string>();
  private inflight = new Set<string>();

  constructor(
    private services: Services,
    private ledger: Ledger,
  ) {}

  private isDead(rec: Delivery, now: Date): boolean {
    if (rec.owner === this.owner) return false;
    return this.services.store.kind !== 'redis' || now.getTime() - Date.parse(rec.at) > STALE_MS;
  }

  private async write(key: string, rec: Delivery, status: DeliveryStatus, extra: Partial<Delivery> = {}): Promise<Delivery> {
    const at = this.services.now().toISOString();
    const next: Delivery = { ...rec, ...extra, status, at, history: [...rec.history, { status, at, attempt: extra.attempt ?? rec.attempt, reason: extra.reason }] };
    await this.ledger.deliveries.set(key, next);
    return next;
  }

  /** The attempt to make now, or undefined to leave it alone. */
  private async nextAttempt(key: string, now: Date): Promise<{ attempt: number; rec?: Delivery } | undefined> {
    const rec = await this.ledger.deliveries.get(key);
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
    const now = this.services.now();
    const next = await this.nextAttempt(o.key, now);
    if (!next) return 'skipped';
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
    // Only the winner of this attempt writes; a loser never touches the record.
    if (!(await this.services.store.claim(`${o.key}#${next.attempt}`, STALE_MS))) return 'skipped';
    let rec = await this.write(o.key, base, 'queued', { attempt: next.attempt, owner: this.owner, retryAt: undefined, reason: undefined });
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
      const retryAt = next.attempt < MAX_ATTEMPTS ? new Date(this.services.now().getTime() + RETRY_MS * next.attempt).toISOString() : undefined;
      await this.write(o.key, rec, 'failed', { reason, retryAt });
      if (!retryAt) this.final.add(o.key);
      log.warn('delivery failed', { key: o.key, attempt: next.attempt, reason });
      return 'failed';
    }
    await this.write(o.key, rec, 'sent', { sentAt: this.services.now().toISOString() });
    this.final.add(o.key);
    return 'sent';
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
      for (let o = queue.shift(); o; o = queue.shift()) {
        if (this.final.has(o.key) || this.inflight.has(o.key)) {
          counts.skipped++;
          continue;
        }
        this.inflight.add(o.key);
        try {
          counts[await this.one(o)]++;
        } catch (err) {
          log.error('delivery bookkeeping failed', { key: o.key, error: err });
          counts.failed++;
        } finally {
          this.inflight.delete(o.key);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(POOL, queue.length) }, worker));
    return counts;
  }
}
