import { logger } from '../log.js';
import type { Store } from './store.js';

const log = logger('turns');

/** A conversation's counters are forgotten after this long without an input. */
const TTL_MS = 24 * 3600_000;
/** A turn that makes no progress this long belongs to a process that died (or a request that failed before its 200): it is skipped. */
export const TURN_STALE_MS = 15_000;
/** How often a waiting input looks whether its turn came. */
const POLL_MS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Turns of a conversation across processes (several replicas on one Redis behind a load balancer):
 * an input takes a ticket when it is accepted (before the platform gets its 200), and is handled
 * when every earlier ticket of its conversation is done — in the order accepted, one at a time,
 * whichever replica received it. A ticket whose holder died is skipped after TURN_STALE_MS (its
 * input stays in the inbox and is replayed by the sweep).
 */
export class Turns {
  constructor(private store: Store) {}

  /** The ticket of a new input of `conv`. */
  take(conv: string): Promise<number> {
    return this.store.increment(`turn:${conv}`, TTL_MS);
  }

  private async doneUpTo(conv: string): Promise<number> {
    const v = (await this.store.ns('meta').get(`turn-done:${conv}`)) as { n?: number } | undefined;
    return Number(v?.n) || 0;
  }

  private async markDone(conv: string, ticket: number): Promise<void> {
    // Only the holder of the turn writes; a late writer after a skip cannot move it back.
    if ((await this.doneUpTo(conv)) < ticket) await this.store.ns('meta').set(`turn-done:${conv}`, { n: ticket }, TTL_MS);
  }

  /** Runs `fn` in the turn `ticket` of `conv`, then hands the turn on (also when `fn` throws). */
  async run<T>(conv: string, ticket: number, fn: () => Promise<T>): Promise<T> {
    let seen = -1;
    let since = Date.now();
    for (;;) {
      const done = await this.doneUpTo(conv);
      if (done >= ticket - 1) break;
      if (done !== seen) {
        seen = done;
        since = Date.now();
      } else if (Date.now() - since > TURN_STALE_MS) {
        log.warn('a turn made no progress: skipped (its holder stopped)', { conv, skipped: `${done + 1}..${ticket - 1}` });
        break;
      }
      await sleep(POLL_MS);
    }
    try {
      return await fn();
    } finally {
      await this.markDone(conv, ticket).catch((err) => log.error('could not hand the turn on', { conv, ticket, error: err }));
    }
  }
}
