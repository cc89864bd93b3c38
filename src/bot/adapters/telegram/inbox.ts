import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { collectSkipped } from '../../quarantine.js';
import { Repo } from '../../repo.js';
import type { Store } from '../../store.js';
import type { Incoming } from '../../types.js';
import { logger } from '../../../log.js';
import { chatOf, mapUpdate, type BotIdentity } from './update.js';

const log = logger('telegram');

/** Redelivered updates within this window are handled once. */
export const UPDATE_DEDUP_MS = 86400_000;
/** Of the updates one chat sent while the bot was down, at most this many (the newest) are handled. */
export const MAX_LEFTOVERS_PER_CHAT = 10;

/** Several replicas: each says it is alive this often; a row kept by a replica silent for ALIVE_MS is an orphan. */
export const HEARTBEAT_MS = 3_000;
export const ALIVE_MS = 10_000;

/** A kept update, with when and by which process it was kept (absent in rows of older versions). */
type Kept = { update_id: number; _kept?: number; _by?: string };
type Row = { key: string; value: Kept };
/** The update as Telegram sent it. */
const bare = ({ _kept, _by, ...update }: Kept) => update;
const idOf = (update: unknown) => (update as { update_id?: unknown })?.update_id;

/**
 * Webhook updates acknowledged to Telegram but not yet handled: each is kept before the 200 and
 * deleted once handled, so a crash in between loses nothing. At start-up the leftovers are
 * replayed — of one chat's flood only the newest are kept, and that chat is told once.
 */
export class Inbox {
  private readonly rows: Repo<Kept>;
  /** This process, in the rows it keeps. */
  readonly owner = randomBytes(6).toString('hex');

  constructor(
    private readonly store: Store,
    private readonly me: BotIdentity,
  ) {
    this.rows = new Repo(store, 'inbox', z.looseObject({ update_id: z.number().int(), _kept: z.number().optional(), _by: z.string().optional() }));
  }

  /** The key that makes an update handled once (see Store.claim). */
  claimKey(updateId: number): string {
    return `tg-update:${this.me.id}:${updateId}`;
  }

  /** Keeps an update before it is acknowledged. */
  async keep(update: unknown): Promise<void> {
    const id = idOf(update);
    if (typeof id === 'number') await this.rows.set(String(id), { ...(update as Kept), _kept: Date.now(), _by: this.owner }, UPDATE_DEDUP_MS * 7);
  }

  /** Tells the other replicas this process is alive (its kept updates are not orphans). */
  heartbeat(): () => void {
    const beat = () => void this.store.ns('meta').set(`alive:${this.owner}`, { at: Date.now() }, ALIVE_MS).catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    timer.unref();
    return () => {
      clearInterval(timer);
      void this.store.ns('meta').delete(`alive:${this.owner}`).catch(() => undefined);
    };
  }

  /** A row kept by a process that is no longer alive (several replicas). */
  private async orphan(row: Kept): Promise<boolean> {
    if (!row._by || row._by === this.owner) return false;
    return !(await this.store.ns('meta').get(`alive:${row._by}`));
  }

  /** How many updates are kept and not yet handled. */
  async size(): Promise<number> {
    return (await collectSkipped(() => this.rows.list())).result.length;
  }

  /** Forgets a handled update. */
  async done(update: unknown): Promise<void> {
    await this.rows.delete(String(idOf(update)));
  }

  /**
   * The leftovers of a previous run as jobs to start (in order per chat); drops the oldest of a
   * flooding chat and adds a job that tells it. A corrupt row is quarantined and counted, never a
   * reason not to start.
   */
  async leftovers(run: {
    handle(update: unknown): Promise<void>;
    flooded(chatId: string, last: Incoming, counts: { n: number; kept: number; dropped: number }): Promise<void>;
  }, opts: { orphansOnly?: boolean } = {}): Promise<(() => Promise<unknown>)[]> {
    const { result: all, skipped } = await collectSkipped(() => this.rows.list());
    if (skipped.length) log.warn('corrupt inbox rows skipped at start', { count: skipped.length, rows: skipped });
    // Several replicas: only the rows of dead ones are leftovers (the others are being handled);
    // they become this process's before their claim is released, so no other sweep takes them too.
    const rows: Row[] = [];
    for (const row of all) {
      if (opts.orphansOnly && !(await this.orphan(row.value))) continue;
      if (opts.orphansOnly) await this.rows.set(row.key, { ...row.value, _by: this.owner }, UPDATE_DEDUP_MS * 7);
      rows.push(row);
    }
    const pending = rows.sort((a, b) => a.value.update_id - b.value.update_id);
    const byChat = new Map<string, Row[]>();
    for (const row of pending) {
      const chat = chatOf(row.value) ?? `update ${row.value.update_id}`;
      if (!byChat.has(chat)) byChat.set(chat, []);
      byChat.get(chat)!.push(row);
    }
    const jobs: (() => Promise<unknown>)[] = [];
    for (const [chatId, updates] of byChat) {
      const dropped = updates.slice(0, -MAX_LEFTOVERS_PER_CHAT);
      for (const row of dropped) await this.rows.delete(row.key);
      const last = mapUpdate(bare(updates.at(-1)!.value), this.me);
      if (dropped.length && last.kind !== 'ignored') {
        log.warn('dropped updates of a flooding chat accepted before a restart', { chatId, dropped: dropped.length });
        const incoming = last.incoming;
        jobs.push(() => run.flooded(chatId, incoming, { n: updates.length, kept: MAX_LEFTOVERS_PER_CHAT, dropped: dropped.length }));
      }
      for (const { key, value } of updates.slice(dropped.length)) {
        const update = bare(value);
        await this.store.release(this.claimKey(update.update_id));
        jobs.push(() => run.handle(update).catch((err) => log.error('update failed', { error: err })).then(() => this.rows.delete(key)));
      }
    }
    if (pending.length) log.info('handling updates accepted before a restart', { updates: pending.length, replayed: jobs.length });
    return jobs;
  }
}
