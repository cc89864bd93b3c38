import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis, { createClient } from '@keyv/redis';

/** The kinds of records kept; one keyv namespace each. */
export const NAMESPACES = [
  'people',
  'invites',
  'sessions',
  'buttons',
  'registrations',
  'drafts',
  'deliveries',
  'acks',
  'questions',
  'feedback',
  'audit',
  'claims',
  'meta',
  'inbox',
  'reviews',
  'files',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  ns(name: Namespace): Keyv;
  /**
   * Atomically claims `key` for `ttlMs`: true for exactly one caller, across processes where the
   * backend allows it (Redis SET NX PX); SQLite is single-process, so an in-process lock suffices.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (e.g. a send that failed and may be retried). */
  release(key: string): Promise<void>;
  /**
   * Adds one to the counter `key` and returns its new value (1 for a new counter); the counter is
   * forgotten `ttlMs` after its last increment. Atomic across processes on Redis (MULTI INCR PEXPIRE).
   */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Runs `fn` while holding `key` against every other caller (other processes too, on Redis). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Serialises async critical sections per key inside one process. */
export class Mutex {
  private tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** A lock is held at most this long (a crashed holder frees it), and waited for at most this long. */
const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 10_000;

class KeyvStore implements Store {
  private spaces = new Map<Namespace, Keyv>();
  private mutex = new Mutex();
  constructor(
    readonly kind: Store['kind'],
    private makeAdapter: () => unknown,
    private onClose: () => Promise<void> = async () => {},
    private redis?: { claim(key: string, ttlMs: number): Promise<boolean>; release(key: string): Promise<void>; increment(key: string, ttlMs: number): Promise<number> },
  ) {}

  ns(name: Namespace): Keyv {
    let kv = this.spaces.get(name);
    if (!kv) {
      const adapter = this.makeAdapter();
      kv = new Keyv({ store: adapter as never, namespace: name, useKeyPrefix: true });
      kv.on('error', () => undefined); // errors surface as rejected promises to the caller
      this.spaces.set(name, kv);
    }
    return kv;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.redis) return this.redis.claim(key, ttlMs);
    return this.mutex.run(key, async () => {
      const claims = this.ns('claims');
      if (await claims.get(key)) return false;
      await claims.set(key, { at: Date.now() }, ttlMs);
      return true;
    });
  }

  async release(key: string): Promise<void> {
    if (this.redis) await this.redis.release(key);
    else await this.ns('claims').delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    if (this.redis) return this.redis.increment(key, ttlMs);
    return this.mutex.run(`count:${key}`, async () => {
      const counts = this.ns('claims');
      const n = (Number((await counts.get(`count:${key}`))?.n) || 0) + 1;
      await counts.set(`count:${key}`, { n }, ttlMs);
      return n;
    });
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(`lock:${key}`, async () => {
      if (!this.redis) return fn(); // one process: the mutex is the lock
      const until = Date.now() + LOCK_WAIT_MS;
      while (!(await this.redis.claim(`lock:${key}`, LOCK_TTL_MS))) {
        if (Date.now() > until) throw new Error(`lock "${key}" is busy`);
        await new Promise((r) => setTimeout(r, 25));
      }
      try {
        return await fn();
      } finally {
        await this.redis.release(`lock:${key}`).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.spaces.values()].map((kv) => kv.disconnect()));
    await this.onClose();
  }
}

/** Opens the store named by STORE_URL: sqlite://PATH (default), redis://…, memory://. */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('memory:')) {
    const maps = () => new Map();
    return new KeyvStore('memory', maps);
  }
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const adapters: KeyvSqlite[] = [];
    const make = () => {
      const a = new KeyvSqlite({ uri: url, busyTimeout: 10_000, iterationLimit: 1000 } as never);
      // WAL lets readers run beside the writer; NORMAL sync keeps commits durable across a process kill.
      void (a as unknown as { query(sql: string): Promise<unknown> }).query('PRAGMA journal_mode=WAL').catch(() => undefined);
      void (a as unknown as { query(sql: string): Promise<unknown> }).query('PRAGMA synchronous=NORMAL').catch(() => undefined);
      adapters.push(a);
      return a;
    };
    // Open one connection eagerly so a bad path fails at start-up, not on the first message.
    const first = make();
    await (first as unknown as { query(sql: string): Promise<unknown> }).query('SELECT 1');
    let handedFirst = false;
    return new KeyvStore('sqlite', () => {
      if (!handedFirst) {
        handedFirst = true;
        return first;
      }
      return make();
    });
  }
  const client = createClient({ url, socket: { reconnectStrategy: (n: number) => (n > 5 ? new Error('redis unreachable') : 200 * n) } });
  client.on('error', () => undefined);
  await client.connect();
  return new KeyvStore(
    'redis',
    () => new KeyvRedis(client as never),
    async () => {
      await client.quit().catch(() => undefined);
    },
    {
      claim: async (key, ttlMs) => (await client.set(`claim:${key}`, '1', { NX: true, PX: ttlMs })) === 'OK',
      release: async (key) => {
        await client.del(`claim:${key}`);
      },
      increment: async (key, ttlMs) => {
        const [n] = await client.multi().incr(`count:${key}`).pExpire(`count:${key}`, ttlMs).exec();
        return Number(n);
      },
    },
  );
}
