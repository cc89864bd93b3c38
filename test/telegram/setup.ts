import { createServer } from 'node:net';
import type { App } from '../../src/app.js';
import { startTelegram, type TelegramAdapter } from '../../src/bot/adapters/telegram/index.js';
import { clock, testApp } from '../helpers/app.js';
import { FakeTelegram, TEST_TOKEN, type FakeCall, type FakeUser } from '../helpers/fake-telegram.js';

/** A free TCP port on 127.0.0.1 (the webhook URL must name its port before the server starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A fake Bot API, an app on it and the real Telegram adapter; `chat()` talks as one user. */
export async function telegramHarness(opts: { env?: Record<string, string> } = {}) {
  const fake = await FakeTelegram.start();
  const clk = clock();
  const app: App = await testApp({ env: { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, ...opts.env }, now: clk.now });
  const adapter: TelegramAdapter = await startTelegram(app, { host: '127.0.0.1' });
  const webhook = !!opts.env?.TELEGRAM_WEBHOOK_URL;
  const push = async (update: Record<string, any>) => {
    if (webhook) {
      const status = await fake.deliver(update);
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    } else fake.queue(update);
  };
  const sentTo = (chatId: number) => (c: FakeCall) => (c.method === 'sendMessage' || c.method === 'sendDocument') && Number(c.params.chat_id) === chatId;

  function chat(from: FakeUser, chatId = from.id, group = false) {
    return {
      from,
      chatId,
      /** Sends a text and waits for `n` messages back; returns them (text and message). */
      async say(text: string, n = 1) {
        const mark = fake.calls.length;
        await push(fake.textUpdate({ chatId, from, text, group }));
        const calls = await fake.waitForCount(sentTo(chatId), n, { from: mark });
        return calls.map((c) => fake.sent.find((m) => m.params === c.params)!);
      },
      /** Presses a button of a message the bot sent; returns the update (its callback id inside). */
      async press(message: Record<string, any>, data: string, by: FakeUser = from) {
        const update = fake.pressUpdate(message, data, by);
        await push(update);
        return update;
      },
    };
  }

  return {
    fake,
    app,
    adapter,
    clk,
    push,
    sentTo,
    chat,
    async close() {
      await adapter.stop();
      await app.close();
      await fake.close();
    },
  };
}

/** The environment of a webhook-mode bot on a free port of 127.0.0.1, on `storeFile` (a real SQLite file). */
export async function webhookEnv(fake: FakeTelegram, storeFile: string): Promise<Record<string, string>> {
  const port = await freePort();
  return {
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
    TELEGRAM_WEBHOOK_SECRET: 'inbox-secret',
    PORT: String(port),
    STORE_URL: `sqlite://${storeFile}`,
  };
}
