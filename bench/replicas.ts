/**
 * Scale-out benchmark (`npm run bench -- replicas`), in one run, against the same local fake Bot API:
 *  1. the anchor: a bare grammY webhook bot (`/start` → one reply, nothing stored) — updates/s;
 *  2. thidua, one process on a SQLite file — updates/s;
 *  3. thidua, one process on Redis (BullMQ queue) — updates/s;
 *  4. thidua, 3 replicas on one Redis behind a round-robin balancer — updates/s;
 *  5. a reminder due to N recipients, sent by the 3 replicas together against a fake enforcing
 *     Telegram's limits (30 msg/s overall, 1 msg/s per chat; 429 beyond) — msg/s in total.
 * The fake, the balancer and the load generator run in a child process; each bot in its own.
 * Redis: BENCH_REDIS_URL or TEST_REDIS_URL (database 8 is flushed), else a redis-server of its own.
 * The last line reads `replicas 3: <rate> msg/s total, 429s <n>, duplicates <n>, lost <n>`.
 *   npx tsx bench/replicas.ts [--updates 3000] [--concurrency 50] [--recipients 600]
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '50' },
    recipients: { type: 'string', default: '600' },
    role: { type: 'string', default: 'main' },
    port: { type: 'string' },
    'api-root': { type: 'string' },
  },
});
const N = Number(args.updates);
const CONCURRENCY = Number(args.concurrency);
const RECIPIENTS = Number(args.recipients);
const SECRET = 'bench-secret';
const HOOK = '/tg';
const NOW = '2026-12-08T01:00:00Z'; // Tuesday 08:00 in Asia/Ho_Chi_Minh
const self = fileURLToPath(import.meta.url);

/** Requests to the load child and its answers. */
type Ask = { id: number; op: 'load'; targets: number[]; n: number } | { id: number; op: 'limits'; on: boolean } | { id: number; op: 'broadcast'; chats: string[]; text: string };

