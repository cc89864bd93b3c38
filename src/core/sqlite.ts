import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';

/**
 * The bot's SQLite file, opened with better-sqlite3: a statement runs synchronously on the main
 * thread in microseconds, prepared once, instead of a round trip through libuv's worker threads
 * per query. The rows are keyv's (`keyv(key, value)`, the same table @keyv/sqlite used, so files
 * written by earlier versions open unchanged). WAL lets other processes (the CLI) read beside the
 * bot; synchronous=NORMAL keeps every commit across a process kill.
 */
export class SqliteFile {
  readonly db: Database.Database;
  private readonly q;
  private readonly writeAll: (rows: { key: string; value?: string }[]) => void;

  constructor(path: string, opts: { busyMs?: number } = {}) {
    this.db = new Database(path, { timeout: opts.busyMs ?? 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
    const db = this.db;
    this.q = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM keyv WHERE key = ?'),
      set: db.prepare<[string, string]>('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      del: db.prepare<[string]>('DELETE FROM keyv WHERE key = ?'),
      // Keys of one namespace in order, from after `after` (keyset paging: each page is an index seek).
      page: db.prepare<[string, string, string, number], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key > ? AND key >= ? AND key < ? ORDER BY key LIMIT ?'),
      clear: db.prepare<[string, string]>('DELETE FROM keyv WHERE key >= ? AND key < ?'),
      sweep: db.prepare<[number]>("DELETE FROM keyv WHERE json_valid(value) AND json_extract(value, '$.expires') < ?"),
      // Inserts the row unless a live one is there (an expired or unreadable-as-expired row is replaced).
      claim: db.prepare<[string, string, number]>(
        "INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE json_valid(keyv.value) AND json_extract(keyv.value, '$.expires') < ?",
      ),
    };
    this.writeAll = db.transaction((rows: { key: string; value?: string }[]) => {
      for (const r of rows) if (r.value === undefined) this.delete(r.key);
      else this.set(r.key, r.value);
    });
  }

  get(key: string): string | undefined {
    return this.q.get.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.q.set.run(key, value);
  }

  /** True when a row was deleted. */
  delete(key: string): boolean {
    return this.q.del.run(key).changes > 0;
  }

  /** Up to `limit` rows whose key starts with `prefix`, in key order, after the key `after`. */
  page(prefix: string, after: string, limit: number): { key: string; value: string }[] {
    return this.q.page.all(after, prefix, upperBound(prefix), limit);
  }

  clear(prefix: string): void {
    this.q.clear.run(prefix, upperBound(prefix));
  }

  /** Writes rows (undefined value: delete) all or nothing. */
  write(rows: { key: string; value?: string }[]): void {
    this.writeAll(rows);
  }

  /** Writes the row unless a live (unexpired) one exists: true when written. One statement, atomic across processes. */
  claim(key: string, value: string, now: number): boolean {
    return this.q.claim.run(key, value, now).changes > 0;
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): atomic against other processes too. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Deletes the rows expired by `now`; returns how many. */
  sweep(now: number): number {
    return this.q.sweep.run(now).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The smallest string greater than every string that starts with `prefix` ("" for no prefix). */
const upperBound = (prefix: string) => (prefix ? prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) : '\uffff');

/** Rows read per page while iterating a namespace. */
const PAGE = 1000;

/**
 * keyv's storage adapter over one SqliteFile (one per namespace: keyv sets `namespace` on it; all
 * share the file). Its methods are async only because keyv's interface is.
 */
export class SqliteAdapter extends EventEmitter {
  readonly ttlSupport = false;
  /** `dialect: 'sqlite'` tells keyv the adapter can iterate. */
  readonly opts = { dialect: 'sqlite', url: 'sqlite' };
  namespace?: string;

  constructor(private readonly file: SqliteFile) {
    super();
  }

  async get(key: string) {
    return this.file.get(key);
  }
  async getMany(keys: string[]) {
    return keys.map((k) => this.file.get(k));
  }
  async set(key: string, value: string) {
    this.file.set(key, value);
  }
  async delete(key: string) {
    return this.file.delete(key);
  }
  async deleteMany(keys: string[]) {
    let any = false;
    this.file.atomically(() => keys.forEach((k) => (any = this.file.delete(k) || any)));
    return any;
  }
  async has(key: string) {
    return this.file.get(key) !== undefined;
  }
  async clear() {
    this.file.clear(this.namespace ? `${this.namespace}:` : '');
  }
  async *iterator(namespace?: string): AsyncGenerator<[string, string]> {
    const prefix = namespace ? `${namespace}:` : '';
    for (let after = ''; ; ) {
      const rows = this.file.page(prefix, after, PAGE);
      for (const r of rows) yield [r.key, r.value];
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.key;
    }
  }
  async disconnect() {
    /* the file is closed by its store */
  }
}
