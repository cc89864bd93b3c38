import { z } from 'zod';
import { truncate } from './text/truncate.js';
import { maskUrls } from './log.js';

/** The environment, parsed once. Mirrored by .env.example. */
const url = (what: string) =>
  z.string().url({ message: `must be a URL (${what})` });
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: opt(z.string().regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC… (from @BotFather)')),
    TELEGRAM_API_ROOT: opt(url('the Bot API server, e.g. https://api.telegram.org')),
    TELEGRAM_WEBHOOK_URL: opt(url('the public https address Telegram posts updates to')),
    TELEGRAM_WEBHOOK_SECRET: opt(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 characters A-Z a-z 0-9 _ -')),
    SLACK_BOT_TOKEN: opt(z.string().regex(/^xoxb-/, 'must start with xoxb-')),
    SLACK_SIGNING_SECRET: opt(z.string().min(8, 'must be the app signing secret')),
    SLACK_APP_TOKEN: opt(z.string().regex(/^xapp-/, 'must start with xapp- (Socket Mode app-level token)')),
    SLACK_API_URL: opt(url('the Slack Web API base, e.g. https://slack.com/api/')),
    PORT: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000)),
    WEB_BASE_URL: opt(
      z
        .string()
        .regex(/^https?:\/\/[^/?#\s@]+\/?$/, 'must be the public http(s) origin of the web dashboard, without a path, e.g. https://thidua.example.gov.vn')
        .transform((s) => s.replace(/\/$/, '')),
    ),
    OPENAI_API_KEY: opt(z.string().min(1)),
    OPENAI_BASE_URL: opt(url('an OpenAI-compatible API base')),
    OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
    OPENAI_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(120_000).default(8000)),
    STORE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(sqlite:\/\/.+|redis:\/\/.+|rediss:\/\/.+|memory:\/\/.*)$/, 'must be sqlite://PATH, redis://HOST:PORT or memory://')
        .default('sqlite://./var/thidua.sqlite'),
    ),
    TZ_NAME: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
        .default('Asia/Ho_Chi_Minh'),
    ),
    LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
    TRUST_PROXY_HOPS: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be the number of reverse proxies in front (0 without one)' }).int().min(0).max(10).default(0)),
    SESSION_TTL_MINUTES: z.preprocess(blankToUndefined, z.coerce.number({ message: 'must be a number of minutes' }).int().min(1).default(30)),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required when TELEGRAM_WEBHOOK_URL is set' });
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)' });
    if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when other SLACK_* variables are set' });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  const secret = /TOKEN|SECRET|KEY/.test(name);
  const got = raw === undefined || secret ? '' : ` (got "${truncate(maskUrls(raw), 60)}")`;
  throw new ConfigError(`Configuration error: ${name} ${issue.message}${got}`);
}

/** Where the web dashboard's links point: WEB_BASE_URL, else this machine on PORT. */
export function webBaseUrl(c: Pick<Config, 'WEB_BASE_URL' | 'PORT'>): string {
  return c.WEB_BASE_URL ?? `http://localhost:${c.PORT}`;
}

/** Values that must never appear in logs (the STORE_URL password too). */
export function secretsOf(c: Config): string[] {
  const storePassword = /^\w+:\/\/[^/@]*:([^/@]+)@/.exec(c.STORE_URL)?.[1];
  return [c.TELEGRAM_BOT_TOKEN, c.TELEGRAM_WEBHOOK_SECRET, c.SLACK_BOT_TOKEN, c.SLACK_SIGNING_SECRET, c.SLACK_APP_TOKEN, c.OPENAI_API_KEY, storePassword].filter(
    (s): s is string => !!s,
  );
}
