import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { startTelegram } from '../../src/bot/adapters/telegram/index.js';
import { Inbox } from '../../src/bot/adapters/telegram/inbox.js';
import { tempDir, testApp } from '../helpers/app.js';
import { FakeTelegram, TEST_TOKEN } from '../helpers/fake-telegram.js';
import { freePort, webhookEnv } from './setup.js';

describe('Telegram webhook, crash between acknowledging and handling', () => {
  it('keeps each accepted update and handles it after a restart', async () => {
    const fake = await FakeTelegram.start();
    const env = await webhookEnv(fake, join(tempDir(), 'tg.sqlite'));
    const from = { id: 901, first_name: 'Mai' };
    const update = fake.textUpdate({ chatId: from.id, from, text: '/start' });

    // First life: the update was acknowledged (kept in the inbox) but the process died before handling it.
    const first = await testApp({ env });
    await new Inbox(first.store, fake.bot).keep(update);
    await first.close();

    // Second life: the adapter handles it once at start-up (in the background), then forgets it.
    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    const sent = await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id);
    expect(String(sent.params.text)).toContain('Xin chào');
    await vi.waitFor(async () => expect(await new Inbox(app.store, fake.bot).size()).toBe(0));

    // A normal delivery is kept only until handled, and a redelivery of it is not answered twice.
    const next = fake.textUpdate({ chatId: from.id, from, text: '/trogiup' });
    expect(await fake.deliver(next)).toBe(200);
    await fake.waitFor((c) => c.method === 'sendMessage' && String(c.params.text).includes('Các lệnh'));
    expect(await fake.deliver(next)).toBe(200);
    // One chat's updates are handled in order: once a later one is answered, the redelivery was handled (and not answered).
    const mark = fake.calls.length;
    expect(await fake.deliver(fake.textUpdate({ chatId: from.id, from, text: '/toi' }))).toBe(200);
    await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id && String(c.params.text).includes('Bạn chưa tham gia đơn vị nào'), { from: mark });
    expect(fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes('Các lệnh'))).toHaveLength(1);
    await adapter.stop();
    await app.close();
    await fake.close();
  });

  it('answers /healthz and new updates while leftovers replay, and keeps the newest 10 of one chat’s flood with one notice', async () => {
    const fake = await FakeTelegram.start();
    const env = await webhookEnv(fake, join(tempDir(), 'flood.sqlite'));
    const flood = { id: 911, first_name: 'Lũ' };
    const first = await testApp({ env });
    for (let i = 1; i <= 30; i++) {
      await new Inbox(first.store, fake.bot).keep(fake.textUpdate({ chatId: flood.id, from: flood, text: `/lenh${i}` }));
    }
    await first.close();

    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    const health = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: adapter.port, path: '/healthz' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(health).toBe(200);
    const other = { id: 912, first_name: 'Khác' };
    expect(await fake.deliver(fake.textUpdate({ chatId: other.id, from: other, text: '/start' }))).toBe(200);
    await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === other.id);
    const toFlood = (c: { method: string; params: Record<string, any> }) => c.method === 'sendMessage' && Number(c.params.chat_id) === flood.id;
    expect(fake.calls.filter(toFlood).length).toBeLessThan(11); // the new update did not wait for the flood

    const sent = await fake.waitForCount(toFlood, 11, { timeoutMs: 25_000 });
    expect(String(sent[0].params.text)).toContain('30 tin nhắn');
    expect(String(sent[0].params.text)).toContain('20 tin nhắn cũ hơn đã bị bỏ qua');
    expect(sent.slice(1).map((c) => /\/lenh(\d+)/.exec(String(c.params.text))?.[1])).toEqual(['21', '22', '23', '24', '25', '26', '27', '28', '29', '30']);
    await adapter.stop();
    expect(fake.calls.filter(toFlood)).toHaveLength(11);
    expect(await new Inbox(app.store, fake.bot).size()).toBe(0);
    await app.close();
    await fake.close();
  }, 30_000);

  it('leaves no row per update once its dedup window is over (expired rows are swept)', async () => {
    const fake = await FakeTelegram.start();
    const file = join(tempDir(), 'tg.sqlite');
    const env = await webhookEnv(fake, file);
    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    for (let i = 0; i < 5; i++) {
      const from = { id: 950 + i, first_name: 'K' };
      expect(await fake.deliver(fake.textUpdate({ chatId: from.id, from, text: '/ngonngu' }))).toBe(200);
      await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id);
    }
    await adapter.stop();
    const db = new Database(file);
    const rows = async () => db.prepare<[], { key: string }>('SELECT key FROM keyv').all().map((r) => r.key.split(':')[0]);
    expect((await rows()).filter((ns) => ns !== 'meta')).not.toEqual([]); // dedup claims, keyboards
    // Eight days on: the dedup window, the keyboards and any inbox row have expired.
    expect(await app.store.sweep(Date.now() + 8 * 86400_000)).toBeGreaterThan(0);
    expect((await rows()).filter((ns) => ns !== 'meta')).toEqual([]);
    db.close();
    await app.close();
    await fake.close();
  });
});
