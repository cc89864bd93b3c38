import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, FakeSlack, sectionText, slackApp, slackUser, slackSuite } from '../helpers/fake-slack.js';

/** A stranger cannot flood the administrators with forwarded questions. */
const suite = slackSuite();

const answerTo = (id: string) => suite.fake.until(() => suite.fake.responses.find((r) => r.id === id)?.body);
const notices = () => suite.fake.calledWith('chat.postMessage').filter((c) => c.params.channel === 'UADMIN' && sectionText(c.params).includes('Câu hỏi mới'));

describe('escalations on Slack', () => {
  it('forwards at most 5 questions an hour from one person and tells the sixth when to retry', async () => {
    const admin = slackUser(suite.bot.port, suite.fake, 'UADMIN');
    const inv = await suite.bot.app.services.people.createInvite('vu-tccb', 'admin', { now: suite.bot.app.services.now() });
    await answerTo((await admin.command(`thamgia ${inv.code}`)).id);
    const stranger = slackUser(suite.bot.port, suite.fake, 'USTRANGER');
    const answers: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const ask = await stranger.command(`hoi Thủ tục đăng ký kết hôn với người nước ngoài, lần ${i}?`);
      const send = buttonsOf(await answerTo(ask.id)).find((b) => b.value.startsWith('q:send:'))!;
      const pressed = await stranger.press(send);
      answers.push(sectionText(await answerTo(pressed.id)));
    }
    expect(answers.slice(0, 5).every((a) => a.includes('Đã gửi câu hỏi'))).toBe(true);
    expect(answers[5]).toMatch(/đã gửi 5 câu hỏi.*chưa được gửi.*sau \d+ phút/s);
    await suite.fake.until(() => notices().length >= 5);
    expect(notices()).toHaveLength(5);
  });
});

describe('refused requests on Slack', () => {
  it('answers 429 to an IP after 20 refused requests in a minute, before reading its bodies', async () => {
    const own = await slackApp(suite.fake); // its own store and port: the block stays in this test
    try {
      const mallory = slackUser(own.port, suite.fake, 'UMALLORY');
      for (let i = 0; i < 20; i++) expect((await mallory.command('trogiup', { secret: 'forged' })).res.status).toBe(401);
      expect((await mallory.command('trogiup', { secret: 'forged' })).res.status).toBe(429);
      expect((await mallory.command('trogiup')).res.status).toBe(429);
    } finally {
      await own.stop();
    }
  });
});
