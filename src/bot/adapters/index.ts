import type { App } from '../../app.js';

/** A running platform adapter. */
export interface Adapter {
  name: string;
  stop(): Promise<void>;
}

/**
 * Starts the platform adapters whose tokens are set. Adding a platform = one file in this
 * folder and one line here.
 */
export async function startPlatformAdapters(app: App): Promise<Adapter[]> {
  const started: Adapter[] = [];
  if (app.config.TELEGRAM_BOT_TOKEN) started.push(await (await import('./telegram.js')).startTelegram(app));
  if (app.config.SLACK_BOT_TOKEN) started.push(await (await import('./slack.js')).startSlack(app));
  return started;
}
