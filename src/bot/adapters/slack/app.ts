import { App as Bolt, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../../config.js';
import { logger } from '../../../log.js';

const log = logger('slack');

/** Web API retries: a 429 waits its Retry-After, other failures back off; gives up after ~1 min. */
const RETRY = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };

const boltLogger = (): BoltLogger => {
  const text = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return {
    debug: (...m) => log.debug(text(m)),
    info: (...m) => log.debug(text(m)),
    warn: (...m) => log.warn(text(m)),
    error: (...m) => log.error(text(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
};

/**
 * Bolt on the HTTP receiver (signed requests on /slack/events) or, with SLACK_APP_TOKEN, Socket
 * Mode; `auth.test` runs here, so a wrong token stops start-up.
 */
export async function createBolt(cfg: Config): Promise<{ bolt: Bolt; receiver: HTTPReceiver | SocketModeReceiver; client: WebClient }> {
  const receiver = cfg.SLACK_APP_TOKEN
    ? new SocketModeReceiver({ appToken: cfg.SLACK_APP_TOKEN, logger: boltLogger(), installerOptions: { clientOptions: { slackApiUrl: cfg.SLACK_API_URL } } })
    : new HTTPReceiver({ signingSecret: cfg.SLACK_SIGNING_SECRET!, endpoints: '/slack/events', logger: boltLogger() });
  const bolt = new Bolt({
    token: cfg.SLACK_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: cfg.SLACK_API_URL, retryConfig: RETRY, rejectRateLimitedCalls: false },
    logger: boltLogger(),
    deferInitialization: true,
  });
  await bolt.init();
  return { bolt, receiver, client: bolt.client };
}
