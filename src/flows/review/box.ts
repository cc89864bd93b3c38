import { createClient } from '@keyv/redis';
import sqlite3 from 'sqlite3';
import type { Store } from '../../bot/store.js';
import { Mutex } from '../../bot/store.js';

/**
 * The ballot box: the one place where votes are counted. Its only records are, per ballot, a
 * closing flag and time, the set of units that have voted, and one yes/no counter per candidate.
 * Casting is ONE atomic step of the database — "unit U has voted" is inserted only if absent, and
 * in the same transaction the candidates' counters move — so two devices (or two processes on
 * one SQLite file, or two replicas on Redis) casting for one unit count once, a cast racing the
 * closing is either counted or refused, and nothing links a unit to its choices: there are no
 * per-vote rows, and the set of voters is kept in unit order (SQLite WITHOUT ROWID primary key,
 * a Redis set), not in the order the votes came.
 */
export type CastResult = 'counted' | 'already' | 'closed' | 'unknown' | 'invalid';
export type Choice = 'yes' | 'no';

export interface Tally {
  closed: boolean;
  closesAt: number;
  voted: number;
  counts: Record<string, { yes: number; no: number }>;
}

export interface BallotBox {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Creates the ballot with its candidates and closing time; false when it already exists. */
  open(ballot: string, candidates: string[], closesAt: number): Promise<boolean>;
  /**
   * Casts one unit's ballot: a choice for every candidate, exactly. `now` is checked against the
   * closing time inside the same atomic step.
   */
  cast(ballot: string, unit: string, choices: Record<string, Choice>, now: number): Promise<CastResult>;
  /** Closes the ballot; `closedNow` for exactly one caller. No cast is counted after it. */
  close(ballot: string): Promise<{ closedNow: boolean; tally?: Tally }>;
  /** The units that have voted, in unit order. */
  voters(ballot: string): Promise<string[]>;
  tally(ballot: string): Promise<Tally | undefined>;
  dispose(): Promise<void>;
}

function checkChoices(candidates: string[], choices: Record<string, Choice>): boolean {
  const keys = Object.keys(choices);
  return keys.length === candidates.length && candidates.every((c) => choices[c] === 'yes' || choices[c] === 'no');
}

// ───────────────────────────── memory (tests) ─────────────────────────────

class MemoryBox implements BallotBox {
  readonly kind = 'memory' as const;
  private ballots = new Map<string, { closed: boolean; closesAt: number; voted: Set<string>; counts: Map<string, { yes: number; no: number }> }>();

  async open(ballot: string, candidates: string[], closesAt: number) {
    if (this.ballots.has(ballot)) return false;
    this.ballots.set(ballot, { closed: false, closesAt, voted: new Set(), counts: new Map(candidates.map((c) => [c, { yes: 0, no: 0 }])) });
    return true;
  }
  async cast(ballot: string, unit: string, choices: Record<string, Choice>, now: number): Promise<CastResult> {
    const b = this.ballots.get(ballot);
    if (!b) return 'unknown';
    if (b.closed || now >= b.closesAt) return 'closed';
    if (!checkChoices([...b.counts.keys()], choices)) return 'invalid';
    if (b.voted.has(unit)) return 'already';
    b.voted.add(unit);
    for (const [c, v] of Object.entries(choices)) b.counts.get(c)![v]++;
    return 'counted';
  }
  async close(ballot: string) {
    const b = this.ballots.get(ballot);
    if (!b) return { closedNow: false };
    const closedNow = !b.closed;
    b.closed = true;
    return { closedNow, tally: await this.tally(ballot) };
  }
  async voters(ballot: string) {
    return [...(this.ballots.get(ballot)?.voted ?? [])].sort();
  }
  async tally(ballot: string): Promise<Tally | undefined> {
    const b = this.ballots.get(ballot);
    if (!b) return undefined;
    return { closed: b.closed, closesAt: b.closesAt, voted: b.voted.size, counts: Object.fromEntries([...b.counts].map(([c, v]) => [c, { ...v }])) };
  }
  async dispose() {}
}

