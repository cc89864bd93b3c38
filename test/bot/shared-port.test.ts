import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startPlatformAdapters, type Adapter } from '../../src/bot/adapters/index.js';
import { testApp } from '../helpers/app.js';
import { FakeSlack, sectionText, slackUser } from '../helpers/fake-slack.js';
import { FakeTelegram, TEST_TOKEN } from '../helpers/fake-telegram.js';
import { freePort } from '../telegram/setup.js';

/** Telegram in webhook mode and Slack in HTTP mode, both on PORT, as `npm start` runs them. */
let app: App;
let adapters: Adapter[];
let tg: FakeTelegram;
let slack: FakeSlack;
let port: number;

beforeAll(async () => {
  port = await freePort();
  tg = await FakeTelegram.start();
  slack = await new FakeSlack().start();
  app = await testApp({
    env: {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: 'shared-secret',
      SLACK_BOT_TOKEN: 'xoxb-shared',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: `${slack.url}/api/`,
      PORT: String(port),
    },
  });
  adapters = await startPlatformAdapters(app);
});
afterAll(async () => {
  for (const a of adapters ?? []) await a.stop();
  await app?.close();
  await tg?.close();
  await slack?.stop();
});

describe('Telegram webhook and Slack HTTP on one port', () => {
  it('serves both endpoints from the same PORT', async () => {
    expect(adapters.map((a) => a.name).sort()).toEqual(['slack', 'telegram']);
    const u = slackUser(port, slack, 'USHARED');
    const { id, res } = await u.command('trogiup');
    expect(res.status).toBe(200);
    const posted = await slack.until(() => slack.responses.find((r) => r.id === id)?.body);
    expect(sectionText(posted)).toContain('Các lệnh bạn có thể dùng');

    const from = { id: 777, first_name: 'Lan' };
    const mark = tg.calls.length;
    expect(await tg.deliver(tg.textUpdate({ chatId: from.id, from, text: '/start' }), 'wrong')).toBe(401);
    expect(await tg.deliver(tg.textUpdate({ chatId: from.id, from, text: '/start' }))).toBe(200);
    const sent = await tg.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === from.id, { from: mark });
    expect(String(sent.params.text)).toContain('Xin chào');
  });
});
