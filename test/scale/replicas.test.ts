import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverySchema } from '../../src/bot/delivery.js';
import { People } from '../../src/bot/people.js';
import { Repo } from '../../src/bot/repo.js';
import { openStore, type Store } from '../../src/bot/store.js';
import { Units } from '../../src/domain/units.js';
import { tempDir } from '../helpers/app.js';
import { Balancer } from '../helpers/balancer.js';
import { FakeTelegram, TEST_TOKEN, type FakeUser } from '../helpers/fake-telegram.js';
import { FakeTelegramProcess, type Received } from '../helpers/fake-telegram-process.js';
import { freePort } from '../telegram/setup.js';

/**
 * The scale-out done-when test: three replicas as child processes on one real Redis, behind a
 * round-robin balancer taking the fake Telegram's webhooks (the fake, in a process of its own,
 * enforces 30 msg/s overall and 1 msg/s per chat, answering 429 beyond). An admin announces to 600 officers through the webhook
 * while the reminders due now go to the 100 officers of one cluster; five people chat meanwhile;
 * the replica that runs the announcement is SIGKILLed mid-way.
 */
const redisUrl = process.env.TEST_REDIS_URL;
/** Its own Redis database: the other Redis tests share database 0. */
const DB = 7;
const RECIPIENTS = 600;
const REMINDED = 100;
const KILL_AT = 200;
const NOW = '2026-12-08T01:00:00Z'; // Tuesday 08:00 in Asia/Ho_Chi_Minh: the reminders below are due
const ANNOUNCEMENT = 'Thông báo kiểm thử: nộp hồ sơ khen thưởng trước ngày 15/12';
const SECRET = 'scale-secret';
const ADMIN: FakeUser = { id: 7001, first_name: 'Quản trị' };
const CHATTERS: FakeUser[] = Array.from({ length: 5 }, (_, i) => ({ id: 8001 + i, first_name: `Người ${i + 1}` }));
/** What each chatter sends, in order, and how each reply is recognised. */
const SCRIPT: [command: string, reply: RegExp][] = [
  ['/start', /Xin chào/],
  ['/toi', /chưa tham gia/],
  ['/start', /Xin chào/],
  ['/toi', /chưa tham gia/],
];

function dataDir(): string {
  const dir = tempDir('thidua-scale-');
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const f of readdirSync(resolve('data'))) if (f !== 'calendar.yaml') symlinkSync(resolve('data', f), join(data, f));
  writeFileSync(
    join(data, 'calendar.yaml'),
    [
      'deadlines:',
      '  - id: scale',
      '    year: 2026',
      '    title: { vi: Nộp hồ sơ thử nghiệm năm 2026, en: Send the 2026 test dossiers }',
      '    due: 2026-12-15',
      '    offsets: [7]',
      '    audience: { roles: [officer], clusters: [bo-phan-thuong-truc] }',
      '    escalate: { head: false, late: false }',
      '',
    ].join('\n'),
  );
  return data;
}

