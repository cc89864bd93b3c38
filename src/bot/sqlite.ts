import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';

type Waiter = { ok: () => void; fail: (err: unknown) => void };

/**
 * The bot's SQLite file, opened with better-sqlite3: a statement runs synchronously on the main
 * thread in microseconds, prepared once, instead of a round trip through libuv's worker threads
 * per query. The rows are keyv's (`keyv(key, value)`, the same table @keyv/sqlite used, so files
 * written by earlier versions open unchanged). WAL lets other processes (the CLI) read beside the
 * bot; synchronous=NORMAL keeps every commit across a process kill.
 *
 * Group commit: the writes made during one turn of the event loop share one transaction, committed
 * at the end of that turn (a commit costs ~20× a statement). A write's promise resolves only once
 * its transaction is committed, so nothing is reported saved before it is on disk; if the commit
 * fails, every write of the group is rejected. A read on this connection sees the writes of the
 * open group (they are committed, or their writers told they were not, within the same turn).
 * While a group is open this process holds the file's write lock: another connection of the same
 * process must not wait on it synchronously (see `busy` below); and a group is opened without
 * waiting synchronously for the lock either.
 */
export class SqliteFile {
  readonly db: Database.Database;
  private readonly q;
  private readonly writeAll: (rows: { key: string; value?: string }[]) => void;
  /** The writes of the open transaction, waiting for its commit. */
  private group?: Waiter[];
  /** Waiting for the write lock (another process or connection holds it). */
  private opening?: Promise<void>;

  constructor(
    path: string,
    private readonly busyMs = 10_000,
  ) {
    this.db = new Database(path, { timeout: busyMs });
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
      // Inserts the row unless a live one is there (an expired row is replaced).
      claim: db.prepare<[string, string, number]>(
        "INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE json_valid(keyv.value) AND json_extract(keyv.value, '$.expires') < ?",
      ),
    };
    // Nested in the group's transaction, better-sqlite3 makes this a savepoint: all rows or none.
    this.writeAll = db.transaction((rows: { key: string; value?: string }[]) => {
      for (const r of rows) if (r.value === undefined) this.q.del.run(r.key);
      else this.q.set.run(r.key, r.value);
    });
  }

  /**
   * Opens a group: BEGIN IMMEDIATE without waiting (busy_timeout 0 for this statement only), so a
   * lock held by another connection of this process never blocks the event loop it needs.
   */
  private begin(): void {
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } finally {
      this.db.pragma(`busy_timeout = ${this.busyMs}`);
    }
    this.group = [];
    setImmediate(() => this.flush());
  }

  /** Runs a write in the open group (opening one); resolves with its result once committed. */
  private async inGroup<T>(write: () => T): Promise<T> {
    while (!this.group) {
      if (this.opening) {
        await this.opening;
        continue;
      }
      try {
        this.begin();
      } catch (err) {
        if (!isBusy(err)) throw err;
        this.opening = busy(() => this.begin()).finally(() => (this.opening = undefined));
      }
    }
    const group = this.group;
    let result: T;
    try {
      result = write();
    } catch (err) {
      // Most errors undo only the statement; some (a full disk, an I/O error) the whole transaction.
      if (!this.db.inTransaction) this.settle(group, err);
      throw err;
    }
    return new Promise<T>((ok, fail) => group.push({ ok: () => ok(result), fail }));
  }

  /** Commits the open group now. */
  flush(): void {
    const group = this.group;
    if (!group) return;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        /* the commit's error is the one to report */
      }
      return this.settle(group, err);
    }
    this.settle(group);
  }

  private settle(group: Waiter[], err?: unknown) {
    if (this.group === group) this.group = undefined;
    for (const w of group) err === undefined ? w.ok() : w.fail(err);
  }

  get(key: string): string | undefined {
    return this.q.get.get(key)?.value;
  }

  set(key: string, value: string): Promise<void> {
    return this.inGroup(() => void this.q.set.run(key, value));
  }

  /** True when a row was deleted. */
  delete(key: string): Promise<boolean> {
    return this.inGroup(() => this.q.del.run(key).changes > 0);
  }

  /** Writes rows (undefined value: delete) all or nothing. */
  write(rows: { key: string; value?: string }[]): Promise<void> {
    return this.inGroup(() => this.writeAll(rows));
  }

  /** Writes the row unless a live (unexpired) one exists: true when written. One statement, atomic across processes. */
  claim(key: string, value: string, now: number): Promise<boolean> {
    return this.inGroup(() => this.q.claim.run(key, value, now).changes > 0);
  }

  /** Up to `limit` rows whose key starts with `prefix`, in key order, after the key `after`. */
  page(prefix: string, after: string, limit: number): { key: string; value: string }[] {
    return this.q.page.all(after, prefix, upperBound(prefix), limit);
  }

  clear(prefix: string): Promise<void> {
    return this.inGroup(() => void this.q.clear.run(prefix, upperBound(prefix)));
  }

  /** Deletes the rows expired by `now`; returns how many. */
  sweep(now: number): Promise<number> {
    return this.inGroup(() => this.q.sweep.run(now).changes);
  }

  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}

const isBusy = (err: unknown) => String((err as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');

/** The smallest string greater than every string that starts with `prefix` ("" for no prefix). */
const upperBound = (prefix: string) => (prefix ? prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) : '\uffff');

/**
 * Runs a write on a connection with no busy timeout (`timeout: 0`), trying again, without blocking
 * the event loop, while the file is busy — held by another process, or by a group of this one,
 * which can only commit once the event loop turns — for at most `waitMs`.
 */
export async function busy<T>(write: () => T, waitMs = 10_000): Promise<T> {
  const until = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return write();
    } catch (err) {
      if (!isBusy(err) || Date.now() > until) throw err;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** Rows read per page while iterating a namespace. */
const PAGE = 1000;

/**
 * keyv's storage adapter over one SqliteFile (one per namespace: keyv sets `namespace` on it; all
 * share the file).
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
    await this.file.set(key, value);
  }
  async delete(key: string) {
    return this.file.delete(key);
  }
  async deleteMany(keys: string[]) {
    const found = keys.filter((k) => this.file.get(k) !== undefined);
    await this.file.write(keys.map((key) => ({ key })));
    return found.length > 0;
  }
  async has(key: string) {
    return this.file.get(key) !== undefined;
  }
  async clear() {
    await this.file.clear(this.namespace ? `${this.namespace}:` : '');
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
