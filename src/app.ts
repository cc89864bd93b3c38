import type { Config } from './config.js';
import type { Host } from './core/host.js';
import type { Services } from './core/context.js';
import { Outbox } from './core/outbox.js';
import { Runtime } from './core/runtime.js';
import { createServices } from './core/services.js';
import { openStore, type Store } from './core/store.js';
import type { Units } from './domain/units.js';
import { startUpkeep } from './core/upkeep.js';
import { buildModules, knowledgeFor } from './flows/index.js';
import type { Knowledge } from './knowledge/index.js';
import { disposeBallotBox } from './flows/review/box.js';

/** The assembled process: a Host for the adapters, plus the services for operators and tests. */
export interface App extends Host {
  config: Config;
  store: Store;
  services: Services;
  runtime: Runtime;
  /** The knowledge base the modules answer from (the web dashboard reads it too). */
  knowledge: Knowledge;
  /** Starts background work (upkeep, the reminder scheduler); returns nothing, `close` stops it. */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/** config → store → services → modules → runtime. Adapters are attached by the caller. */
export async function createApp(config: Config, opts: { now?: () => Date; outbox?: Outbox; units?: Units; store?: Store; knowledge?: Knowledge } = {}): Promise<App> {
  const store = opts.store ?? (await openStore(config.STORE_URL));
  const services = createServices({ config, store, units: opts.units, outbox: opts.outbox, now: opts.now });
  const knowledge = opts.knowledge ?? (await knowledgeFor(services));
  const modules = await buildModules(services, knowledge);
  const runtime = new Runtime(services, modules);
  const stoppers: (() => Promise<void>)[] = [];
  return {
    config,
    store,
    services,
    runtime,
    knowledge,
    outbox: services.outbox,
    now: services.now,
    async startBackground() {
      stoppers.push(startUpkeep(services));
      for (const m of modules) if (m.start) stoppers.push(await m.start());
    },
    async close() {
      for (const stop of stoppers.splice(0)) await stop().catch(() => undefined);
      await services.background.idle();
      await disposeBallotBox(store);
      await store.close();
    },
  };
}
