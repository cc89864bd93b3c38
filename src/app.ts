import type { Config } from './config.js';
import type { Services } from './bot/context.js';
import { Outbox } from './bot/outbox.js';
import { Runtime } from './bot/runtime.js';
import { createServices } from './bot/services.js';
import { openStore, type Store } from './bot/store.js';
import type { Units } from './bot/units.js';
import { startUpkeep } from './bot/upkeep.js';
import { buildModules } from './flows/index.js';
import { disposeBallotBox } from './flows/review/box.js';

export interface App {
  config: Config;
  store: Store;
  services: Services;
  runtime: Runtime;
  /** Starts background work (upkeep, the reminder scheduler); returns nothing, `close` stops it. */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/** config → store → services → modules → runtime. Adapters are attached by the caller. */
export async function createApp(config: Config, opts: { now?: () => Date; outbox?: Outbox; units?: Units; store?: Store } = {}): Promise<App> {
  const store = opts.store ?? (await openStore(config.STORE_URL));
  const services = createServices({ config, store, units: opts.units, outbox: opts.outbox, now: opts.now });
  let runtime: Runtime | undefined;
  const modules = await buildModules(services, () => runtime!);
  runtime = new Runtime(services, modules);
  const stoppers: (() => Promise<void>)[] = [];
  return {
    config,
    store,
    services,
    runtime,
    async startBackground() {
      stoppers.push(startUpkeep(services));
      for (const m of modules) if (m.start) stoppers.push(await m.start());
    },
    async close() {
      for (const stop of stoppers.splice(0)) await stop().catch(() => undefined);
      await disposeBallotBox(store);
      await store.close();
    },
  };
}
