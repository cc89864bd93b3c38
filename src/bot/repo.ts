import type Keyv from 'keyv';
import type { ZodType } from 'zod';
import { logger } from '../log.js';
import type { Namespace, Write } from './store.js';

const log = logger('store');

/** A stored value that fails its schema: reported, never crashes the process. */
export class CorruptRecordError extends Error {
  constructor(
    readonly namespace: string,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`corrupt record ${namespace}/${key}: ${detail}`);
  }
}

/** Typed access to one keyv namespace; every value read back is validated. */
export class Repo<T> {
  constructor(
    private kv: Keyv,
    private schema: ZodType<T>,
    readonly name: string,
  ) {}

  private check(key: string, raw: unknown): T {
    const r = this.schema.safeParse(raw);
    if (r.success) return r.data;
    const detail = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    log.error('corrupt record', { namespace: this.name, key, detail });
    throw new CorruptRecordError(this.name, key, detail);
  }

  async get(key: string): Promise<T | undefined> {
    const raw = await this.kv.get(key);
    return raw === undefined || raw === null ? undefined : this.check(key, raw);
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.kv.set(key, this.schema.parse(value), ttlMs);
  }

  /** The same set as one write of a Store.batch. */
  write(key: string, value: T, ttlMs?: number): Write {
    return { ns: this.name as Namespace, key, value: this.schema.parse(value), ttlMs };
  }

  /** A delete as one write of a Store.batch. */
  remove(key: string): Write {
    return { ns: this.name as Namespace, key, value: undefined };
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  /** Every valid record of the namespace (whose key starts with `prefix`); corrupt ones are logged and skipped. */
  async list(prefix = ''): Promise<{ key: string; value: T }[]> {
    const out: { key: string; value: T }[] = [];
    if (!this.kv.iterator) return out;
    for await (const [k, v] of this.kv.iterator(undefined as never)) {
      const key = String(k);
      if (!key.startsWith(prefix)) continue;
      try {
        out.push({ key, value: this.check(key, v) });
      } catch {
        /* reported by check() */
      }
    }
    return out;
  }
}