if (args.role === 'bare') {
  // The anchor: grammY's own webhook handler, one reply per /start, nothing stored.
  const { Bot, webhookCallback } = await import('grammy');
  const { TEST_TOKEN } = await import('../test/helpers/fake-telegram.js');
  const bot = new Bot(TEST_TOKEN, { client: { apiRoot: args['api-root']! } });
  bot.command('start', (ctx) => ctx.reply('Xin chào'));
  await bot.init();
  const handle = webhookCallback(bot, 'http', { secretToken: SECRET });
  createServer((req, res) => void handle(req, res)).listen(Number(args.port), '127.0.0.1', () => process.stdout.write('{"ready":true}\n'));
} else if (args.role === 'load') {
  const { FakeTelegram, TELEGRAM_LIMITS } = await import('../test/helpers/fake-telegram.js');
  const fake = await FakeTelegram.start();
  const firstReply = new Map<number, number>();
  fake.on('call', (c: { method: string; status: number; params: Record<string, unknown>; at: number }) => {
    if (c.method === 'sendMessage' && c.status === 200) {
      const chat = Number(c.params.chat_id);
      if (!firstReply.has(chat)) firstReply.set(chat, c.at);
    }
  });
  let nextChat = 20_000_000;
  let rr = 0;
  const post = (port: number, body: string) =>
    new Promise<number>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path: HOOK, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.end(body);
    });
  process.send!({ apiRoot: fake.apiRoot });
  process.on('message', async (m: Ask) => {
    if (m.op === 'limits') {
      fake.limits = m.on ? TELEGRAM_LIMITS : undefined;
      fake.sent.length = 0;
      fake.rejected429 = 0;
      return process.send!({ id: m.id });
    }
    if (m.op === 'broadcast') {
      // Waits until every chat got the text, or nothing more arrives for 20 s; then counts.
      let last = -1;
      let still = Date.now();
      const has = () => new Set(fake.sent.filter((s) => String(s.text).includes(m.text)).map((s) => String(s.chat.id)));
      for (;;) {
        const got = has();
        if (m.chats.every((c) => got.has(c))) break;
        if (got.size !== last) [last, still] = [got.size, Date.now()];
        else if (Date.now() - still > 20_000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 2000)); // late duplicates, if any, would arrive now
      const mine = fake.sent.filter((s) => String(s.text).includes(m.text));
      const at = mine.map((s) => s.at).sort((a, b) => a - b);
      const per = new Map<string, number>();
      for (const s of mine) per.set(String(s.chat.id), (per.get(String(s.chat.id)) ?? 0) + 1);
      let busiest = 0;
      for (let i = 0, j = 0; i < at.length; i++) {
        while (at[i] - at[j] >= 1000) j++;
        busiest = Math.max(busiest, i - j + 1);
      }
      return process.send!({
        id: m.id,
        sent: mine.length,
        seconds: at.length > 1 ? (at.at(-1)! - at[0]) / 1000 : 0,
        rejected429: fake.rejected429,
        duplicates: [...per.values()].filter((n) => n > 1).length,
        lost: m.chats.filter((c) => !per.has(c)).length,
        busiest,
      });
    }
    // Updates/s: n `/start` updates from n new chats, `CONCURRENCY` at a time, round robin over the targets.
    const chats = Array.from({ length: m.n }, () => nextChat++);
    const bodies = chats.map((id) => JSON.stringify(fake.textUpdate({ chatId: id, from: { id, first_name: 'Cán bộ', language_code: 'vi' }, text: '/start' })));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const status = await post(m.targets[rr++ % m.targets.length], body);
          if (status !== 200) throw new Error(`webhook answered ${status}`);
        }
      }),
    );
    const end = Date.now() + 180_000;
    while (chats.some((c) => !firstReply.has(c)) && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    const answered = chats.filter((c) => firstReply.has(c));
    const total = Math.max(...answered.map((c) => firstReply.get(c)!)) - t0;
    process.send!({ id: m.id, rate: (answered.length / total) * 1000, answered: answered.length });
  });
} else {
  const { TEST_TOKEN } = await import('../test/helpers/fake-telegram.js');
  const { freePort } = await import('../test/telegram/setup.js');
  const { createClient } = await import('@keyv/redis');
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  process.on('exit', stopAll);

  // Redis: the test server, or one of our own.
  let redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const { ownRedis } = await import('../test/helpers/redis.js');
    const own = await ownRedis();
    if (own) process.on('exit', own.stop);
    redisUrl = own?.url;
  }
  const storeUrl = redisUrl ? Object.assign(new URL(redisUrl), { pathname: '/8' }).href : undefined;

  const load = fork(self, ['--role', 'load', '--concurrency', String(CONCURRENCY)], { execArgv: ['--import', 'tsx'] });
  children.push(load);
  const apiRoot = await new Promise<string>((ok) => load.once('message', (m: { apiRoot: string }) => ok(m.apiRoot)));
  let asks = 0;
  const ask = <T>(m: Record<string, unknown>) =>
    new Promise<T>((ok) => {
      const id = ++asks;
      const on = (r: { id: number }) => r.id === id && (load.off('message', on), ok(r as T));
      load.on('message', on);
      load.send({ ...m, id });
    });

  // Data: the shipped files, and a calendar whose one reminder is due at NOW for every officer.
  const dir = mkdtempSync(join(tmpdir(), 'thidua-replicas-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const f of readdirSync(resolve('data'))) if (f !== 'calendar.yaml') symlinkSync(resolve('data', f), join(data, f));
  const TITLE = 'Nộp hồ sơ đo tải năm 2026';
  writeFileSync(join(data, 'calendar.yaml'), `deadlines:\n  - id: bench\n    year: 2026\n    title: { vi: ${TITLE}, en: Send the 2026 bench dossiers }\n    due: 2026-12-15\n    offsets: [7]\n    escalate: { head: false, late: false }\n`);

  const start = (role: 'bare' | 'replica', port: number, env: Record<string, string> = {}) =>
    new Promise<ChildProcess>((ok, fail) => {
      const file = role === 'bare' ? self : join('test', 'scale', 'fixtures', 'replica.ts');
      const c = spawn(process.execPath, ['--import', 'tsx', file, ...(role === 'bare' ? ['--role', 'bare', '--port', String(port), '--api-root', apiRoot] : [])], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(c);
      let out = '';
      c.stdout!.on('data', (d) => (out += d) && out.includes('"ready":true') && ok(c));
      c.stderr!.on('data', (d) => (out += d));
      c.once('exit', (code) => fail(new Error(`${role} exited (${code}):\n${out}`)));
    });
  const botEnv = (port: number, store: string, hookPort = port) => ({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${hookPort}${HOOK}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    STORE_URL: store,
    DATA_DIR: data,
    LOG_LEVEL: 'error',
    BASE_NOW: NOW,
  });
  // Between phases the bots are killed (their Redis database is flushed after): no figure depends on a graceful stop.
  const stop = async (cs: ChildProcess[]) => {
    await Promise.all(cs.map((c) => new Promise((ok) => (c.exitCode !== null || c.signalCode !== null ? ok(null) : (c.once('exit', ok), c.kill('SIGKILL'))))));
  };
  const alive = setInterval(() => undefined, 1000); // the run ends with process.exit
  load.once('exit', (code) => {
    console.error(`the load generator stopped (${code})`);
    stopAll();
    process.exit(1);
  });
  const measure = async (label: string, ports: number[]) => {
    await ask({ op: 'load', targets: ports, n: Math.min(1000, N) }); // warm-up
    const r = await ask<{ rate: number; answered: number }>({ op: 'load', targets: ports, n: N });
    console.log(`${label.padEnd(44)} ${r.rate.toFixed(0).padStart(6)} updates/s (${r.answered}/${N} answered)`);
    return r.rate;
  };
  const flush = async () => {
    const c = createClient({ url: storeUrl });
    await c.connect();
    await c.flushDb();
    await c.quit();
  };

  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${N} /start updates from new chats, concurrency ${CONCURRENCY}, fake Bot API in a child process`);
  const p0 = await freePort();
  const bare = await start('bare', p0);
  const anchor = await measure('bare grammY webhook bot (anchor)', [p0]);
  await stop([bare]);

  const p1 = await freePort();
  const single = await start('replica', p1, botEnv(p1, `sqlite://${join(dir, 'bench.sqlite')}`));
  const sqliteRate = await measure('thidua, 1 process, SQLite', [p1]);
  await stop([single]);
  console.log(`  ratio to the anchor: ${(sqliteRate / anchor).toFixed(2)}×`);

  if (!storeUrl) {
    console.log('no Redis (set BENCH_REDIS_URL or install redis-server): replicas skipped');
    console.log('replicas 3: skipped');
    load.removeAllListeners('exit');
    stopAll();
    process.exit(0);
  }
  // Reminders are off for the update figures: nobody is registered yet, so none is due.
  await flush();
  const p2 = await freePort();
  const oneRedis = await start('replica', p2, botEnv(p2, storeUrl));
  const redisRate = await measure('thidua, 1 process, Redis + BullMQ', [p2]);
  await stop([oneRedis]);
  console.log(`  ratio to the anchor: ${(redisRate / anchor).toFixed(2)}×`);

  await flush();
  const ports = [await freePort(), await freePort(), await freePort()];
  let reps = await Promise.all(ports.map((p) => start('replica', p, botEnv(p, storeUrl, ports[0]))));
  const threeRate = await measure('thidua, 3 replicas, one Redis (round robin)', ports);
  await stop(reps);
  console.log(`  ratio to the anchor: ${(threeRate / anchor).toFixed(2)}×`);

  // The broadcast: RECIPIENTS officers registered, the reminder due at once; 3 replicas share the limit.
  await flush();
  const { openStore } = await import('../src/bot/store.js');
  const { People } = await import('../src/bot/people.js');
  const { Units } = await import('../src/domain/units.js');
  const seed = await openStore(storeUrl);
  const units = Units.load(join(data, 'units.yaml')).real().map((u) => u.id);
  const people = new People(seed, Units.load(join(data, 'units.yaml')));
  const chats: string[] = [];
  for (let i = 1; i <= RECIPIENTS; i++) {
    chats.push(String(30_000 + i));
    await people.save({ platform: 'telegram', userId: String(30_000 + i), chatId: String(30_000 + i), unitId: units[i % units.length], role: 'officer', muted: false, joinedAt: new Date(NOW).toISOString() });
  }
  await seed.close();
  await ask({ op: 'limits', on: true });
  reps = await Promise.all(ports.map((p) => start('replica', p, botEnv(p, storeUrl, ports[0]))));
  const b = await ask<{ sent: number; seconds: number; rejected429: number; duplicates: number; lost: number; busiest: number }>({ op: 'broadcast', chats, text: TITLE });
  await stop(reps);
  const rate = b.seconds ? (b.sent - 1) / b.seconds : 0;
  console.log(`broadcast: one reminder to ${RECIPIENTS} Telegram recipients by 3 replicas (fake enforcing 30 msg/s overall, 1 msg/s per chat): ${b.sent} sent in ${b.seconds.toFixed(1)} s, busiest second ${b.busiest}`);
  console.log(`replicas 3: ${rate.toFixed(1)} msg/s total, 429s ${b.rejected429}, duplicates ${b.duplicates}, lost ${b.lost}`);
  clearInterval(alive);
  load.removeAllListeners('exit');
  stopAll();
  process.exit(0);
}
