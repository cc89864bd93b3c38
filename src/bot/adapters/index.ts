import type { Config } from '../../config.js';
import type { Host } from '../host.js';

/** A running platform adapter. */
export interface Adapter {
  name: string;
  stop(): Promise<void>;
}

/**
 * The platforms that run as servers, each started when its token is set. Adding a platform = one
 * folder here (its adapter: platform events → Incoming, Reply → platform), its entry in
 * bot/platforms.ts, and one line in this list. The console (bot/adapters/console) is started by
 * main.ts when none of these is.
 */
const PLATFORM_ADAPTERS: { enabled(config: Config): boolean; start(host: Host): Promise<Adapter> }[] = [
  { enabled: (c) => !!c.TELEGRAM_BOT_TOKEN, start: async (host) => (await import('./telegram/index.js')).startTelegram(host) },
  { enabled: (c) => !!c.SLACK_BOT_TOKEN, start: async (host) => (await import('./slack/index.js')).startSlack(host) },
];

/** Starts the platform adapters whose tokens are set. */
export async function startPlatformAdapters(host: Host): Promise<Adapter[]> {
  const started: Adapter[] = [];
  for (const p of PLATFORM_ADAPTERS) if (p.enabled(host.config)) started.push(await p.start(host));
  return started;
}
