import { logger } from '../log.js';
import { BROADCAST_MARGIN, type JobOutcome, type Lane, type Queues, type SendJob } from './queue.js';
import type { Platform } from './types.js';

const log = logger('queue');

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
  /** No slot before `ms` from now. */
  hold(ms: number): void {
    this.next = Math.max(this.next, this.clock() + ms);
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
 * The one-process backend: a job runs in this process as soon as its slots come. Replies to a
 * user's message wait only for that chat's limit; proactive messages also share the platform's
 * broadcast rate (paced, no burst, with a margin: a platform counting any sliding second, like
 * Telegram's 30/s, must not see more than its limit when jitter bunches the arrivals). Scheduled
 * work is a timer of this process.
 */
export class LocalQueue implements Queues {
  readonly kind = 'local';
  readonly durable = false;
  private lanes = new Map<Platform, { lane: Lane; pacer: Pacer }>();
  private chatBuckets = new Map<string, Bucket>();
  private running = 0;
  private sweeper = setInterval(() => {
    for (const [k, b] of this.chatBuckets) if (b.idle()) this.chatBuckets.delete(k);
  }, 60_000);

  constructor() {
    this.sweeper.unref();
  }

  serve(lane: Lane): void {
    this.lanes.set(lane.platform, { lane, pacer: new Pacer(lane.limits.broadcastPerSec * BROADCAST_MARGIN) });
  }

  private bucket(lane: Lane, chatId: string): Bucket {
    const k = `${lane.platform}:${chatId}`;
    let b = this.chatBuckets.get(k);
    if (!b) {
      const l = lane.limits;
      b = lane.isGroup(chatId) && l.groupPerMin ? new Bucket(l.groupPerMin / 60, 1) : new Bucket(l.perChatPerSec, l.perChatBurst);
      this.chatBuckets.set(k, b);
    }
    return b;
  }

  async submit(job: SendJob): Promise<JobOutcome> {
    const served = this.lanes.get(job.to.platform);
    if (!served) throw new Error(`no ${job.to.platform} adapter is running`);
    const { lane, pacer } = served;
    const bucket = this.bucket(lane, job.to.chatId);
    this.running++;
    try {
      for (let i = 0; i < job.replies.length; i++) {
        if (job.broadcast) await pacer.take();
        await bucket.take();
        if (!(await lane.executor.send(job, i))) return 'skipped';
      }
    } catch (err) {
      await lane.executor.settle(job, err);
      throw err;
    } finally {
      this.running--;
    }
    await lane.executor.settle(job);
    return 'sent';
  }

  async pause(platform: Platform, ms: number): Promise<void> {
    this.lanes.get(platform)?.pacer.hold(ms);
  }

  async depth(): Promise<number> {
    return this.running;
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async every(name: string, ms: number, run: () => Promise<unknown>): Promise<() => Promise<void>> {
    let current: Promise<unknown> | undefined;
    const once = () => {
      if (current) return;
      current = run()
        .catch((err) => log.error(`${name} failed`, { error: err }))
        .finally(() => (current = undefined));
    };
    once();
    const timer = setInterval(once, ms);
    timer.unref();
    return async () => {
      clearInterval(timer);
      while (current) await current;
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
