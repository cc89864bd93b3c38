import { parseArgs } from 'node:util';
import { loadConfig, secretsOf, ConfigError, type Config } from './config.js';
import { configureLog, redact } from './log.js';
import { ROLES } from './bot/types.js';

/** The `thidua` command. Each subcommand: a usage line and a function returning the exit code. */
interface Sub {
  usage: string;
  run(args: string[]): Promise<number>;
}

/** An operator command `main(args, config, usage)` of a module, loaded only when it runs. */
function operator(usage: string, load: () => Promise<(args: string[], config: Config, usage: string) => Promise<number>>): Sub {
  return { usage, run: async (args) => (await load())(args, config(), usage) };
}

function config(): Config {
  const c = loadConfig();
  configureLog({ level: c.LOG_LEVEL === 'info' ? 'warn' : c.LOG_LEVEL, secrets: secretsOf(c) });
  return c;
}

const subs: Record<string, Sub> = {
  start: {
    usage: 'thidua start              run the bot (platform adapters, or the console without tokens)',
    async run() {
      const { start } = await import('./main.js');
      return start();
    },
  },
  chat: {
    usage: 'thidua chat [--user NAME]   talk to the bot in this terminal (reads stdin when it is not a terminal); --user: as that person, on the same store',
    async run(args) {
      const { values } = parseArgs({ args, options: { user: { type: 'string' } } });
      if (values.user !== undefined && !/^[\p{L}\p{N}._-]{1,64}$/u.test(values.user)) throw new UsageError('--user must be 1–64 letters, digits, ".", "_" or "-"');
      const { start } = await import('./main.js');
      return start({ forceConsole: true, user: values.user });
    },
  },
  invite: {
    usage: 'thidua invite --unit ID [--role officer|head|cluster-head|admin] [--hours 72]   print a one-time invite code',
    async run(args) {
      const { values } = parseArgs({ args, options: { unit: { type: 'string' }, role: { type: 'string', default: 'officer' }, hours: { type: 'string', default: '72' } } });
      if (!values.unit) throw new UsageError('--unit is required');
      const { roleFrom, ROLE_NAMES } = await import('./flows/onboarding.js');
      const role = roleFrom(values.role);
      if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (or can-bo, thu-truong, cum-truong, quan-tri)`);
      const hours = Number(values.hours);
      if (!(hours > 0)) throw new UsageError('--hours must be a positive number');
      const { createApp } = await import('./app.js');
      const app = await createApp(config());
      try {
        const unit = app.services.units.get(values.unit);
        if (!unit) {
          process.stderr.write(`Unknown unit "${values.unit}". Units: ${app.services.units.all().map((u) => u.id).join(', ')}\n`);
          return 1;
        }
        const inv = await app.services.people.createInvite(unit.id, role, { now: app.services.now(), ttlHours: hours, createdBy: 'cli' });
        process.stdout.write(`${inv.code}\n`);
        const { formatLocal } = await import('./domain/time.js');
        const tz = app.config.TZ_NAME;
        process.stderr.write(`Mã mời cho ${unit.name.vi} (${ROLE_NAMES[inv.role].vi}), hết hạn ${formatLocal(inv.expiresAt, tz)} (giờ ${tz}). Người nhận gõ /thamgia ${inv.code}\n`);
        return 0;
      } finally {
        await app.close();
      }
    },
  },
  weblink: {
    usage: 'thidua weblink --user PLATFORM:ID | --admin   print a one-time sign-in link to the web dashboard (10 minutes, single use)',
    async run(args) {
      const { values } = parseArgs({ args, options: { user: { type: 'string' }, admin: { type: 'boolean', default: false } } });
      if (!values.user === !values.admin) throw new UsageError('give either --user PLATFORM:ID or --admin');
      const { createApp } = await import('./app.js');
      const { WebLinks, signInUrl, LINK_TTL_MS } = await import('./bot/weblinks.js');
      const { webBaseUrl } = await import('./config.js');
      const app = await createApp(config());
      try {
        let subject: { kind: 'person'; person: string } | { kind: 'operator' } = { kind: 'operator' };
        if (values.user) {
          const m = /^([a-z]+):(.+)$/.exec(values.user);
          const person = m && (await app.services.people.get(m[1] as never, m[2]).catch(() => undefined));
          if (!m || !person) {
            process.stderr.write(`No person "${values.user}" in the store (PLATFORM:ID, e.g. telegram:123456789).\n`);
            return 1;
          }
          subject = { kind: 'person', person: `${person.platform}:${person.userId}` };
        }
        const { token } = await new WebLinks(app.store).create(subject, app.services.now(), 'cli');
        process.stdout.write(`${signInUrl(webBaseUrl(app.config), token)}\n`);
        process.stderr.write(`Liên kết dùng một lần, hết hạn sau ${LINK_TTL_MS / 60_000} phút.\n`);
        return 0;
      } finally {
        await app.close();
      }
    },
  },
  web: {
    usage: 'thidua web                the web dashboard alone on PORT (no chat adapter), under /app/',
    async run() {
      const { createApp } = await import('./app.js');
      const { healthOf, mount } = await import('./bot/adapters/http.js');
      const { webDashboard, WEB_PATH } = await import('./web/index.js');
      const { webBaseUrl } = await import('./config.js');
      const c = config();
      const app = await createApp(c);
      const m = await mount(c.PORT, WEB_PATH, webDashboard(app.services, app.knowledge), undefined, healthOf(app));
      process.stderr.write(`Web dashboard on port ${m.port}: ${webBaseUrl({ ...c, PORT: m.port })}${WEB_PATH} (thidua weblink --admin prints a sign-in link)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await m.close();
      await app.close();
      return 0;
    },
  },
  ask: {
    usage: 'thidua ask "câu hỏi" [--json]   one cited answer; without a question, one answer per stdin line (JSON lines with --json)',
    async run(args) {
      const c = config();
      const { askMain } = await import('./knowledge/cli.js');
      return askMain(args, { dataDir: c.DATA_DIR, llm: c.OPENAI_API_KEY ? { apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL, timeoutMs: c.OPENAI_TIMEOUT_MS } : undefined, timeZone: c.TZ_NAME });
    },
  },
  'kb check': {
    usage: 'thidua kb check            validate data/knowledge, curated answers and data/*.yaml (file:line errors, exit 1 on any)',
    async run(args) {
      const { kbCheckMain } = await import('./checks/cli.js');
      return kbCheckMain(args, { dataDir: config().DATA_DIR });
    },
  },
  export: operator(
    [
      'thidua export [--year YYYY] [--out file.xlsx] [--docx-dir DIR]   registrations as Excel, plus a printable DOCX per registered unit',
      '    --year      default: the year being registered, as /dangky and /xuat use it — next year once its registration',
      '                deadline in data/calendar.yaml is at most six months away, otherwise the current year (in TZ_NAME)',
      '    --out       the workbook (default dang-ky-thi-dua-YYYY.xlsx); the DOCX files go next to it',
      '    --docx-dir  write the DOCX files (dang-ky-thi-dua-YYYY-<unit>.docx) into this folder instead',
    ].join('\n'),
    async () => (await import('./flows/register/cli.js')).exportMain,
  ),
  'review open': operator(
    'thidua review open --cluster ID --year YYYY --title TITLE --candidates U1,U2 --closes ISO   open the cluster\'s secret ballot for a title',
    async () => (await import('./flows/review/cli.js')).reviewOpenMain,
  ),
  'review close': operator(
    'thidua review close --cluster ID --year YYYY [--title TITLE]   close the ballot(s) now and count them',
    async () => (await import('./flows/review/cli.js')).reviewCloseMain,
  ),
  'review status': operator(
    'thidua review status --cluster ID --year YYYY [--json]   ballots (counts only once closed) and self-assessments',
    async () => (await import('./flows/review/cli.js')).reviewStatusMain,
  ),
  'review minutes': operator(
    'thidua review minutes --cluster ID --year YYYY [--out file.docx]   the minutes of the review and vote (Biên bản bình xét)',
    async () => (await import('./flows/review/cli.js')).reviewMinutesMain,
  ),
  'remind preview': operator(
    'thidua remind preview [--from YYYY-MM-DD] [--days 30]   dry run: which reminders would go to whom and when',
    async () => (await import('./flows/reminders/cli.js')).previewMain,
  ),
  'remind ledger': operator(
    'thidua remind ledger --year YYYY [--out file.csv]   reminders delivered, acknowledged, completed per unit (CSV, UTF-8 BOM)',
    async () => (await import('./flows/reminders/cli.js')).ledgerMain,
  ),
};

class UsageError extends Error {}

function usage(): string {
  return ['Usage:', ...Object.values(subs).map((s) => '  ' + s.usage.split('\n')[0]), '  thidua <command> --help'].join('\n');
}

export async function cli(argv: string[]): Promise<number> {
  const name = argv[0];
  // Two-word commands: "kb check", "remind preview".
  const two = argv.length > 1 ? `${argv[0]} ${argv[1]}` : '';
  const [sub, rest] = subs[two] ? [subs[two], argv.slice(2)] : [name ? subs[name] : undefined, argv.slice(1)];
  if (!sub) {
    process.stdout.write(usage() + '\n');
    return name && name !== '--help' && name !== '-h' && name !== 'help' ? 2 : 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(sub.usage + '\n');
    return 0;
  }
  try {
    return await sub.run(rest);
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(err.message + '\n');
    else if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      process.stderr.write(`${(err as Error).message}\n${sub.usage}\n`);
    else process.stderr.write(`Error: ${redact(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

export { subs, UsageError, config as cliConfig };

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.env.THIDUA_BIN === '1') cli(process.argv.slice(2)).then((code) => (process.exitCode = code));
