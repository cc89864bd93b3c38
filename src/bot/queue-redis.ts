import { randomBytes } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { Queue, QueueEvents, Worker, createNodeRedisClient, type Job } from 'bullmq';
import { logger } from '../log.js';
import { metrics } from './metrics.js';
import { type JobOutcome, type Lane, type Queues, type SendJob } from './queue.js';
import type { Platform } from './types.js';

const log = logger('queue');

/** BullMQ keys start with this (then the queue name); tests give each run its own. */
const PREFIX = 'thidua';
/** A replica's lock on a running job; renewed every half. A dead replica's jobs go back to the queue within ~this + STALLED_MS. */
const LOCK_MS = 10_000;
const STALLED_MS = 5_000;
/** Send jobs run at once per replica (most of them wait for their slot). */
const SEND_CONCURRENCY = 32;
/**
 * Share of a platform's limits used by the replicas together: below one process's margin
 * (BROADCAST_MARGIN), as calls from several processes arrive with more jitter.
 */
const SHARED_MARGIN = 0.93;
/** Calls a second that broadcasts leave to answers (Telegram: broadcasts stop at 28 calls in the last second, answers at 29). */
const BROADCAST_HEADROOM = 1;
/** Added to a chat's gap between two calls (Telegram: 1,000 ms). */
const CHAT_JITTER_MS = 25;
/** A broadcast takes its slot at most this far ahead of now, so a reply sent meanwhile is counted before it. */
const LOOKAHEAD_MS = 100;
/** A caller waits this long at most for its job (the job itself stays queued). */
const WAIT_MS = 10 * 60_000;
/** Finished jobs are kept this long: a job submitted again under the same id meanwhile is the same job. */
const KEEP_DONE = { age: 24 * 3600, count: 50_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

/**
 * Reserves the next send slot of a platform, for all replicas at once (GCRA on Redis's clock).
 * KEYS: the platform's next free moment, the chat's. ARGV: the platform interval (ms), the chat
 * gap (ms), 1 for a broadcast. A broadcast keeps the platform's pace, reserving at most
 * LOOKAHEAD_MS ahead; an answer to a person waits only for its chat and takes its share of the
 * pace without waiting (the broadcasts slow down instead), as in one process.
 * Returns ms to wait then send (≥ 0), or -(ms) to come back later (nothing reserved).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local chat = tonumber(redis.call('GET', KEYS[2]) or '0')
if chat > now then return -math.ceil(chat - now) end
local interval = tonumber(ARGV[1])
local g = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = now
if ARGV[3] == '1' then
  if g - now > ${LOOKAHEAD_MS} then return -math.ceil(g - now - ${LOOKAHEAD_MS}) end
  at = math.max(now, g)
end
redis.call('SET', KEYS[1], tostring(math.max(g, at) + interval), 'PX', 600000)
redis.call('SET', KEYS[2], tostring(at + tonumber(ARGV[2])), 'PX', math.ceil(at - now + tonumber(ARGV[2])) + 1000)
return math.ceil(at - now)
`;

/**
 * The last check right before a platform call, for all replicas, counted the way the platform
 * counts: a sliding log of the platform's calls in the last second, and each chat's last call.
 * Whatever waited for its slot (a replica's event loop was busy, a ledger write was slow) must not
 * bunch with the calls after it. A broadcast call waits while ARGV[1] calls are in the last second
 * (room for answers); an answer waits only while a broadcast is running and the second is full
 * (ARGV[2]) — without broadcasts answers are not held to the broadcast rate, as in one process.
 * Every call waits for its chat's gap (ARGV[3] ms).
 * KEYS: the log of calls, the log of broadcast calls, the chat's last call. ARGV: the three
 * limits, a unique member, 1 for a broadcast. Returns 0 (go, logged) or ms to wait.
 */
const GUARD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[3]) or '0')
if now - last < tonumber(ARGV[3]) then return math.ceil(last + tonumber(ARGV[3]) - now) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
local n = redis.call('ZCARD', KEYS[1])
local full = false
if ARGV[5] == '1' then full = n >= tonumber(ARGV[1]) else full = n >= tonumber(ARGV[2]) and redis.call('ZCARD', KEYS[2]) > 0 end
if full then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, math.ceil(tonumber(first[2]) + 1000 - now))
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], 2000)
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[2], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[2], 2000)
end
redis.call('SET', KEYS[3], tostring(now), 'PX', math.ceil(tonumber(ARGV[3])) + 1000)
return 0
`;

/** Holds every slot of the platform for ARGV[1] ms (a 429's retry_after). */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local g = tonumber(redis.call('GET', KEYS[1]) or '0')
redis.call('SET', KEYS[1], tostring(math.max(g, now + tonumber(ARGV[1]))), 'PX', 600000 + tonumber(ARGV[1]))
return 1
`;

