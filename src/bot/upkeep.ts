import { logger } from '../log.js';
import type { Services } from './context.js';

const log = logger('upkeep');

export const SWEEP_MS = 3600_000;

/**
 * The runtime's own background chores: expired rows (update dedup, inbox, keyboards, invites)
 * are deleted at start and every hour — SQLite keeps an expired row until someone reads it.
 * Returns the stopper.
 */
export function startUpkeep(services: Services): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const sweep = () => {
    running ??= services.store
      .sweep()
      .then((n) => n && log.info('expired rows deleted', { rows: n }))
      .catch((err) => log.error('sweeping expired rows failed', { error: err }))
      .finally(() => (running = undefined));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
