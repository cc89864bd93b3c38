import { logger } from '../log.js';
import { PLATFORMS, type Limits } from './platforms.js';
import type { Address, Platform, Reply } from './types.js';

const log = logger('outbox');

/** A platform's way to deliver one reply to one chat; throws on a final failure. */
export interface Sender {
  platform: Platform;
  send(chatId: string, reply: Reply, to?: Address): Promise<void>;
  /** Group chats have a stricter limit (Telegram: 20/min). */
  isGroup?(chatId: string): boolean;
  /** False for a chat this sender cannot reach from this process (a console person at another terminal). */
  accepts?(chatId: string): boolean;
}

export type { Limits } from './platforms.js';

export const LIMITS = Object.fromEntries(Object.entries(PLATFORMS).map(([p, v]) => [p, v.limits])) as Record<Platform, Limits>;

/** Share of the platform's broadcast rate the outbox uses (headroom for network jitter). */
export const BROADCAST_MARGIN = 0.95;

/**
 * Evenly spaced slots without bursts: slot k at `first + k / rate`, handed out in call order. A
 * late timer does not slow the pace (the next slot keeps its planned time), and after an idle
 * period the pace restarts from now, so any window of a second holds at most ~rate slots.
 */
export class Pacer {
  private next = 0;
  constructor(
    private ratePerSec: number,
    private clock: () => number = Date.now,
  ) {}
  take(): Promise<void> {
    const now = this.clock();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.ratePerSec;
    return at > now ? new Promise((r) => setTimeout(r, at - now)) : Promise.resolve();
  }
}

/** A token bucket that hands out send slots in order. */
export class Bucket {
  private tokens: number;
  private last: number;
  private tail: Promise<void> = Promise.resolve();
  constructor(
    private ratePerSec: number,
    private burst: number,
    private clock: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = clock();
  }
  take(): Promise<void> {
    const run = this.tail.then(async () => {
      for (;;) {
        const now = this.clock();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
        this.last = now;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000)));
      }
    });
    this.tail = run;
    return run;
  }
  /** Idle: full and nobody waiting — safe to forget. */
  idle(): boolean {
    return this.tokens + ((this.clock() - this.last) / 1000) * this.ratePerSec >= this.burst;
  }
}

/**
 * The one way messages leave the bot. Replies to a user's message wait only for that chat's
 * limit; proactive messages (reminders, announcements, notifications) also share the
 * platform's broadcast rate.
 */
export class Outbox {
  private senders = new Map<Platform, Sender>();
  private chatBuckets = new Map<string, Bucket>();
  private broadcastPacers = new Map<Platform, Pacer>();

  constructor(private limits: Record<Platform, Limits> = LIMITS) {
    setInterval(() => this.sweep(), 60_000).unref();
  }

  register(sender: Sender): void {
    this.senders.set(sender.platform, sender);
    const l = this.limits[sender.platform];
    // Paced, no burst, with a margin: a platform counting any sliding second (Telegram's 30/s)
    // must not see more than its limit when a little jitter bunches the arrivals (a token bucket
    // with a burst let 33 through in some seconds: hundreds of 429s in bench/broadcast.ts).
    this.broadcastPacers.set(sender.platform, new Pacer(l.broadcastPerSec * BROADCAST_MARGIN));
  }

  has(platform: Platform): boolean {
    return this.senders.has(platform);
  }

  /** Can this process deliver to that chat now (its platform runs here and the sender takes the chat)? */
  reaches(platform: Platform, chatId: string): boolean {
    const s = this.senders.get(platform);
    return !!s && (s.accepts?.(chatId) ?? true);
  }

  private chatBucket(platform: Platform, chatId: string, sender: Sender): Bucket {
    const k = `${platform}:${chatId}`;
    let b = this.chatBuckets.get(k);
    if (!b) {
      const l = this.limits[platform];
      b = sender.isGroup?.(chatId) && l.groupPerMin ? new Bucket(l.groupPerMin / 60, 1) : new Bucket(l.perChatPerSec, l.perChatBurst);
      this.chatBuckets.set(k, b);
    }
    return b;
  }

  private sweep() {
    for (const [k, b] of this.chatBuckets) if (b.idle()) this.chatBuckets.delete(k);
  }

  /**
   * Sends replies in order to one chat; `broadcast` for messages nobody asked for just now.
   * `onSending` runs after the wait for a slot, right before each platform call (a delivery
   * ledger records "sending" there, so only a call in flight is uncertain after a crash).
   */
  async send(to: Address, replies: Reply[], opts: { broadcast?: boolean; onSending?: (reply: Reply) => Promise<void> } = {}): Promise<void> {
    const sender = this.senders.get(to.platform);
    if (!sender) throw new Error(`no ${to.platform} adapter is running`);
    const bucket = this.chatBucket(to.platform, to.chatId, sender);
    for (const reply of replies) {
      if (opts.broadcast) await this.broadcastPacers.get(to.platform)!.take();
      await bucket.take();
      await opts.onSending?.(reply);
      try {
        await sender.send(to.chatId, reply, to);
      } catch (err) {
        log.warn('send failed', { platform: to.platform, chatId: to.chatId, error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
    }
  }
}