function replica(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; out: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'scale', 'fixtures', 'replica.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('"ready":true')) ok();
    });
    child.stderr!.on('data', (c) => (out += c));
    child.once('exit', (code) => fail(new Error(`replica exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, ready, out: () => out };
}

const until = async (what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 100_000, everyMs = 200) => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

/** POSTs an update to the webhook behind the balancer as Telegram does: again until it is answered 200. */
async function deliver(port: number, update: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(update);
  for (;;) {
    const status = await new Promise<number>((ok) => {
      const req = request({ host: '127.0.0.1', port, path: '/telegram/hook', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', () => ok(0));
      req.end(body);
    });
    if (status === 200) return;
  }
}

describe.skipIf(!redisUrl)('three replicas on one Redis (BullMQ), a replica SIGKILLed mid-broadcast', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('every recipient gets each message once, no 429, and each chat is answered in order', { timeout: 180_000 }, async () => {
    const url = new URL(redisUrl!);
    url.pathname = `/${DB}`;
    const storeUrl = url.href;
    const raw = createClient({ url: storeUrl });
    await raw.connect();
    await raw.flushDb();
    cleanup.push(() => raw.quit());

    // The people: 600 officers (100 in the cluster reminded), an admin.
    const data = dataDir();
    const seed: Store = await openStore(storeUrl);
    const units = Units.load(join(data, 'units.yaml'));
    const people = new People(seed, units);
    const cum3 = units.cluster('cum-3')!.unitIds;
    const joinedAt = new Date(NOW).toISOString();
    for (let i = 1; i <= RECIPIENTS; i++)
      await people.save({ platform: 'telegram', userId: String(10_000 + i), chatId: String(10_000 + i), unitId: i <= REMINDED ? 'vu-tccb' : cum3[i % cum3.length], role: 'officer', muted: false, joinedAt });
    await people.save({ platform: 'telegram', userId: String(ADMIN.id), chatId: String(ADMIN.id), unitId: 'vu-tccb', role: 'admin', muted: false, joinedAt });

    const fake = await FakeTelegramProcess.start({ limits: true });
    cleanup.push(() => fake.close());
    const updates = new FakeTelegram(); // builds updates as Telegram would send them
    const ports = [await freePort(), await freePort(), await freePort()];
    const lb = await Balancer.start(ports);
    cleanup.push(() => lb.close());
    const env = (port: number) => ({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${lb.port}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      STORE_URL: storeUrl,
      DATA_DIR: data,
      LOG_LEVEL: 'warn',
      BASE_NOW: NOW,
    });
    const replicas = ports.map((p) => replica(env(p)));
    cleanup.push(() => replicas.forEach((r) => r.child.exitCode === null && r.child.kill('SIGKILL')));
    try {
      await Promise.all(replicas.map((r) => r.ready));
    } catch (err) {
      throw new Error(`${err}\n${replicas.map((r) => r.out()).join('\n---\n')}`);
    }

    let received: Received[] = [];
    const refresh = async () => (received = (await fake.stats()).sent);
    const sentTo = (id: number) => received.filter((m) => m.chat === String(id));
    const admin = async (text: string, expect: RegExp) => {
      await refresh();
      const mark = sentTo(ADMIN.id).length;
      const update = updates.textUpdate({ chatId: ADMIN.id, from: ADMIN, text });
      await deliver(lb.port, update);
      await until(`the admin's answer to ${text}`, async () => (await refresh(), sentTo(ADMIN.id).slice(mark).some((m) => expect.test(m.text))));
      return update.update_id as number;
    };
    await admin('/thongbao', /./);
    await admin(ANNOUNCEMENT, /./);
    await admin('1', /600/);
    const sendId = await admin('gửi', /./);
    const announcer = lb.routed.get(sendId)!;

    // Five people chat meanwhile, each message to whichever replica the balancer picks.
    const chatting = Promise.all(
      CHATTERS.map(async (u) => {
        for (const [text] of SCRIPT) await deliver(lb.port, updates.textUpdate({ chatId: u.id, from: u, text }));
      }),
    );

    const isAnnouncement = (m: Received) => m.text.includes(ANNOUNCEMENT);
    const isReminder = (m: Received) => m.text.includes('Nộp hồ sơ thử nghiệm');
    await until('the broadcast under way', async () => (await refresh(), received.filter((m) => isAnnouncement(m) || isReminder(m)).length >= KILL_AT));
    replicas[announcer].child.kill('SIGKILL');
    await chatting;

    // Settled: every delivery record final, no send job left, every chatter answered.
    const store = await openStore(storeUrl);
    cleanup.push(() => store.close());
    const deliveries = new Repo(store, 'deliveries', deliverySchema);
    const jobsLeft = async () => {
      const keys = await raw.keys('thidua:send-telegram:*');
      let n = 0;
      for (const k of keys.filter((k) => /:(wait|active|delayed|prioritized|paused)$/.test(k))) n += Number(await raw.zCard(k).catch(() => raw.lLen(k)));
      return n;
    };
    await until(
      'every message settled',
      async () => {
        const recs = await deliveries.list();
        const final = recs.filter((r) => ['sent', 'uncertain'].includes(r.value.status)).length;
        await refresh();
        return final === RECIPIENTS + REMINDED && (await jobsLeft()) === 0 && CHATTERS.every((u) => sentTo(u.id).length >= SCRIPT.length);
      },
      150_000,
      1000,
    );
    const stats = await fake.stats();
    const recs = await deliveries.list();
    const uncertain = new Set(recs.filter((r) => r.value.status === 'uncertain').map((r) => r.value.chatId + (r.key.startsWith('ann|') ? '|ann' : '|rem')));

    // Exactly once: no recipient got a message twice; one missing only if it was in flight at the
    // kill (recorded "uncertain", at-most-once) — and then it never reached Telegram.
    const got = new Map<string, number>();
    for (const m of stats.sent) {
      if (isAnnouncement(m)) got.set(`${m.chat}|ann`, (got.get(`${m.chat}|ann`) ?? 0) + 1);
      if (isReminder(m)) got.set(`${m.chat}|rem`, (got.get(`${m.chat}|rem`) ?? 0) + 1);
    }
    const duplicates = [...got].filter(([, n]) => n > 1);
    const lost: string[] = [];
    for (let i = 1; i <= RECIPIENTS; i++) {
      const chat = String(10_000 + i);
      const expected = [`${chat}|ann`, ...(i <= REMINDED ? [`${chat}|rem`] : [])];
      for (const k of expected) if (!got.has(k) && !uncertain.has(k)) lost.push(k);
    }
    const inFlightLost = [...uncertain].filter((k) => !got.has(k));
    console.log(`replicas test: ${stats.sent.length} sent, 429s ${stats.rejected429} ${JSON.stringify(stats.floodReasons)}, duplicates ${duplicates.length}, lost ${lost.length}, uncertain ${uncertain.size} (${inFlightLost.length} never reached the fake)`);
    expect(duplicates).toEqual([]);
    expect(lost).toEqual([]);
    expect(uncertain.size).toBeLessThanOrEqual(32);
    expect(stats.rejected429).toBe(0);

    // Per-chat order: each chatter's answers came in the order of its messages, once each.
    received = stats.sent;
    for (const u of CHATTERS) {
      const texts = sentTo(u.id).map((m) => m.text);
      expect(texts).toHaveLength(SCRIPT.length);
      SCRIPT.forEach(([, reply], i) => expect(texts[i]).toMatch(reply));
    }
    // The admin got the delivery report once.
    await until('the announcement report', async () => (await refresh(), sentTo(ADMIN.id).some((m) => /Kết quả gửi thông báo/.test(m.text))));
  });
});
