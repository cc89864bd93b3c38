import { createClient } from '@keyv/redis';
import Database from 'better-sqlite3';
import { busy } from '../../bot/sqlite.js';
import type { Store } from '../../bot/store.js';

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

/**
 * Each operation is ONE SQL statement, so SQLite makes it atomic by itself and no lock is held
 * between two calls (the other processes on the file never wait on this one's logic). A cast is an insert
 * into a view whose INSTEAD OF trigger checks the ballot, marks the unit (the primary key refuses
 * a second mark) and moves the counters: the choices exist only inside that statement.
 */
const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS review_ballot (ballot TEXT PRIMARY KEY, closed INTEGER NOT NULL DEFAULT 0, closes_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_voted (ballot TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (ballot, unit)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS review_count (ballot TEXT NOT NULL, candidate TEXT NOT NULL, yes INTEGER NOT NULL DEFAULT 0, no INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (ballot, candidate)) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS review_open AS SELECT NULL AS ballot, NULL AS closes_at, NULL AS candidates WHERE 0;
CREATE TRIGGER IF NOT EXISTS review_open_insert INSTEAD OF INSERT ON review_open BEGIN
  INSERT INTO review_ballot (ballot, closed, closes_at) VALUES (NEW.ballot, 0, NEW.closes_at);
  INSERT INTO review_count (ballot, candidate) SELECT NEW.ballot, value FROM json_each(NEW.candidates);
END;
CREATE VIEW IF NOT EXISTS review_cast AS SELECT NULL AS ballot, NULL AS unit, NULL AS now, NULL AS yes, NULL AS no WHERE 0;
CREATE TRIGGER IF NOT EXISTS review_cast_insert INSTEAD OF INSERT ON review_cast BEGIN
  SELECT RAISE(ABORT, 'review:unknown') WHERE NOT EXISTS (SELECT 1 FROM review_ballot WHERE ballot = NEW.ballot);
  SELECT RAISE(ABORT, 'review:closed') WHERE EXISTS (SELECT 1 FROM review_ballot WHERE ballot = NEW.ballot AND (closed <> 0 OR closes_at <= NEW.now));
  SELECT RAISE(ABORT, 'review:invalid') WHERE
    (SELECT count(*) FROM review_count WHERE ballot = NEW.ballot) <> json_array_length(NEW.yes) + json_array_length(NEW.no)
    OR (SELECT count(*) FROM review_count WHERE ballot = NEW.ballot AND candidate IN (SELECT value FROM json_each(NEW.yes) UNION SELECT value FROM json_each(NEW.no)))
       <> json_array_length(NEW.yes) + json_array_length(NEW.no);
  SELECT RAISE(ABORT, 'review:already') WHERE EXISTS (SELECT 1 FROM review_voted WHERE ballot = NEW.ballot AND unit = NEW.unit);
  INSERT INTO review_voted (ballot, unit) VALUES (NEW.ballot, NEW.unit);
  UPDATE review_count SET yes = yes + 1 WHERE ballot = NEW.ballot AND candidate IN (SELECT value FROM json_each(NEW.yes));
  UPDATE review_count SET no = no + 1 WHERE ballot = NEW.ballot AND candidate IN (SELECT value FROM json_each(NEW.no));
END;`;

/** How long after a cast the write-ahead log is checkpointed and truncated. */
const TRUNCATE_AFTER_MS = 200;

const code = (err: unknown) => String((err as { code?: unknown })?.code ?? '');

class SqliteBox implements BallotBox {
  readonly kind = 'sqlite' as const;
  /**
   * No busy timeout: a write waits for the file (another process, or the store's open group of
   * this one) with `busy`, which lets the event loop turn, instead of blocking it.
   */
  private db: Database.Database;
  private ready: Promise<void>;
  /** A second connection that only checkpoints: it gives up at once when readers are active. */
  private ckpt?: Database.Database;

  constructor(private path: string) {
    this.db = new Database(path, { timeout: 0 });
    // A ballot acknowledged to the voter is on disk: a process kill (or a power cut) loses none.
    this.db.pragma('synchronous = FULL');
    this.ready = busy(() => {
      this.db.pragma('journal_mode = WAL');
      this.db.exec(SQLITE_SCHEMA);
    });
    this.ready.catch(() => undefined);
  }

  private async run(sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    await this.ready;
    return busy(() => this.db.prepare(sql).run(...params));
  }

  /**
   * After casts, the write-ahead log still holds the pages each one changed (which unit voted next
   * to which counters moved). A checkpoint that truncates the log removes them — once a burst of
   * casts has passed, and only when no reader holds an older snapshot; else a later one does.
   */
  private truncTimer?: NodeJS.Timeout;
  private scheduleTruncate(): void {
    if (this.truncTimer) return;
    this.truncTimer = setTimeout(() => {
      this.truncTimer = undefined;
      this.truncateLog();
    }, TRUNCATE_AFTER_MS);
    this.truncTimer.unref();
  }
  private truncateLog(): void {
    try {
      this.ckpt ??= new Database(this.path, { timeout: 0 });
      this.ckpt.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* busy: the next cast schedules another */
    }
  }

  async open(ballot: string, candidates: string[], closesAt: number) {
    try {
      await this.run('INSERT INTO review_open (ballot, closes_at, candidates) VALUES (?, ?, ?)', [ballot, closesAt, JSON.stringify(candidates)]);
      return true;
    } catch (err) {
      if (code(err).startsWith('SQLITE_CONSTRAINT')) return false;
      throw err;
    }
  }

  async cast(ballot: string, unit: string, choices: Record<string, Choice>, now: number): Promise<CastResult> {
    const yes = Object.keys(choices).filter((c) => choices[c] === 'yes');
    const no = Object.keys(choices).filter((c) => choices[c] === 'no');
    if (yes.length + no.length !== Object.keys(choices).length) return 'invalid';
    try {
      await this.run('INSERT INTO review_cast (ballot, unit, now, yes, no) VALUES (?, ?, ?, ?, ?)', [ballot, unit, now, JSON.stringify(yes), JSON.stringify(no)]);
    } catch (err) {
      const m = /review:(unknown|closed|invalid|already)/.exec((err as Error).message ?? '');
      if (m) return m[1] as CastResult;
      if (code(err).startsWith('SQLITE_CONSTRAINT')) return 'already'; // two marks racing: the primary key keeps one
      throw err;
    }
    this.scheduleTruncate();
    return 'counted';
  }

  async close(ballot: string) {
    const { changes } = await this.run('UPDATE review_ballot SET closed = 1 WHERE ballot = ? AND closed = 0', [ballot]);
    return { closedNow: changes > 0, tally: await this.tally(ballot) };
  }

  async voters(ballot: string) {
    await this.ready;
    return this.db
      .prepare<[string], { unit: string }>('SELECT unit FROM review_voted WHERE ballot = ? ORDER BY unit')
      .all(ballot)
      .map((r) => r.unit);
  }

  /** One statement, so one snapshot: the number of voters and the counters always agree. */
  async tally(ballot: string): Promise<Tally | undefined> {
    await this.ready;
    const row = this.db
      .prepare<[string], { closed: number; closes_at: number; n: number; counts: string }>(
        `SELECT b.closed, b.closes_at,
                (SELECT count(*) FROM review_voted v WHERE v.ballot = b.ballot) AS n,
                (SELECT json_group_array(json_array(c.candidate, c.yes, c.no)) FROM review_count c WHERE c.ballot = b.ballot) AS counts
         FROM review_ballot b WHERE b.ballot = ?`,
      )
      .get(ballot);
    if (!row) return undefined;
    const counts = Object.fromEntries((JSON.parse(row.counts) as [string, number, number][]).map(([c, yes, no]) => [c, { yes, no }]));
    return { closed: !!row.closed, closesAt: row.closes_at, voted: row.n, counts };
  }

  async dispose() {
    await this.ready.catch(() => undefined);
    if (this.truncTimer) {
      clearTimeout(this.truncTimer);
      this.truncTimer = undefined;
      this.truncateLog();
    }
    if (this.ckpt?.open) this.ckpt.close();
    if (this.db.open) this.db.close();
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
