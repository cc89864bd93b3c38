import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { busy } from '../../src/bot/sqlite.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTelegram } from '../../src/bot/adapters/telegram/index.js';
import { cli } from '../../src/cli.js';
import { clock, joined, tempDir, testApp, user } from '../helpers/app.js';
import { FakeTelegram, TEST_TOKEN } from '../helpers/fake-telegram.js';
import { deliverPending } from '../../src/bot/upkeep.js';
import { GOOD, recordConsole } from '../register/helpers.js';
import { dataDir, vn } from '../reminders/helpers.js';
import { freePort, webhookEnv } from '../telegram/setup.js';

/** Writes a row as raw text into a real SQLite file, as a bad disk, an old version or a hand edit would. */
async function rawRow(file: string, key: string, text: string) {
  const db = new Database(file, { timeout: 0 });
  await busy(() => db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, text));
  db.close();
}

async function rows(file: string, prefix: string): Promise<{ key: string; value: string }[]> {
  const db = new Database(file);
  const out = db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key LIKE ?').all(`${prefix}%`);
  db.close();
  return out;
}

async function runCli(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    return { code: await cli(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.env = saved;
  }
}

const NOT_JSON = '{"value":{"platform":"telegram","userId":"999"'; // cut short

describe('one corrupt record', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is quarantined and skipped: other people’s lists, the head’s view, the admin’s commands, export and ledger keep working and say so', async () => {
    const file = join(tempDir(), 'bot.sqlite');
    const env = { STORE_URL: `sqlite://${file}`, DATA_DIR: dataDir(), LOG_LEVEL: 'silent' };
    const c = clock(vn('2026-12-01 09:00').toISOString());
    const app = await testApp({ env, now: c.now });
    const sent = recordConsole(app);
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    const head = await joined(app, 'hA', 'cuc-btp', 'head');
    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
    const bad = () => rawRow(file, 'people:telegram:999', NOT_JSON);

    await bad();
    const deadlines = await officer.say('/hanchot');
    expect(deadlines).toContain('Các hạn sắp tới');
    expect(deadlines).toContain('Đã bỏ qua 1 bản ghi bị lỗi (people/telegram:999)');
    expect(deadlines).not.toContain('đã có lỗi');
    // Moved aside, with an audit entry.
    expect(await rows(file, 'people:telegram:999')).toEqual([]);
    const kept = await rows(file, 'quarantine:');
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0].value).value).toMatchObject({ namespace: 'people', key: 'telegram:999', raw: NOT_JSON });
    expect((await rows(file, 'audit:')).map((r) => JSON.parse(r.value).value)).toContainEqual(expect.objectContaining({ action: 'corrupt-record', namespace: 'people', key: 'telegram:999' }));
    // Treated as absent from then on: nothing more to skip.
    expect(await officer.say('/hanchot')).not.toContain('bị lỗi');

    await bad();
    const view = await head.say('/dangky xem');
    expect(view).toContain('Trạng thái: đã gửi, chờ duyệt');
    expect(view).toContain('Đã bỏ qua 1 bản ghi bị lỗi');

    await bad();
    await admin.say('/thongbao');
    await admin.say('Họp giao ban thi đua lúc 9 giờ thứ Hai');
    const confirm = texts(await admin.press('f:aud:all'));
    expect(confirm).toContain('2 người nhận');
    expect(confirm).toContain('Đã bỏ qua 1 bản ghi bị lỗi');
    await admin.say('/huy');

    await rawRow(file, 'registrations:2027:vu-htqt', 'garbage');
    const progress = await admin.say('/tiendo');
    expect(progress).toContain('Tiến độ đăng ký thi đua');
    expect(progress).toContain('Đã bỏ qua 1 bản ghi bị lỗi');

    // The administrators are told once, whatever the number of passes.
    await deliverPending(app.services);
    await deliverPending(app.services);
    const reports = sent.filter((s) => s.reply.text.includes('khu cách ly'));
    expect(reports.map((s) => s.chatId)).toEqual(['chat-ad']);
    expect(reports[0].reply.text).toContain('4 bản ghi bị lỗi');
    expect(reports[0].reply.text).toContain('• people/telegram:999 — not a JSON record');
    expect(reports[0].reply.text).toContain('• registrations/2027:vu-htqt');
    await app.close();

    await rawRow(file, 'registrations:2027:vu-htqt', 'garbage');
    const out = join(tempDir(), 'x.xlsx');
    const exported = await runCli(['export', '--year', '2027', '--out', out], env);
    expect(exported.code, exported.err).toBe(0);
    expect(readFileSync(out).length).toBeGreaterThan(0);
    expect(exported.err).toContain('Đã bỏ qua 1 bản ghi bị lỗi');

    await bad();
    const ledger = await runCli(['remind', 'ledger', '--year', '2026'], env);
    expect(ledger.code, ledger.err).toBe(0);
    expect(ledger.out).toContain('t-ack');
    expect(ledger.err).toContain('Đã bỏ qua 1 bản ghi bị lỗi');
    expect(await rows(file, 'quarantine:')).toHaveLength(6);
  });

  it('in the Telegram inbox does not stop the bot from starting; the good updates are handled', async () => {
    const fake = await FakeTelegram.start();
    const file = join(tempDir(), 'tg.sqlite');
    const env = await webhookEnv(fake, file);
    const from = { id: 905, first_name: 'Hoa' };
    const first = await testApp({ env });
    await first.store.ns('inbox').set('41', fake.textUpdate({ chatId: from.id, from, text: '/start' }));
    await first.close();
    await rawRow(file, 'inbox:40', '{"value":{"update_id":40,');

    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    const sent = await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id);
    expect(String(sent.params.text)).toContain('Xin chào');
    // The leftover is handled in the background and removed from the inbox just after its reply.
    await vi.waitFor(async () => expect(await rows(file, 'inbox:')).toEqual([]));
    expect((await rows(file, 'quarantine:')).map((r) => JSON.parse(r.value).value.key)).toEqual(['40']);
    await adapter.stop();
    await app.close();
    await fake.close();
  });

  it('in a session never keeps the user stuck: /huy clears it, and a state its flow no longer accepts expires politely', async () => {
    const file = join(tempDir(), 'bot.sqlite');
    const app = await testApp({ env: { STORE_URL: `sqlite://${file}` } });
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    await rawRow(file, 'sessions:console:chat-oA:oA', 'not json at all');
    const cancelled = await officer.say('/huy');
    expect(cancelled).not.toContain('thử lại sau');
    expect(await officer.say('/dangky')).toContain('Đăng ký thi đua năm');

    const now = new Date().toISOString();
    await app.store.ns('sessions').set('console:chat-oA:oA', { flow: 'register', state: { mode: 'from-an-older-version' }, startedAt: now, updatedAt: now });
    const next = await officer.say('TTLĐXS');
    expect(next).toContain('Phiên "đăng ký thi đua" đã hết hạn');
    expect(next).not.toContain('thử lại sau');
    expect(await user(app, 'oA').say('/huy')).toContain('Không có thao tác nào đang dở');
    await app.close();
  });
});

const texts = (rs: { text: string }[]) => rs.map((r) => r.text).join('\n---\n');
