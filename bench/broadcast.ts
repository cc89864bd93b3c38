/**
 * Broadcast benchmark: one reminder to N recipients through the reminder scheduler (exactly-once
 * ledger on a SQLite file), the outbox and the real Telegram adapter (grammY with auto-retry),
 * against the local fake Bot API enforcing Telegram's flood limits (30 msg/s overall, 1 msg/s per
 * chat; otherwise 429 with retry_after). The fake runs in a child process, as Telegram's servers
 * would, so its clock is not stalled by the bot's work. Prints achieved messages/s, 429s,
 * duplicates and losses. Not run by CI.
 *   npx tsx bench/broadcast.ts [--recipients 1000]
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Reminders } from '../src/flows/reminders/scheduler.js';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '1000' }, role: { type: 'string', default: 'bot' } } });
const N = Number(values.recipients);

interface Stats {
  sent: number;
  rejected429: number;
  duplicates: number;
  chats: string[];
  /** performance.now() of accepted sends, ms. */
  at: number[];
}

if (values.role === 'fake') {
  const { FakeTelegram, TELEGRAM_LIMITS } = await import('../test/helpers/fake-telegram.js');
  const fake = await FakeTelegram.start({ limits: TELEGRAM_LIMITS });
  process.send!({ apiRoot: fake.apiRoot });
  process.on('message', async () => {
    const s = fake.stats();
    const stats: Stats = { sent: s.sent, rejected429: s.rejected429, duplicates: s.duplicates, chats: [...s.perChat.keys()], at: fake.sent.map((m) => m.at) };
    process.send!(stats, () => void fake.close().then(() => process.exit(0)));
  });
} else {
  const { createApp } = await import('../src/app.js');
  const { startTelegram } = await import('../src/bot/adapters/telegram/index.js');
  const { loadConfig } = await import('../src/config.js');
  const { configureLog } = await import('../src/log.js');
  const { TEST_TOKEN } = await import('../test/helpers/fake-telegram.js');
  configureLog({ level: 'warn' });

  const child = fork(fileURLToPath(import.meta.url), ['--role', 'fake'], { execArgv: ['--import', 'tsx'] });
  const apiRoot = await new Promise<string>((r) => child.once('message', (m: { apiRoot: string }) => r(m.apiRoot)));

  // The shipped units and a one-deadline calendar whose -7 reminder is due at NOW.
  const dir = mkdtempSync(join(tmpdir(), 'thidua-bcast-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const f of readdirSync(resolve('data'))) if (f !== 'calendar.yaml') symlinkSync(resolve('data', f), join(data, f));
  writeFileSync(
    join(data, 'calendar.yaml'),
    'deadlines:\n  - id: bench\n    year: 2026\n    title: { vi: Nộp hồ sơ khen thưởng năm 2026, en: Send the 2026 award dossiers }\n    due: 2026-12-15\n    offsets: [7]\n',
  );
  const NOW = new Date('2026-12-08T01:00:00Z'); // Tuesday 08:00 in Asia/Ho_Chi_Minh

  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, STORE_URL: process.env.BENCH_STORE ?? `sqlite://${join(dir, 'bench.sqlite')}`, DATA_DIR: data, LOG_LEVEL: 'warn' });
  const app = await createApp(config, { now: () => NOW });
  const units = app.services.units.real().map((u) => u.id);
  for (let i = 1; i <= N; i++)
    await app.services.people.save({ platform: 'telegram', userId: String(1000 + i), chatId: String(1000 + i), unitId: units[i % units.length], role: 'officer', muted: false, joinedAt: NOW.toISOString() });
  const adapter = await startTelegram(app);
  const reminders = Reminders.load(app.services);

  const t0 = performance.now();
  const result = await reminders.tick(NOW);
  const seconds = (performance.now() - t0) / 1000;
  child.send('stats');
  const stats = await new Promise<Stats>((r) => child.once('message', (m: Stats) => r(m)));
  const got = new Set(stats.chats);
  let losses = 0;
  for (let i = 1; i <= N; i++) if (!got.has(String(1000 + i))) losses++;
  const at = [...stats.at].sort((a, b) => a - b);
  const steady = at.length > 1 ? (at.length - 1) / ((at.at(-1)! - at[0]) / 1000) : 0;
  let maxWindow = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i] - at[j] >= 1000) j++;
    maxWindow = Math.max(maxWindow, i - j + 1);
  }

  console.log(`broadcast: one reminder to ${N} Telegram recipients (fake Bot API in a child process enforcing 30 msg/s overall, 1 msg/s per chat)`);
  console.log(`  scheduler result        sent ${result.sent}, failed ${result.failed}, skipped ${result.skipped}`);
  console.log(`  wall time               ${seconds.toFixed(1)} s (tick start → last delivery recorded)`);
  console.log(`  achieved rate           ${(stats.sent / seconds).toFixed(1)} msg/s overall; ${steady.toFixed(1)} msg/s first → last accepted`);
  console.log(`  busiest second          ${maxWindow} messages accepted`);
  console.log(`  429 responses           ${stats.rejected429}`);
  console.log(`  duplicates              ${stats.duplicates}`);
  console.log(`  losses                  ${losses}`);
  await adapter.stop();
  await app.close();
  process.exit(0);
}
