import { HTTPReceiver } from '@slack/bolt';
import type { Host } from '../../host.js';
import { logger } from '../../../log.js';
import { healthOf, mount } from '../http.js';
import type { Adapter } from '../index.js';
import { createBolt } from './app.js';
import { slashify } from './blocks.js';
import { knownCommand } from './input.js';
import { listen, SLASH } from './listeners.js';
import { Modals } from './modals.js';
import { Profiles } from './profiles.js';
import { registerSlackSender } from './sender.js';
import { verifiedSlackRequests } from './verify.js';

export { SLASH } from './listeners.js';

const log = logger('slack');

export interface SlackAdapter extends Adapter {
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
}

/**
 * The Slack adapter: `/thidua <subcommand>`, buttons, modals, DMs and mentions in, Block Kit out.
 * HTTP mode (signed requests on /slack/events, GET /healthz) or Socket Mode with SLACK_APP_TOKEN.
 */
export async function startSlack(host: Host, opts: { port?: number } = {}): Promise<SlackAdapter> {
  const cfg = host.config;
  if (!cfg.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const { bolt, receiver, client } = await createBolt(cfg);
  const rewrite = (s: string) => slashify(s, SLASH, (word) => knownCommand(host.runtime, word));
  registerSlackSender(host.outbox, client, rewrite);
  listen(bolt, { host, client, profiles: new Profiles(client), modals: new Modals(client, rewrite), rewrite });
  bolt.error(async (err) => log.error('bolt error', { error: err.message }));

  // HTTP mode shares the server of PORT with the Telegram webhook (http.ts); Socket Mode needs none.
  if (receiver instanceof HTTPReceiver) {
    const listener = verifiedSlackRequests(receiver.requestListener, { signingSecret: cfg.SLACK_SIGNING_SECRET!, store: host.store, trustedHops: cfg.TRUST_PROXY_HOPS });
    const route = await mount(opts.port ?? cfg.PORT, '/slack/events', listener, undefined, healthOf(host));
    log.info('slack adapter started', { mode: 'http', port: route.port });
    return { name: 'slack', port: route.port, stop: () => route.close() };
  }
  await bolt.start();
  log.info('slack adapter started', { mode: 'socket' });
  return { name: 'slack', stop: () => bolt.stop() as Promise<void> };
}
