import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv, { type Deserialize } from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { logger } from '../log.js';
import { SqliteAdapter, SqliteFile } from './sqlite.js';

const log = logger('store');

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
  'notices',
  'quarantine',
  'reviews',
  'files',
  'web',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A key fit for a log or a message: an invite code is a credential, never shown. */
export const shownKey = (namespace: string, key: string) => (namespace === 'invites' || key.startsWith('invite:') ? '***' : key);

/** A row whose text is not a stored record (not JSON, not keyv's envelope): read back as this, never thrown. */
export class Unreadable {
  constructor(readonly text: string) {}
}

/** The store could not read or write: whatever the request was to save, was NOT saved. */
export class StoreError extends Error {
  constructor(
    readonly op: 'read' | 'write',
    readonly namespace: string,
    readonly key: string,
    cause: unknown,
  ) {
    super(`store ${op} failed in ${namespace}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** One write of a batch: `value` to set (with an optional TTL), or `undefined` to delete `key`. */
export interface Write {
  ns: Namespace;
  key: string;
  value: unknown;
  ttlMs?: number;
}

/**
 * Every operation either does what it says or throws StoreError (keyv 5 by default answers a failed
 * write with `false` and a failed read with `undefined`, which silently passed every once-only check).
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  ns(name: Namespace): Keyv;
  /** Writes all or nothing: one SQLite transaction (a savepoint in its turn's group), one Redis MULTI/EXEC. */
  batch(writes: Write[]): Promise<void>;
  /**
   * Atomically claims `key` for `ttlMs`: true for exactly one caller, across processes too (Redis
   * SET NX PX; SQLite one upsert that replaces only an expired row; memory: one process).
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
  /** Deletes the rows expired by `now` (SQLite keeps them until read; Redis expires them itself). Returns how many. */
  sweep(now?: number): Promise<number>;
  /** False since a failed operation until a write succeeds again (probed here when failing). */
  healthy(): Promise<boolean>;
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

/**
 * keyv's deserializer revives every string through a callback (strings it escaped with a leading ":",
 * Buffers as ":base64:…"), a third of the CPU of a page that reads 1,000 records. A string value that
 * starts with ":" always follows `:`, `,` or `[` in the compact JSON keyv writes (or starts it); text
 * without that pattern means the same to JSON.parse alone.
 */
const plainJson = (text: string) => !/(^|[:,[])":/.test(text);

/** A lock is held at most this long (a crashed holder frees it), and waited for at most this long. */
const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 10_000;

/** A row exactly as the backend keeps it: `value` undefined deletes it. */
type Row = { key: string; value?: string; ttlMs?: number };

class KeyvStore implements Store {
  private spaces = new Map<Namespace, Keyv>();
  private mutex = new Mutex();
  /** The last failure, while the store is failing. */
  private failure?: string;
  constructor(
    readonly kind: Store['kind'],
    private makeAdapter: () => unknown,
    private opts: {
      onClose?: () => Promise<void>;
      redis?: {
        claim(key: string, ttlMs: number): Promise<boolean>;
        release(key: string): Promise<void>;
        increment(key: string, ttlMs: number): Promise<number>;
        /** The Redis key of a keyv key (the adapter adds its namespace). */
        rowKey(key: string, ns: Namespace): string;
        /** Writes rows in one MULTI/EXEC transaction. */
        batch(rows: Row[]): Promise<void>;
      };
      sqlite?: SqliteFile;
    } = {},
  ) {}

  ns(name: Namespace): Keyv {
    let kv = this.spaces.get(name);
    if (!kv) {
      const adapter = this.makeAdapter();
      kv = new Keyv({ store: adapter as never, namespace: name, useKeyPrefix: true, throwOnErrors: true });
      kv.on('error', () => undefined); // errors surface as StoreError to the caller
      this.guard(kv, name);
      this.spaces.set(name, kv);
    }
    return kv;
  }

  /** Unreadable rows come back as Unreadable; a failed or refused operation throws StoreError. */
  private guard(kv: Keyv, name: Namespace) {
    const parse = kv.deserialize!;
    kv.deserialize = (async (text: string) => {
      try {
        const data = plainJson(text) ? JSON.parse(text) : await parse(text);
        if (data && typeof data === 'object' && 'value' in data) return data;
      } catch {
        /* not JSON */
      }
      return { value: new Unreadable(String(text)) };
    }) as Deserialize;
    const [get, set, del, iterator] = [kv.get.bind(kv), kv.set.bind(kv), kv.delete.bind(kv), kv.iterator];
    kv.get = (async (key: string) => {
      try {
        return await get(key);
      } catch (err) {
        throw this.failed('read', name, key, err);
      }
    }) as Keyv['get'];
    kv.set = async (key, value, ttl) => {
      let ok: boolean;
      try {
        ok = await set(key, value, ttl);
      } catch (err) {
        throw this.failed('write', name, key, err);
      }
      if (!ok) throw this.failed('write', name, key, 'the store refused the write');
      this.succeeded();
      return true;
    };
    kv.delete = async (key) => {
      try {
        const found = await del(key);
        this.succeeded();
        return found;
      } catch (err) {
        throw this.failed('write', name, String(key), err);
      }
    };
    if (iterator) {
      const failed = (err: unknown) => this.failed('read', name, '*', err);
      kv.iterator = async function* (ns: unknown) {
        try {
          yield* iterator(ns);
        } catch (err) {
          throw failed(err);
        }
      };
    }
  }

  private failed(op: StoreError['op'], namespace: string, key: string, cause: unknown): StoreError {
    const err = cause instanceof StoreError ? cause : new StoreError(op, namespace, key, cause);
    if (!this.failure) log.error('the store is failing: requests are answered "not saved" and /healthz is unhealthy until writes succeed again');
    this.failure = err.message;
    log.error(`store ${op} failed`, { namespace, key: shownKey(namespace, key), error: err.message });
    return err;
  }

  private succeeded() {
    if (!this.failure) return;
    this.failure = undefined;
    log.warn('the store accepts writes again');
  }

  async batch(writes: Write[]): Promise<void> {
    const { sqlite, redis } = this.opts;
    if (!sqlite && !redis) {
      for (const w of writes) await (w.value === undefined ? this.ns(w.ns).delete(w.key) : this.ns(w.ns).set(w.key, w.value, w.ttlMs));
      return;
    }
    const rows = await Promise.all(writes.map((w) => this.row(w)));
    try {
      if (redis) await redis.batch(rows);
      else await sqlite!.write(rows);
    } catch (err) {
      throw this.failed('write', writes[0]?.ns ?? 'batch', writes[0]?.key ?? '', err);
    }
    this.succeeded();
  }

  /** A write as the backend keeps it: keyv's prefixed key and JSON envelope with the expiry. */
  private async row(w: Write): Promise<Row> {
    const kv = this.ns(w.ns);
    const value = w.value === undefined ? undefined : await kv.serializeData({ value: w.value, expires: w.ttlMs ? Date.now() + w.ttlMs : undefined });
    const key = kv._getKeyPrefix(w.key);
    return { key: this.opts.redis ? this.opts.redis.rowKey(key, w.ns) : key, value: value as string | undefined, ttlMs: w.ttlMs };
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const { redis, sqlite } = this.opts;
    if (redis) return redis.claim(key, ttlMs).catch((err) => Promise.reject(this.failed('write', 'claims', key, err)));
    if (sqlite) {
      const row = await this.row({ ns: 'claims', key, value: { at: Date.now() }, ttlMs });
      let won: boolean;
      try {
        won = await sqlite.claim(row.key, row.value!, Date.now());
      } catch (err) {
        throw this.failed('write', 'claims', key, err);
      }
      this.succeeded();
      return won;
    }
    return this.mutex.run(key, async () => {
      const claims = this.ns('claims');
      if (await claims.get(key)) return false;
      await claims.set(key, { at: Date.now() }, ttlMs);
      return true;
    });
  }

  async release(key: string): Promise<void> {
    if (this.opts.redis) await this.opts.redis.release(key).catch((err) => Promise.reject(this.failed('write', 'claims', key, err)));
    else await this.ns('claims').delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    if (this.opts.redis) return this.opts.redis.increment(key, ttlMs).catch((err) => Promise.reject(this.failed('write', 'claims', key, err)));
    return this.mutex.run(`count:${key}`, async () => {
      const counts = this.ns('claims');
      const n = (Number((await counts.get(`count:${key}`))?.n) || 0) + 1;
      await counts.set(`count:${key}`, { n }, ttlMs);
      return n;
    });
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const redis = this.opts.redis;
    return this.mutex.run(`lock:${key}`, async () => {
      if (!redis) return fn(); // one process: the mutex is the lock
      const until = Date.now() + LOCK_WAIT_MS;
      while (!(await redis.claim(`lock:${key}`, LOCK_TTL_MS))) {
        if (Date.now() > until) throw new Error(`lock "${key}" is busy`);
        await new Promise((r) => setTimeout(r, 25));
      }
      try {
        return await fn();
      } finally {
        await redis.release(`lock:${key}`).catch(() => undefined);
      }
    });
  }

  async sweep(now = Date.now()): Promise<number> {
    const sqlite = this.opts.sqlite;
    if (!sqlite) return 0;
    try {
      return await sqlite.sweep(now);
    } catch (err) {
      throw this.failed('write', 'sweep', '*', err);
    }
  }

  async healthy(): Promise<boolean> {
    if (this.failure) await this.ns('meta').set('healthz', { at: new Date().toISOString() }, 60_000).catch(() => undefined);
    return !this.failure;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.spaces.values()].map((kv) => kv.disconnect()));
    await this.opts.onClose?.();
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
    // Opened here, so a bad path fails at start-up, not on the first message.
    const sqlite = new SqliteFile(path);
    return new KeyvStore('sqlite', () => new SqliteAdapter(sqlite), { sqlite, onClose: async () => sqlite.close() });
  }
  const client = createClient({ url, socket: { reconnectStrategy: (n: number) => (n > 5 ? new Error('redis unreachable') : 200 * n) } });
  client.on('error', () => undefined);
  // Each namespace's adapter listens for the shared client's errors.
  client.setMaxListeners(NAMESPACES.length + 10);
  await client.connect();
  const rowKeys = new KeyvRedis(client as never);
  return new KeyvStore('redis', () => new KeyvRedis(client as never), {
    onClose: async () => {
      await client.quit().catch(() => undefined);
    },
    redis: {
      claim: async (key, ttlMs) => (await client.set(`claim:${key}`, '1', { NX: true, PX: ttlMs })) === 'OK',
      release: async (key) => {
        await client.del(`claim:${key}`);
      },
      increment: async (key, ttlMs) => {
        const [n] = await client.multi().incr(`count:${key}`).pExpire(`count:${key}`, ttlMs).exec();
        return Number(n);
      },
      rowKey: (key, ns) => rowKeys.createKeyPrefix(key, ns),
      batch: async (rows) => {
        const multi = client.multi();
        for (const r of rows) {
          if (r.value === undefined) multi.del(r.key);
          else if (r.ttlMs) multi.set(r.key, r.value, { PX: r.ttlMs });
          else multi.set(r.key, r.value);
        }
        await multi.exec();
      },
    },
  });
}
