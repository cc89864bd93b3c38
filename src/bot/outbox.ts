import { AsyncLocalStorage } from 'node:async_hooks';
import { logger } from '../log.js';
import { metrics } from './metrics.js';
import { PLATFORMS, type Limits } from './platforms.js';
import { LocalQueue } from './queue-local.js';
import type { JobOutcome, Queues, Scheduler, SendJob } from './queue.js';
import type { Address, Platform, Reply } from './types.js';

const log = logger('outbox');

/** The job a platform call belongs to, for the sender's hooks (beforeCall). */
const calling = new AsyncLocalStorage<{ chatId: string; broadcast: boolean }>();

/** A platform's way to deliver one reply to one chat; throws on a final failure. */
export interface Sender {
  platform: Platform;
  send(chatId: string, reply: Reply, to?: Address): Promise<void>;
  /** Group chats have a stricter limit (Telegram: 20/min). */
  isGroup?(chatId: string): boolean;
  /** False for a chat this sender cannot reach from this process (a console person at another terminal). */
  accepts?(chatId: string): boolean;
  /** Only this process can deliver (the terminal): its messages never go through a shared queue. */
  local?: boolean;
}

export type { Limits } from './platforms.js';

export const LIMITS = Object.fromEntries(Object.entries(PLATFORMS).map(([p, v]) => [p, v.limits])) as Record<Platform, Limits>;

export { BROADCAST_MARGIN } from './queue.js';

/**
 * The delivery ledger's steps around a platform call (delivery.ts): the record becomes "sending"
 * right before the call (false: settled meanwhile, or a call cut by a crash — not repeated) and
 * "sent" or "failed" after.
 */
export interface LedgerSteps {
  sending(d: NonNullable<SendJob['delivery']>): Promise<boolean>;
  settled(d: NonNullable<SendJob['delivery']>, error?: unknown): Promise<void>;
}

/**
 * The one way messages leave the bot. A send is a job of the queue (queue.ts): in one process the
 * local queue paces it here; with Redis, BullMQ holds it, any replica serving the platform sends
 * it at the one global rate, and it survives the death of the process that queued it. The job
 * runs the same executor either way: ledger step, platform call, ledger step.
 */
export class Outbox {
  private senders = new Map<Platform, Sender>();
  private local = new LocalQueue();
  /** The delivery ledger's steps (set by createServices). */
  ledger?: LedgerSteps;

  constructor(
    private limits: Record<Platform, Limits> = LIMITS,
    /** The shared queue (Redis mode); the local queue otherwise. */
    private shared?: Queues,
  ) {}

  /** The queue of a platform's messages: the shared one unless the sender is this process's only. */
  private queueOf(platform: Platform): Queues {
    return this.shared && !this.senders.get(platform)?.local ? this.shared : this.local;
  }

  /** True when this platform's sends go through a queue that survives this process. */
  isDurable(platform: Platform): boolean {
    return this.queueOf(platform).durable;
  }

  /** Periodic work: once per period in the deployment (the shared queue's job schedulers), or a timer here. */
  get scheduler(): Scheduler {
    return this.shared ?? this.local;
  }

  register(sender: Sender): void {
    this.senders.set(sender.platform, sender);
    this.queueOf(sender.platform).serve({
      platform: sender.platform,
      limits: this.limits[sender.platform],
      isGroup: (chatId) => sender.isGroup?.(chatId) ?? false,
      executor: {
        send: (job, i, slot) => this.execute(sender, job, i, slot),
        settle: async (job, error) => {
          if (job.delivery) await this.ledger?.settled(job.delivery, error);
        },
      },
    });
  }

  has(platform: Platform): boolean {
    return this.senders.has(platform);
  }

  /** Can this process deliver to that chat now (its platform runs here and the sender takes the chat)? */
  reaches(platform: Platform, chatId: string): boolean {
    const s = this.senders.get(platform);
    return !!s && (s.accepts?.(chatId) ?? true);
  }

  /** One platform call of a job, right after its slot came. */
  private async execute(sender: Sender, job: SendJob, i: number, slot?: Promise<void>): Promise<boolean> {
    if (i === 0 && job.delivery && this.ledger && !(await this.ledger.sending(job.delivery))) return false;
    await slot;
    const to = job.to;
    try {
      await calling.run({ chatId: to.chatId, broadcast: !!job.broadcast }, () => sender.send(to.chatId, job.replies[i], to));
      metrics.count('thidua_sends_total', { platform: to.platform, kind: job.broadcast ? 'broadcast' : 'reply' });
    } catch (err) {
      metrics.count('thidua_send_failures_total', { platform: to.platform });
      log.warn('send failed', { platform: to.platform, chatId: to.chatId, error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    return true;
  }

  /**
   * Sends replies in order to one chat and resolves once they are sent; `broadcast` for messages
   * nobody asked for just now. A platform nobody serves in this process is still queued when the
   * queue is shared (another replica sends it).
   */
  async send(to: Address, replies: Reply[], opts: { broadcast?: boolean } = {}): Promise<void> {
    if (!replies.length) return;
    const q = this.queueOf(to.platform);
    if (q === this.local && !this.senders.has(to.platform)) throw new Error(`no ${to.platform} adapter is running`);
    await q.submit({ to, replies, broadcast: opts.broadcast });
  }

  /** An exactly-once message (delivery.ts): the job carries its record; `id` makes a resubmission the same job. */
  submit(job: SendJob, id: string): Promise<JobOutcome> {
    const q = this.queueOf(job.to.platform);
    if (q === this.local && !this.senders.has(job.to.platform)) return Promise.reject(new Error(`no ${job.to.platform} adapter is running`));
    return q.submit(job, id);
  }

  /** Called by a sender right before each platform call that sends a message (see SendQueue.beforeCall). */
  async beforeCall(platform: Platform): Promise<void> {
    const call = calling.getStore();
    if (call) await this.queueOf(platform).beforeCall?.(platform, call);
  }

  /** The platform answered "too many requests, retry after": every send of it waits (all replicas, with Redis). */
  async rateLimited(platform: Platform, ms: number): Promise<void> {
    metrics.count('thidua_rate_limited_total', { platform });
    await this.queueOf(platform).pause(platform, ms).catch((err) => log.warn('could not pause the queue', { error: err instanceof Error ? err.message : String(err) }));
  }

  /** The queue's backend can be reached (always, in one process). */
  healthy(): Promise<boolean> {
    return (this.shared ?? this.local).healthy();
  }

  /** Jobs waiting or running. */
  depth(): Promise<number> {
    return (this.shared ?? this.local).depth();
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