/** A job's data as JSON: file bytes as base64. */
const encode = (job: SendJob): string =>
  JSON.stringify(job, (_k, v) => (v instanceof Uint8Array || (v && v.type === 'Buffer' && Array.isArray(v.data)) ? { $bytes: Buffer.from(v instanceof Uint8Array ? v : v.data).toString('base64') } : v));
const decode = (text: string): SendJob => JSON.parse(text, (_k, v) => (v && typeof v === 'object' && typeof v.$bytes === 'string' ? new Uint8Array(Buffer.from(v.$bytes, 'base64')) : v));

type Client = ReturnType<typeof createClient>;
const client = (url: string, retry = false): Client => {
  const c = createClient({ url, ...(retry ? { socket: { reconnectStrategy: (n: number) => Math.min(200 * n, 2000) } } : {}) }) as Client;
  c.on('error', () => undefined);
  return c;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Progress = { sending?: number };

/**
 * The Redis backend (STORE_URL=redis://…): BullMQ queues on the store's Redis.
 * - Sends: one queue per platform (`send-telegram`, `send-slack`); every replica that runs the
 *   platform takes jobs. Before each platform call a Lua script reserves the slot on Redis's
 *   clock: the platform's rate (Telegram 30/s × 0.93) shared by all replicas — broadcasts keep
 *   it, answers to people take their share without waiting — and the chat's gap (1/s, 20/min in
 *   a group, with the same margin); right before the HTTP request a sliding log of calls
 *   catches a slot that came late (GUARD). A 429's retry_after holds the whole platform. Replies
 *   go before broadcasts (priority). A job whose replica dies goes back to the queue (BullMQ's stalled
 *   check) and another replica runs it; a reply cut during its platform call is not repeated
 *   (its progress says so; exactly-once messages have their delivery record).
 * - Scheduled work: BullMQ job schedulers on the `jobs` queue — each run is one job, taken by
 *   one replica.
 */
export class RedisQueue implements Queues {
  readonly kind = 'redis';
  readonly durable = true;
  private raw: Client;
  private connection: ReturnType<typeof createNodeRedisClient>;
  private queues = new Map<string, Queue>();
  private events = new Map<string, Promise<QueueEvents>>();
  private workers: Worker[] = [];
  private handlers = new Map<string, () => Promise<unknown>>();
  private jobsWorker?: Worker;
  private closed = false;
  /** This process, in the call log's members. */
  private id = randomBytes(6).toString('hex');
  private calls = 0;
  private lanes = new Map<Platform, Lane>();

  private constructor(
    url: string,
    private limiter: Client,
    private prefix: string,
  ) {
    this.raw = client(url);
    this.connection = createNodeRedisClient(this.raw);
  }

  static async open(url: string, opts: { prefix?: string } = {}): Promise<RedisQueue> {
    const limiter = client(url, true);
    await limiter.connect();
    return new RedisQueue(url, limiter, opts.prefix ?? PREFIX);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      q.setMaxListeners(0);
      q.on('error', (err) => log.warn('queue error', { queue: name, error: err.message }));
      this.queues.set(name, q);
    }
    return q;
  }

  private queueEvents(name: string): Promise<QueueEvents> {
    let e = this.events.get(name);
    if (!e) {
      const ev = new QueueEvents(name, { connection: this.connection, prefix: this.prefix });
      ev.setMaxListeners(0);
      ev.on('error', (err) => log.warn('queue events error', { queue: name, error: err.message }));
      e = ev.waitUntilReady().then(() => ev);
      this.events.set(name, e);
    }
    return e;
  }

  private worker(name: string, concurrency: number, run: (job: Job, token?: string) => Promise<unknown>): Worker {
    const w = new Worker(name, run, { connection: this.connection, prefix: this.prefix, concurrency, lockDuration: LOCK_MS, stalledInterval: STALLED_MS, maxStalledCount: 1000 });
    w.on('error', (err) => log.warn('worker error', { queue: name, error: err.message }));
    w.on('failed', (job, err) => {
      metrics.count('thidua_job_failures_total', { queue: name });
      log.warn('job failed', { queue: name, job: job?.id, attempt: job?.attemptsMade, error: err.message });
    });
    this.workers.push(w);
    return w;
  }

  /** Reserves this job's next slot (see RESERVE); resolves with the slot's moment to wait for. */
  private async slot(lane: Lane, job: SendJob): Promise<{ due: Promise<void> }> {
    const l = lane.limits;
    const interval = 1000 / (l.broadcastPerSec * SHARED_MARGIN);
    // The chat's gap with the same margin: arrivals jitter by a few ms between replicas.
    const gap = (lane.isGroup(job.to.chatId) && l.groupPerMin ? 60_000 / l.groupPerMin : 1000 / l.perChatPerSec) / SHARED_MARGIN;
    const keys = [`${this.prefix}:pace:${lane.platform}`, `${this.prefix}:pace:${lane.platform}:${job.to.chatId}`];
    for (;;) {
      const r = Number(await this.limiter.eval(RESERVE, { keys, arguments: [String(interval), String(gap), job.broadcast ? '1' : '0'] }));
      if (r >= 0) return { due: r > 0 ? sleep(r) : Promise.resolve() };
      await sleep(Math.min(-r, 1000));
    }
  }

  /** Right before a platform call (the adapter calls it): waits until the call fits (see GUARD), and logs it. */
  async beforeCall(platform: Platform, call: { chatId: string; broadcast: boolean }): Promise<void> {
    const l = this.lanes.get(platform)?.limits;
    if (!l) return;
    const most = Math.max(1, Math.ceil(l.broadcastPerSec) - 1);
    const limits = [Math.max(1, most - BROADCAST_HEADROOM), most, Math.ceil(1000 / l.perChatPerSec + CHAT_JITTER_MS)].map(String);
    const keys = [`${this.prefix}:calls:${platform}`, `${this.prefix}:calls:${platform}:broadcast`, `${this.prefix}:last:${platform}:${call.chatId}`];
    for (;;) {
      const wait = Number(await this.limiter.eval(GUARD, { keys, arguments: [...limits, `${this.id}:${++this.calls}`, call.broadcast ? '1' : '0'] }));
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  serve(lane: Lane): void {
    this.lanes.set(lane.platform, lane);
    this.worker(`send-${lane.platform}`, SEND_CONCURRENCY, async (bj) => {
      const job = decode(bj.data.job);
      const progress = (typeof bj.progress === 'object' ? bj.progress : {}) as Progress;
      // A reply whose platform call was under way when its replica died is not repeated (at most once).
      let from = 0;
      if (!job.delivery && progress.sending !== undefined) {
        log.warn('a reply was in flight when its replica stopped; not repeated', { job: bj.id, reply: progress.sending });
        from = progress.sending + 1;
      }
      try {
        for (let i = from; i < job.replies.length; i++) {
          const { due } = await this.slot(lane, job);
          if (!job.delivery) await bj.updateProgress({ sending: i } satisfies Progress);
          if (!(await lane.executor.send(job, i, due))) return 'skipped' satisfies JobOutcome;
        }
      } catch (err) {
        if (!job.delivery) await bj.updateProgress({} satisfies Progress).catch(() => undefined); // failed, not in flight: a retry sends it
        const last = !job.delivery && bj.attemptsMade + 1 < (bj.opts.attempts ?? 1) ? undefined : err;
        if (last) await lane.executor.settle(job, err);
        throw err;
      }
      await lane.executor.settle(job);
      return 'sent' satisfies JobOutcome;
    });
  }

  async submit(job: SendJob, id?: string): Promise<JobOutcome> {
    const name = `send-${job.to.platform}`;
    const events = await this.queueEvents(name);
    const added = await this.queue(name).add(
      'send',
      { job: encode(job) },
      {
        ...(id ? { jobId: id.replace(/:/g, '_') } : {}),
        // An exactly-once message is retried by its ledger (5, 10 minutes later); a reply here, soon.
        attempts: job.delivery ? 1 : 3,
        backoff: { type: 'exponential', delay: 1000 },
        priority: job.broadcast ? 10 : 1,
        removeOnComplete: KEEP_DONE,
        removeOnFail: KEEP_FAILED,
      },
    );
    return (await added.waitUntilFinished(events, WAIT_MS)) as JobOutcome;
  }

  async pause(platform: Platform, ms: number): Promise<void> {
    await this.limiter.eval(HOLD, { keys: [`${this.prefix}:pace:${platform}`], arguments: [String(Math.ceil(ms))] });
  }

  async depth(): Promise<number> {
    let n = 0;
    for (const [name, q] of this.queues) {
      if (!name.startsWith('send-')) continue;
      const c = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      n += Object.values(c).reduce((a, b) => a + b, 0);
    }
    return n;
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.limiter.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * A BullMQ job scheduler `name` every `ms`: its runs are jobs of the `jobs` queue, each taken by
   * one replica (a replica that dies during a run leaves it to another, after the stalled check).
   */
  async every(name: string, ms: number, run: () => Promise<unknown>): Promise<() => Promise<void>> {
    this.handlers.set(name, run);
    const q = this.queue('jobs');
    this.jobsWorker ??= this.worker('jobs', 4, async (job) => {
      const handler = this.handlers.get(job.name);
      if (!handler) throw new Error(`no handler for scheduled job "${job.name}" in this process`);
      await handler();
    });
    const keep = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
    // Upserted by each replica: one scheduler in Redis. Its first run is due at once (the catch-up
    // after downtime); when every replica was down, the overdue next run is taken at start.
    await q.upsertJobScheduler(name, { every: ms }, { name, data: {}, opts: keep });
    return async () => {
      this.handlers.delete(name);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.events.values()].map(async (e) => (await e).close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await this.limiter.quit().catch(() => undefined);
    await Promise.resolve(this.raw.quit()).catch(() => undefined);
  }
}
