import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardingModule } from '../../src/flows/onboarding.js';
import { FakeSlack, sectionText, slackApp, slackUser } from '../helpers/fake-slack.js';
import { probeModule } from './probe.js';

/** What leaves the bot: rate limits obeyed, files uploaded, long texts within Block Kit limits. */
let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof slackApp>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await slackApp(fake, { modules: () => [onboardingModule(), probeModule()] });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const answerTo = (id: string) => fake.until(() => fake.responses.find((r) => r.id === id)?.body);

describe('Slack delivery', () => {
  it('retries a message refused with 429 after Retry-After and delivers it exactly once', async () => {
    fake.rateLimit('chat.postMessage', 1, 1);
    const before = fake.hits.filter((h) => h === '/api/chat.postMessage').length;
    await bot.app.services.outbox.send({ platform: 'slack', chatId: 'UREMIND' }, [{ text: '⏰ Còn 3 ngày đến hạn đăng ký thi đua.' }], { broadcast: true });
    const attempts = fake.hits.filter((h) => h === '/api/chat.postMessage').length - before;
    const delivered = fake.calledWith('chat.postMessage').filter((c) => c.params.channel === 'UREMIND');
    expect(attempts).toBe(2);
    expect(delivered).toHaveLength(1);
    expect(sectionText(delivered[0].params)).toContain('Còn 3 ngày');
  });

  it('uploads a reply’s file to the user’s DM with files.uploadV2', async () => {
    const u = slackUser(bot.port, fake, 'UFILE');
    const { id } = await u.command('file');
    expect(sectionText(await answerTo(id))).toContain('Tệp xuất:');
    expect(fake.calledWith('conversations.open').at(-1)?.params.users).toBe('UFILE');
    const complete = await fake.until(() => fake.calledWith('files.completeUploadExternal').at(-1)?.params);
    expect(complete.channel_id).toBe('DUFILE');
    expect(fake.uploads.at(-1)?.bytes.toString('utf8')).toBe('don vi;danh hieu\ncuc-btp;ttldxs\n');
  });

  it('uploads a file asked for in the DM exactly once', async () => {
    const u = slackUser(bot.port, fake, 'UFILE3');
    await u.event({ type: 'message', channel: 'DUFILE3', channel_type: 'im', text: '/file', ts: '5.1' });
    await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UFILE3' && sectionText(c.params).includes('Tệp xuất:')));
    expect(fake.calledWith('files.completeUploadExternal').filter((c) => c.params.channel_id === 'DUFILE3')).toHaveLength(1);
  });

  it('says where to get the file when the upload fails', async () => {
    fake.fail('files.getUploadURLExternal', 'not_allowed');
    const u = slackUser(bot.port, fake, 'UFILE2');
    const { id } = await u.command('file');
    const text = sectionText(await answerTo(id));
    fake.fail('files.getUploadURLExternal');
    expect(text).toContain('Không gửi được tệp "dangky.csv"');
    expect(text).toContain('thidua export');
  });

  it('splits a long answer into sections of at most 3000 characters, in one post, losing nothing', async () => {
    const u = slackUser(bot.port, fake, 'ULONG');
    const { id } = await u.command('dai');
    const posted = await answerTo(id);
    expect(fake.responses.filter((r) => r.id === id)).toHaveLength(1);
    const sections = posted.blocks.filter((b: any) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    expect(posted.blocks.length).toBeLessThanOrEqual(50);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    const all = sections.map((s: any) => s.text.text).join('\n');
    expect(all).toContain('Dòng 1: tiêu chuẩn &amp; điều kiện &lt;0&gt;');
    expect(all).toContain('Dòng 300: tiêu chuẩn &amp; điều kiện &lt;299&gt;');
    expect(all.split('\n')).toHaveLength(300);
  });
});
