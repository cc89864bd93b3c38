import { loadConfig, secretsOf, ConfigError } from './config.js';
import { configureLog, logger } from './log.js';
import { createApp, type App } from './app.js';
import { startPlatformAdapters, type Adapter } from './bot/adapters/index.js';
import { runConsole } from './bot/adapters/console.js';
import { demoBanner } from './flows/demo.js';

const log = logger('main');

/** `npm start` / `thidua start`: the platform adapters, or the console when no token is set. */
export async function start(opts: { forceConsole?: boolean } = {}): Promise<number> {
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
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const adapters: Adapter[] = opts.forceConsole ? [] : await startPlatformAdapters(app);
  await app.startBackground();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    for (const a of adapters) await a.stop().catch((e) => log.warn('adapter stop failed', { adapter: a.name, error: e }));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  if (adapters.length === 0) {
    const interactive = !!process.stdin.isTTY;
    const banner = await demoBanner(app);
    if (banner) (interactive ? process.stdout : process.stderr).write(banner + '\n');
    await runConsole(app.runtime, { input: process.stdin, output: process.stdout, interactive, filesDir: 'var/exports', userName: process.env.USER });
    await app.close();
    return 0;
  }
  log.info('running', { adapters: adapters.map((a) => a.name) });
  return new Promise<number>(() => {}); // runs until a signal
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) start().then((code) => process.exit(code));
