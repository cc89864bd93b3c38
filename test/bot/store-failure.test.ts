import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { busy } from '../../src/bot/sqlite.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Registrations } from '../../src/flows/register/records.js';
import { configureLog } from '../../src/log.js';
import { joined, tempDir, testApp, user } from '../helpers/app.js';
import { GOOD, recordConsole, texts } from '../register/helpers.js';
import { freePort, telegramHarness } from '../telegram/setup.js';

/**
 * A real SQLite file whose writes fail (triggers refuse every INSERT, UPDATE and DELETE, as a
 * read-only or full disk would), from another connection, while the bot keeps running.
 */
async function refuseWrites(file: string, refuse: boolean) {
  const db = new Database(file, { timeout: 0 });
  for (const op of ['insert', 'update', 'delete'])
    await busy(() => db.exec(refuse ? `CREATE TRIGGER IF NOT EXISTS refuse_${op} BEFORE ${op.toUpperCase()} ON keyv BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END` : `DROP TRIGGER IF EXISTS refuse_${op}`));
  db.close();
}

const logged: string[] = [];
afterEach(() => {
  configureLog({ level: 'silent', sink: () => undefined });
  logged.length = 0;
});

describe('a store that fails writes', () => {
  it('answers "not saved" to a join, a form step and an approval, changes nothing, and all work once writes succeed again', async () => {
    const file = join(tempDir(), 'bot.sqlite');
    const app = await testApp({ env: { STORE_URL: `sqlite://${file}` }, now: () => new Date('2026-02-10T03:00:00Z') });
    const sent = recordConsole(app);
    const head = await joined(app, 'hA', 'cuc-btp', 'head');
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
    const writer = await joined(app, 'oB', 'vu-htqt', 'officer');
    expect(await writer.say('/dangky')).toContain('Đăng ký thi đua năm 2026');
    const english = await joined(app, 'oE', 'vu-htqt', 'officer');
    await english.say('/lang en');
    const invite = await app.services.people.createInvite('vu-htqt', 'officer', { now: app.services.now() });
    const noticesBefore = sent.length;

    configureLog({ level: 'error', sink: (l) => logged.push(l) });
    await refuseWrites(file, true);

    const newcomer = user(app, 'n1');
    const joining = await newcomer.say(`/thamgia ${invite.code}`);
    expect(joining).toContain('CHƯA được lưu');
    expect(joining).not.toContain('✅');
    expect(await user(app, 'n2').say(`/thamgia ${invite.code}`)).toContain('CHƯA được lưu');
    expect(await newcomer.say('/toi')).toContain('chưa tham gia');

    const step = await writer.say('TTLĐXS');
    expect(step).toContain('CHƯA được lưu');
    expect(step).not.toContain('(2/9)');

    const approve = texts(await head.press('reg:approve:cuc-btp:2026:1'));
    expect(approve).toContain('CHƯA được lưu');
    expect(approve).not.toContain('Đã duyệt');
    expect(sent.slice(noticesBefore)).toEqual([]);
    expect(await new Registrations(app.store).get('cuc-btp', 2026)).toMatchObject({ status: 'submitted', version: 1 });

    expect(await english.say('/mute')).toContain('NOT saved');

    // The operator hears of it, without the invite code (a credential).
    expect(logged.some((l) => JSON.parse(l).level === 'error' && JSON.parse(l).scope === 'store')).toBe(true);
    expect(logged.join('\n')).not.toContain(invite.code);

    await refuseWrites(file, false);
    expect(await newcomer.say(`/thamgia ${invite.code}`)).toContain('✅ Đã liên kết');
    expect(await newcomer.say('/toi')).toContain('Vụ Hợp tác quốc tế');
    expect(await user(app, 'n2').say(`/thamgia ${invite.code}`)).toContain('đã được sử dụng');
    expect(await writer.say('TTLĐXS')).toContain('(2/9) Tổng số cán bộ');
    expect(texts(await head.press('reg:approve:cuc-btp:2026:1'))).toContain('Đã duyệt');
    expect(sent.slice(noticesBefore).map((s) => s.chatId)).toEqual(['chat-oA']);
    await app.close();
  });

  it('the Telegram webhook answers 500 while it cannot keep an update, /healthz is unhealthy, and both recover', async () => {
    const file = join(tempDir(), 'tg.sqlite');
    const port = await freePort();
    const h = await telegramHarness({
      env: { STORE_URL: `sqlite://${file}`, TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, TELEGRAM_WEBHOOK_SECRET: 'store-secret', PORT: String(port) },
    });
    const health = () =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    const from = { id: 777, first_name: 'Lan' };
    expect(await health()).toBe(200);

    await refuseWrites(file, true);
    const update = h.fake.textUpdate({ chatId: from.id, from, text: '/start' });
    expect(await h.fake.deliver(update)).toBe(500); // Telegram keeps it and redelivers
    expect(await health()).toBe(503);

    await refuseWrites(file, false);
    expect(await health()).toBe(200);
    expect(await h.fake.deliver(update)).toBe(200);
    const reply = await h.fake.waitFor(h.sentTo(from.id));
    expect(String(reply.params.text)).toContain('Xin chào');
    await h.close();
  });
});
