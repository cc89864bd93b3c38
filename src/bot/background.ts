import { logger } from '../log.js';

const log = logger('background');

/**
 * Work a handler starts and does not wait for (an announcement's sends): tracked so that closing
 * the process, or anyone who must know it has finished, can wait for it.
 */
export class Background {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const p = work.catch((err) => log.error('background work failed', { error: err })).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves once nothing tracked is running (work started meanwhile included). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
