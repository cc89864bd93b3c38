import type Keyv from 'keyv';
import type { ZodType } from 'zod';
import { logger } from '../log.js';
import { noteSkipped, quarantine } from './quarantine.js';
import { shownKey, Unreadable, type Namespace, type Store, type Write } from './store.js';

const log = logger('store');

/**
 * Typed access to one keyv namespace; every value read back is validated. A record that is not
 * JSON or fails its schema is quarantined (quarantine.ts) and read as absent, never thrown.
 */
export class Repo<T> {
  private kv: Keyv;
  constructor(
    private store: Store,
    readonly name: Namespace,
    private schema: ZodType<T>,
  ) {
    this.kv = store.ns(name);
  }

  private parse(raw: unknown): { ok: true; value: T } | { ok: false; detail: string } {
    if (raw instanceof Unreadable) return { ok: false, detail: 'not a JSON record' };
    const r = this.schema.safeParse(raw);
    if (r.success) return { ok: true, value: r.data };
    return { ok: false, detail: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  }

  /** Moves a corrupt record aside (unless another caller did, or it was rewritten since) and notes it as skipped. */
  private async quarantine(key: string, detail: string): Promise<void> {
    noteSkipped(this.name, key);
    try {
      await this.store.withLock(`quarantine:${this.name}:${key}`, async () => {
        const raw = await this.kv.get(key);
        if (raw === undefined || raw === null || this.parse(raw).ok) return;
        await quarantine(this.store, this.name, key, raw instanceof Unreadable ? raw.text : raw, detail);
      });
    } catch (err) {
      // Still read as absent; it is quarantined on a later read once the store accepts writes.
      log.error('corrupt record could not be quarantined', { namespace: this.name, key: shownKey(this.name, key), error: err instanceof Error ? err.message : String(err) });
    }
  }

  async get(key: string): Promise<T | undefined> {
    const raw = await this.kv.get(key);
    if (raw === undefined || raw === null) return undefined;
    const r = this.parse(raw);
    if (r.ok) return r.value;
    await this.quarantine(key, r.detail);
    return undefined;
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.kv.set(key, this.schema.parse(value), ttlMs);
  }

  /** The same set as one write of a Store.batch. */
  write(key: string, value: T, ttlMs?: number): Write {
    return { ns: this.name, key, value: this.schema.parse(value), ttlMs };
  }

  /** A delete as one write of a Store.batch. */
  remove(key: string): Write {
    return { ns: this.name, key, value: undefined };
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  /** Every valid record of the namespace (whose key starts with `prefix`); corrupt ones are quarantined and skipped. */
  async list(prefix = ''): Promise<{ key: string; value: T }[]> {
    const out: { key: string; value: T }[] = [];
    const bad: { key: string; detail: string }[] = [];
    if (!this.kv.iterator) return out;
    for await (const [k, v] of this.kv.iterator(undefined as never)) {
      const key = String(k);
      if (!key.startsWith(prefix)) continue;
      const r = this.parse(v);
      if (r.ok) out.push({ key, value: r.value });
      else bad.push({ key, detail: r.detail });
    }
    // After the walk: deleting rows during it would shift SQLite's pages and skip good ones.
    for (const b of bad) await this.quarantine(b.key, b.detail);
    return out;
  }
}