// ───────────────────────────── SQLite (one file, several processes) ─────────────────────────────

const SQLITE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS review_ballot (ballot TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0, closes_at INTEGER NOT NULL) WITHOUT ROWID`,
  // Who has voted — keyed (and stored in order) by unit, with no time and no rowid.
  `CREATE TABLE IF NOT EXISTS review_voted (ballot TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (ballot, unit)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS review_count (ballot TEXT NOT NULL, candidate TEXT NOT NULL, yes INTEGER NOT NULL DEFAULT 0, no INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (ballot, candidate)) WITHOUT ROWID`,
];

/** How long after a cast the write-ahead log is checkpointed and truncated. */
const TRUNCATE_AFTER_MS = 200;
/** A busy database (another process in a long transaction past the busy timeout) is retried this often. */
const BUSY_RETRIES = 5;

class SqliteBox implements BallotBox {
  readonly kind = 'sqlite' as const;
  private db: Promise<sqlite3.Database>;
  /** One connection: its transactions run one at a time in this process; the database orders processes. */
  private mutex = new Mutex();

  constructor(path: string) {
    this.db = new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(db)));
    }).then(async (db) => {
      db.configure('busyTimeout', 10_000);
      await this.exec(db, 'PRAGMA journal_mode=WAL');
      // A ballot acknowledged to the voter is on disk: a process kill (or a power cut) loses none.
      await this.exec(db, 'PRAGMA synchronous=FULL');
      for (const sql of SQLITE_SCHEMA) await this.exec(db, sql);
      return db;
    });
    this.db.catch(() => undefined);
  }

  private exec(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    return new Promise((resolve, reject) =>
      db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes });
      }),
    );
  }

  private all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT (rolled back on a throw or when it returns rollback: true). */
  private tx<T>(fn: (db: sqlite3.Database) => Promise<{ value: T; rollback?: boolean }>): Promise<T> {
    return this.mutex.run('tx', async () => {
      const db = await this.db;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.exec(db, 'BEGIN IMMEDIATE');
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_BUSY' && attempt < BUSY_RETRIES) continue;
          throw err;
        }
        break;
      }
      try {
        const r = await fn(db);
        await this.exec(db, r.rollback ? 'ROLLBACK' : 'COMMIT');
        return r.value;
      } catch (err) {
        await this.exec(db, 'ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /**
   * After a cast, the write-ahead log still holds the pages of that one transaction (which unit
   * voted next to which counters moved). A checkpoint that truncates the log removes them when no
   * reader holds an older snapshot; when one does, they stay until a later checkpoint succeeds.
   */
  private async truncateLog(): Promise<void> {
    const db = await this.db;
    await this.all(db, 'PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
  }

  /** A checkpoint costs a sync of the database file: done once a burst of casts has passed (TRUNCATE_AFTER_MS). */
  private truncTimer?: NodeJS.Timeout;
  private scheduleTruncate(): void {
    if (this.truncTimer) return;
    this.truncTimer = setTimeout(() => {
      this.truncTimer = undefined;
      void this.mutex.run('tx', () => this.truncateLog());
    }, TRUNCATE_AFTER_MS);
    this.truncTimer.unref();
  }

  async open(ballot: string, candidates: string[], closesAt: number) {
    return this.tx(async (db) => {
      const { changes } = await this.exec(db, 'INSERT INTO review_ballot (ballot, closed, closes_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING', [ballot, closesAt]);
      if (!changes) return { value: false, rollback: true };
      for (const c of candidates) await this.exec(db, 'INSERT INTO review_count (ballot, candidate) VALUES (?, ?)', [ballot, c]);
      return { value: true };
    });
  }

  async cast(ballot: string, unit: string, choices: Record<string, Choice>, now: number): Promise<CastResult> {
    const result = await this.tx<CastResult>(async (db) => {
      const [b] = await this.all<{ closed: number; closes_at: number }>(db, 'SELECT closed, closes_at FROM review_ballot WHERE ballot = ?', [ballot]);
      if (!b) return { value: 'unknown', rollback: true };
      if (b.closed || now >= b.closes_at) return { value: 'closed', rollback: true };
      const candidates = (await this.all<{ candidate: string }>(db, 'SELECT candidate FROM review_count WHERE ballot = ?', [ballot])).map((r) => r.candidate);
      if (!checkChoices(candidates, choices)) return { value: 'invalid', rollback: true };
      const { changes } = await this.exec(db, 'INSERT INTO review_voted (ballot, unit) VALUES (?, ?) ON CONFLICT DO NOTHING', [ballot, unit]);
      if (!changes) return { value: 'already', rollback: true };
      for (const [c, v] of Object.entries(choices))
        await this.exec(db, `UPDATE review_count SET ${v === 'yes' ? 'yes = yes + 1' : 'no = no + 1'} WHERE ballot = ? AND candidate = ?`, [ballot, c]);
      return { value: 'counted' };
    });
    if (result === 'counted') this.scheduleTruncate();
    return result;
  }

  async close(ballot: string) {
    return this.tx(async (db) => {
      const { changes } = await this.exec(db, 'UPDATE review_ballot SET closed = 1 WHERE ballot = ? AND closed = 0', [ballot]);
      return { value: { closedNow: changes > 0, tally: await this.read(db, ballot) } };
    });
  }

  private async read(db: sqlite3.Database, ballot: string): Promise<Tally | undefined> {
    const [b] = await this.all<{ closed: number; closes_at: number }>(db, 'SELECT closed, closes_at FROM review_ballot WHERE ballot = ?', [ballot]);
    if (!b) return undefined;
    const [{ n }] = await this.all<{ n: number }>(db, 'SELECT count(*) AS n FROM review_voted WHERE ballot = ?', [ballot]);
    const rows = await this.all<{ candidate: string; yes: number; no: number }>(db, 'SELECT candidate, yes, no FROM review_count WHERE ballot = ?', [ballot]);
    return { closed: !!b.closed, closesAt: b.closes_at, voted: n, counts: Object.fromEntries(rows.map((r) => [r.candidate, { yes: r.yes, no: r.no }])) };
  }

  async voters(ballot: string) {
    const db = await this.db;
    return (await this.all<{ unit: string }>(db, 'SELECT unit FROM review_voted WHERE ballot = ? ORDER BY unit', [ballot])).map((r) => r.unit);
  }

  async tally(ballot: string) {
    return this.tx(async (db) => ({ value: await this.read(db, ballot), rollback: true }));
  }

  async dispose() {
    const db = await this.db.catch(() => undefined);
    if (!db) return;
    if (this.truncTimer) {
      clearTimeout(this.truncTimer);
      this.truncTimer = undefined;
      await this.mutex.run('tx', () => this.truncateLog());
    }
    await this.mutex.run('tx', () => new Promise<void>((r) => db.close(() => r())));
  }
}

// ───────────────────────────── Redis (replicas) ─────────────────────────────

/** KEYS: meta hash, voters set, counts hash. ARGV: unit, now, then "candidate|yes" / "candidate|no" … */
const CAST_LUA = `
local closed = redis.call('HGET', KEYS[1], 'closed')
if not closed then return 'unknown' end
if closed == '1' or tonumber(ARGV[2]) >= tonumber(redis.call('HGET', KEYS[1], 'closesAt')) then return 'closed' end
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if #ARGV - 2 ~= n then return 'invalid' end
for i = 3, #ARGV do
  local c = string.match(ARGV[i], '^(.*)|')
  if redis.call('HEXISTS', KEYS[3], c .. '|yes') == 0 then return 'invalid' end
end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 'already' end
for i = 3, #ARGV do redis.call('HINCRBY', KEYS[3], ARGV[i], 1) end
return 'counted'
`;
const OPEN_LUA = `
if redis.call('HSETNX', KEYS[1], 'closed', '0') == 0 then return 0 end
redis.call('HSET', KEYS[1], 'closesAt', ARGV[1], 'n', #ARGV - 1)
for i = 2, #ARGV do redis.call('HSET', KEYS[3], ARGV[i] .. '|yes', 0, ARGV[i] .. '|no', 0) end
return 1
`;
const CLOSE_LUA = `
if not redis.call('HGET', KEYS[1], 'closed') then return -1 end
if redis.call('HGET', KEYS[1], 'closed') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'closed', '1')
return 1
`;

class RedisBox implements BallotBox {
  readonly kind = 'redis' as const;
  private client: ReturnType<typeof createClient>;
  private ready: Promise<unknown>;
  constructor(url: string) {
    this.client = createClient({ url, socket: { reconnectStrategy: (n: number) => (n > 5 ? new Error('redis unreachable') : 200 * n) } });
    this.client.on('error', () => undefined);
    this.ready = this.client.connect();
  }
  /** One hash slot per ballot ({…}), so the three keys may live on one Redis Cluster node. */
  private keys(ballot: string) {
    const k = `review:{${ballot}}`;
    return [`${k}:meta`, `${k}:voted`, `${k}:count`];
  }
  private async eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    await this.ready;
    return this.client.eval(script, { keys, arguments: args });
  }
  async open(ballot: string, candidates: string[], closesAt: number) {
    return (await this.eval(OPEN_LUA, this.keys(ballot), [String(closesAt), ...candidates])) === 1;
  }
  async cast(ballot: string, unit: string, choices: Record<string, Choice>, now: number) {
    const args = [unit, String(now), ...Object.entries(choices).map(([c, v]) => `${c}|${v}`)];
    return (await this.eval(CAST_LUA, this.keys(ballot), args)) as CastResult;
  }
  async close(ballot: string) {
    const r = await this.eval(CLOSE_LUA, this.keys(ballot), []);
    return { closedNow: r === 1, tally: await this.tally(ballot) };
  }
  async voters(ballot: string) {
    await this.ready;
    return (await this.client.sMembers(this.keys(ballot)[1])).sort();
  }
  async tally(ballot: string): Promise<Tally | undefined> {
    await this.ready;
    const [meta, voted, count] = this.keys(ballot);
    const [m, n, c] = (await this.client.multi().hGetAll(meta).sCard(voted).hGetAll(count).exec()) as unknown as [Record<string, string>, number, Record<string, string>];
    if (!m || m.closed === undefined) return undefined;
    const counts: Tally['counts'] = {};
    for (const [field, v] of Object.entries(c ?? {})) {
      const i = field.lastIndexOf('|');
      const cand = field.slice(0, i);
      counts[cand] ??= { yes: 0, no: 0 };
      counts[cand][field.slice(i + 1) as Choice] = Number(v);
    }
    return { closed: m.closed === '1', closesAt: Number(m.closesAt), voted: Number(n), counts };
  }
  async dispose() {
    await this.ready.catch(() => undefined);
    await this.client.quit().catch(() => undefined);
  }
}

// ───────────────────────────── one box per store ─────────────────────────────

const boxes = new WeakMap<Store, BallotBox>();

/** The ballot box on the same backend (and, for SQLite and Redis, the same database) as the store. */
export function ballotBoxFor(store: Store, storeUrl: string): BallotBox {
  let box = boxes.get(store);
  if (!box) {
    if (store.kind === 'memory') box = new MemoryBox();
    else if (store.kind === 'sqlite') box = new SqliteBox(storeUrl.slice('sqlite://'.length));
    else box = new RedisBox(storeUrl);
    boxes.set(store, box);
  }
  return box;
}

/** Closes the box's own connection (the store's are closed by the store). */
export async function disposeBallotBox(store: Store): Promise<void> {
  const box = boxes.get(store);
  boxes.delete(store);
  await box?.dispose();
}

/** A box on a database URL, outside any store (the benchmark, the cross-process tests). */
export function openBallotBox(url: string): BallotBox {
  if (url.startsWith('memory:')) return new MemoryBox();
  if (url.startsWith('sqlite://')) return new SqliteBox(url.slice('sqlite://'.length));
  return new RedisBox(url);
}
