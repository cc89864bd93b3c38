import type { Config } from './config.js';
import type { Host } from './bot/host.js';
import type { Services } from './bot/context.js';
import { LIMITS, Outbox } from './bot/outbox.js';
import { RedisQueue } from './bot/queue-redis.js';
import { metrics } from './bot/metrics.js';
import { Runtime } from './bot/runtime.js';
import { createServices } from './bot/services.js';
import { openStore, type Store } from './bot/store.js';
import type { Units } from './domain/units.js';
import { startUpkeep } from './bot/upkeep.js';
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
  // Redis: sends and scheduled runs go through BullMQ queues on the same Redis (shared by the replicas).
  const queues = !opts.outbox && store.kind === 'redis' ? await RedisQueue.open(config.STORE_URL) : undefined;
  const outbox = opts.outbox ?? new Outbox(LIMITS, queues);
  const services = createServices({ config, store, units: opts.units, outbox, now: opts.now });
  metrics.gauge('thidua_store_healthy', async () => Number(await store.healthy()));
  metrics.gauge('thidua_queue_healthy', async () => Number(await outbox.healthy()));
  metrics.gauge('thidua_queue_depth', () => outbox.depth());
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
    outbox,
    now: services.now,
    async startBackground() {
      stoppers.push(startUpkeep(services));
      for (const m of modules) if (m.start) stoppers.push(await m.start());
    },
    async close() {
      for (const stop of stoppers.splice(0)) await stop().catch(() => undefined);
      await services.background.idle();
      await outbox.close();
      await queues?.close();
      await disposeBallotBox(store);
      await store.close();
    },
  };
}
