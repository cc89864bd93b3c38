import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/bot/adapters/telegram.js';
import { tempDir, testApp } from '../helpers/app.js';
import { FakeTelegram, TEST_TOKEN } from '../helpers/fake-telegram.js';
import { freePort } from './setup.js';

describe('Telegram webhook, crash between acknowledging and handling', () => {
  it('keeps each accepted update and handles it after a restart', async () => {
    const fake = await FakeTelegram.start();
    const port = await freePort();
    const env = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      TELEGRAM_WEBHOOK_SECRET: 'inbox-secret',
      PORT: String(port),
      STORE_URL: `sqlite://${join(tempDir(), 'tg.sqlite')}`,
    };
    const from = { id: 901, first_name: 'Mai' };
    const update = fake.textUpdate({ chatId: from.id, from, text: '/start' });

    // First life: the update was acknowledged (kept in the inbox) but the process died before handling it.
    const first = await testApp({ env });
    await first.store.ns('inbox').set(String(update.update_id), update);
    await first.close();

    // Second life: the adapter handles it once at start-up.
    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    const sent = await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id);
    expect(String(sent.params.text)).toContain('Xin chào');
    let left = 0;
    for await (const _ of app.store.ns('inbox').iterator!(undefined as never)) left++;
    expect(left).toBe(0);

    // A normal delivery is kept only until handled, and a redelivery of it is not answered twice.
    const next = fake.textUpdate({ chatId: from.id, from, text: '/trogiup' });
    expect(await fake.deliver(next)).toBe(200);
    await fake.waitFor((c) => c.method === 'sendMessage' && String(c.params.text).includes('Các lệnh'));
    expect(await fake.deliver(next)).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes('Các lệnh'))).toHaveLength(1);
    await adapter.stop();
    await app.close();
    await fake.close();
  });

  it('leaves no row per update once its dedup window is over (expired rows are swept)', async () => {
    const fake = await FakeTelegram.start();
    const port = await freePort();
    const file = join(tempDir(), 'tg.sqlite');
    const env = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      TELEGRAM_WEBHOOK_SECRET: 'inbox-secret',
      PORT: String(port),
      STORE_URL: `sqlite://${file}`,
    };
    const app = await testApp({ env });
    const adapter = await startTelegram(app, { host: '127.0.0.1' });
    for (let i = 0; i < 5; i++) {
      const from = { id: 950 + i, first_name: 'K' };
      expect(await fake.deliver(fake.textUpdate({ chatId: from.id, from, text: '/ngonngu' }))).toBe(200);
      await fake.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id);
    }
    await adapter.stop();
    const db = new KeyvSqlite({ uri: `sqlite://${file}` }) as unknown as { query(sql: string): Promise<{ key: string }[]>; disconnect(): Promise<void> };
    const rows = async () => (await db.query('SELECT key FROM keyv')).map((r) => r.key.split(':')[0]);
    expect((await rows()).filter((ns) => ns !== 'meta')).not.toEqual([]); // dedup claims, keyboards
    // Eight days on: the dedup window, the keyboards and any inbox row have expired.
    expect(await app.store.sweep(Date.now() + 8 * 86400_000)).toBeGreaterThan(0);
    expect((await rows()).filter((ns) => ns !== 'meta')).toEqual([]);
    await db.disconnect();
    await app.close();
    await fake.close();
  });
});
