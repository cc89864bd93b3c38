import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack, sectionText, slackApp } from '../helpers/fake-slack.js';

/** Socket Mode (SLACK_APP_TOKEN): the same core over a WebSocket instead of signed HTTP. */
let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof slackApp>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await slackApp(fake, { env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe('Slack in Socket Mode', () => {
  it('connects through apps.connections.open, acknowledges a /thidua trogiup envelope and answers in Vietnamese', async () => {
    expect(bot.port).toBeUndefined(); // no HTTP server
    await fake.until(() => fake.sockets.length > 0);
    fake.push({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'fake',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: 'USOCK',
        user_name: 'usock',
        command: '/thidua',
        text: 'trogiup',
        api_app_id: 'A1',
        response_url: fake.responseUrl('sock-1'),
        trigger_id: 'trig-sock',
      },
    });
    await fake.until(() => fake.socketAcks.find((a) => a.envelope_id === 'env-1'));
    const posted = await fake.until(() => fake.responses.find((r) => r.id === 'sock-1')?.body);
    expect(sectionText(posted)).toContain('Các lệnh bạn có thể dùng');
  });
});
