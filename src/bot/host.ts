import type { Config } from '../config.js';
import type { Outbox } from './outbox.js';
import type { Runtime } from './runtime.js';
import type { Store } from './store.js';

/**
 * What a platform adapter gets from the process: the core to hand inputs to, the outbox to
 * register its sender with and send through, the store (update dedup, button tokens, inbox),
 * the configuration and the clock. Nothing else: no flow, no knowledge, no app.
 */
export interface Host {
  config: Config;
  runtime: Runtime;
  outbox: Outbox;
  store: Store;
  now: () => Date;
}
