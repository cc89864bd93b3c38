import type { Limits } from './platforms.js';
import type { Address, Platform, Reply } from './types.js';

/**
 * The queue interface under the outbox and the reminder scheduler. Two backends, one contract:
 * - `LocalQueue` (queue-local.ts): one process (SQLite, memory) — in-process pacing and timers;
 * - `RedisQueue` (queue-redis.ts): BullMQ on the store's Redis — every replica takes jobs, one
 *   send rate for all of them, jobs survive a replica's death, each scheduled run happens once.
 * Everything above it (the outbox's executor, the delivery ledger, the reminders) is the same code.
 */

/** One call of Outbox.send: replies, in order, to one chat. */
export interface SendJob {
  to: Address;
  replies: Reply[];
  /** A message nobody asked for just now (reminder, announcement, notice): lower priority. */
  broadcast?: boolean;
  /** An exactly-once message: its delivery record and the attempt recorded "queued" (delivery.ts). */
  delivery?: { key: string; attempt: number };
}

/** What became of a job: sent, or not sent because its record was already settled (or its call was cut by a crash). */
export type JobOutcome = 'sent' | 'skipped';

/** Runs a job's platform calls; the queue calls it once each reply's slot has come. */
export interface Executor {
  /**
   * Sends reply `i` of the job; false when the job must not go on (its delivery is already
   * settled). `slot`: the moment reserved for the platform call — the ledger's step runs while it
   * comes, so the call itself leaves on time.
   */
  send(job: SendJob, i: number, slot?: Promise<void>): Promise<boolean>;
  /** After the job: `error` when it failed for good (the delivery record says so). */
  settle(job: SendJob, error?: unknown): Promise<void>;
}

/** A platform as the queue sees it: its limits, its group chats, its executor. */
export interface Lane {
  platform: Platform;
  limits: Limits;
  isGroup(chatId: string): boolean;
  executor: Executor;
}

export interface SendQueue {
  readonly kind: 'local' | 'redis';
  /** Jobs survive this process: another process takes them over after a crash. */
  readonly durable: boolean;
  /** Takes this platform's jobs in this process from now on. */
  serve(lane: Lane): void;
  /**
   * Queues a job and resolves once it is done (rejects when it failed for good). `id` is the
   * idempotency key: a job submitted again under the same id is the same job, sent once.
   */
  submit(job: SendJob, id?: string): Promise<JobOutcome>;
  /**
   * Right before each platform call that sends a message (a reply may take several calls):
   * waits until the call fits the platform's limits counted the way the platform counts them,
   * across replicas (shared queue; the local queue paces before the call only).
   */
  beforeCall?(platform: Platform, call: { chatId: string; broadcast: boolean }): Promise<void>;
  /** The platform said "too many requests": hold every send of the platform this long. */
  pause(platform: Platform, ms: number): Promise<void>;
  /** Jobs waiting or running (for /metrics). */
  depth(): Promise<number>;
  /** False while the queue's backend cannot be reached. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Work run periodically: once per period in the whole deployment (on one replica), and once at start. */
export interface Scheduler {
  every(name: string, ms: number, run: () => Promise<unknown>): Promise<() => Promise<void>>;
}

export interface Queues extends SendQueue, Scheduler {}

/** Share of the platform's broadcast rate used (headroom for network jitter). */
export const BROADCAST_MARGIN = 0.95;
