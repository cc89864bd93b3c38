import { loadConfig, secretsOf, ConfigError, webBaseUrl } from './config.js';
import { configureLog, logger, redact } from './log.js';
import { createApp, type App } from './app.js';
import { startPlatformAdapters, type Adapter } from './bot/adapters/index.js';
import { registerConsoleSender, runConsole } from './bot/adapters/console/index.js';
import { demoBanner } from './flows/demo.js';
import { healthOf, mount, type Mount } from './bot/adapters/http.js';
import { webDashboard, WEB_PATH } from './web/index.js';

const log = logger('main');

/** `npm start` / `thidua start`: the platform adapters, or the console when no token is set. */
export async function start(opts: { forceConsole?: boolean; user?: string } = {}): Promise<number> {
  let app: App;
  try {
    const config = loadConfig();
    configureLog({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
    app = await createApp(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      return 1;
    }
    process.stderr.write(`Start-up failed: ${redact(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
  let adapters: Adapter[];
  try {
    adapters = opts.forceConsole ? [] : await startPlatformAdapters(app);
  } catch (err) {
    // e.g. a token the platform refuses; the logger keeps secrets out of the message.
    log.error('an adapter failed to start', { error: err instanceof Error ? err.message : String(err) });
    process.stderr.write(`Start-up failed: an adapter could not start (${err instanceof Error ? err.name : 'error'}); see the log line above.\n`);
    await app.close();
    return 1;
  }
  // The web dashboard on PORT beside the webhooks: with a platform adapter, when WEB_BASE_URL is set,
  // or for the terminal demo (a person at a terminal; piped runs leave PORT alone).
  let web: Mount | undefined;
  if (!opts.forceConsole && (adapters.length > 0 || app.config.WEB_BASE_URL || process.stdin.isTTY)) {
    try {
      web = await mount(app.config.PORT, WEB_PATH, webDashboard(app.services, app.knowledge), undefined, healthOf(app));
      log[adapters.length ? 'info' : 'debug']('web dashboard', { port: web.port, path: WEB_PATH });
    } catch (err) {
      log.error('the web dashboard could not start', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  const io = { input: process.stdin, output: process.stdout, interactive: !!process.stdin.isTTY, filesDir: 'var/exports', userName: opts.user, user: opts.user };
  if (adapters.length === 0) registerConsoleSender(app.services.outbox, io);
  await app.startBackground();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    for (const a of adapters) await a.stop().catch((e) => log.warn('adapter stop failed', { adapter: a.name, error: e }));
    await web?.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  if (adapters.length === 0) {
    const banner = await demoBanner(app.services, web && `${webBaseUrl(app.config)}${WEB_PATH}`);
    if (banner) (io.interactive ? process.stdout : process.stderr).write(banner + '\n');
    await runConsole(app, io);
    await app.close();
    return 0;
  }
  log.info('running', { adapters: adapters.map((a) => a.name) });
  return new Promise<number>(() => {}); // runs until a signal
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) start().then((code) => process.exit(code));
