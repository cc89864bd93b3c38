/**
 * Telegram webhook path under load: HTTP request → webhook server → runtime → SQLite store (temp
 * file) → sendMessage to a local fake Bot API. The bot runs in this process; the fake Bot API and
 * the load generator run in a child process (as Telegram's servers would), so the figures are the
 * bot's own. Prints throughput and latency figures.
 *   npx tsx bench/telegram-webhook.ts [--updates 5000] [--concurrency 50] [--rate 200] [--seconds 10]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { startTelegram } from '../src/bot/adapters/telegram/index.js';
import { loadConfig } from '../src/config.js';
import { configureLog } from '../src/log.js';
import { FakeTelegram, TEST_TOKEN, type FakeCall } from '../test/helpers/fake-telegram.js';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    role: { type: 'string', default: 'bot' },
  },
});
const N = Number(args.updates);
const CONCURRENCY = Number(args.concurrency);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);

configureLog({ level: 'warn' });

/** Messages between the two processes. */
type ToBot = { fakeRoot: string } | { done: true };
type ToLoad = { webhookReady: true };

if (args.role === 'bot') {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--role', 'load'], { execArgv: ['--import', 'tsx'] });
  const fakeRoot = await new Promise<string>((resolve) => child.once('message', (m: ToBot) => 'fakeRoot' in m && resolve(m.fakeRoot)));
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: fakeRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`,
    TELEGRAM_WEBHOOK_SECRET: 'bench-secret',
    PORT: String(port),
    STORE_URL: `sqlite://${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'warn',
  });
  const app = await createApp(config);
  const adapter = await startTelegram(app, { host: '127.0.0.1' });
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; bot process: webhook → runtime → SQLite (temp file, WAL); fake Bot API + load in a child process`);
  child.send({ webhookReady: true } satisfies ToLoad);
  await new Promise<void>((resolve) => child.on('message', (m: ToBot) => 'done' in m && resolve()));
  await adapter.stop();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  if (child.connected) child.disconnect();
  process.exit(0);
}

const fake = await FakeTelegram.start();
process.send!({ fakeRoot: fake.apiRoot } satisfies ToBot);
await new Promise<void>((resolve) => process.once('message', () => resolve()));

// When the fake received the first sendMessage for each chat.
const sentAt = new Map<number, number>();
fake.on('call', (c: FakeCall) => {
  if (c.method === 'sendMessage' && c.status === 200) {
    const chat = Number(c.params.chat_id);
    if (!sentAt.has(chat)) sentAt.set(chat, c.at);
  }
});
const waitSent = async (chats: number[], timeoutMs = 120_000) => {
  const end = Date.now() + timeoutMs;
  while (chats.some((c) => !sentAt.has(c))) {
    if (Date.now() > end) throw new Error(`only ${chats.filter((c) => sentAt.has(c)).length}/${chats.length} answered`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

let nextChat = 10_000_000;
const user = (id: number) => ({ id, first_name: 'Cán bộ', language_code: 'vi' });

async function throughput(label: string, text: (i: number) => string, n: number) {
  const chats = Array.from({ length: n }, () => nextChat++);
  const updates = chats.map((id, i) => fake.textUpdate({ chatId: id, from: user(id), text: text(i) }));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < updates.length) {
        const status = await fake.deliver(updates[next++]);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
      }
    }),
  );
  const accepted = performance.now() - t0;
  await waitSent(chats);
  const total = Math.max(...chats.map((c) => sentAt.get(c)!)) - t0;
  console.log(`${label}: ${n} updates from ${n} chats, concurrency ${CONCURRENCY}: ${((n / total) * 1000).toFixed(0)} updates/s end to end (${total.toFixed(0)} ms; all accepted with 200 after ${accepted.toFixed(0)} ms)`);
}

async function latency(label: string, text: string) {
  const n = RATE * SECONDS;
  const chats: number[] = [];
  const started = new Map<number, number>();
  const t0 = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const id = nextChat++;
    chats.push(id);
    const update = fake.textUpdate({ chatId: id, from: user(id), text });
    started.set(id, performance.now());
    pending.push(fake.deliver(update));
  }
  await Promise.all(pending);
  await waitSent(chats);
  const lat = chats.map((c) => sentAt.get(c)! - started.get(c)!);
  const rate = (n / (performance.now() - t0)) * 1000;
  console.log(`${label}: ${n} updates at ${RATE}/s (achieved ${rate.toFixed(0)}/s): p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms`);
}

await throughput('warm-up', () => '/start', 2000);
await throughput('/start', () => '/start', N);
await throughput('/trogiup', () => '/trogiup', N);
await latency('latency /start', '/start');
await throughput('questions (plain text → knowledge answer)', (i) => ['tiêu chuẩn chiến sĩ thi đua cơ sở', 'lao động tiên tiến cần gì', 'hạn đăng ký thi đua', 'bằng khen của bộ trưởng'][i % 4], Math.min(N, 2000));
await latency('latency question', 'tiêu chuẩn lao động tiên tiến');
await fake.close();
process.send!({ done: true } satisfies ToBot);
