import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joined } from '../helpers/app.js';
import { GOOD } from '../register/helpers.js';
import { buttonsOf, FakeSlack, sectionText, signedPost, slackApp, slackUser } from '../helpers/fake-slack.js';

/** The real app (real modules) behind Bolt's HTTP receiver: signatures, help, health. */
let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof slackApp>>;
let alice: ReturnType<typeof slackUser>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await slackApp(fake);
  alice = slackUser(bot.port, fake, 'UALICE');
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const answerTo = (id: string) => fake.until(() => fake.responses.find((r) => r.id === id));

describe('Slack over HTTP', () => {
  it('checks the bot token at start-up (auth.test)', () => {
    expect(fake.calledWith('auth.test').length).toBeGreaterThan(0);
  });

  it('answers /thidua trogiup with the Vietnamese help, ephemerally, commands written as /thidua …', async () => {
    const { id, res } = await alice.command('trogiup');
    expect(res.status).toBe(200);
    const posted = (await answerTo(id)).body;
    expect(posted.response_type).toBe('ephemeral');
    const text = sectionText(posted);
    expect(text).toContain('Các lệnh bạn có thể dùng');
    expect(text).toContain('/thidua thamgia');
    expect(text).not.toMatch(/(^|\s)\/thamgia/);
  });

  it('answers /thidua with no subcommand, or an unknown one, with the help', async () => {
    for (const text of ['', 'linh tinh abc']) {
      const { id, res } = await alice.command(text);
      expect(res.status).toBe(200);
      expect(sectionText((await answerTo(id)).body)).toContain('Các lệnh bạn có thể dùng');
    }
  });

  it('accepts English aliases: /thidua help', async () => {
    const { id } = await alice.command('help');
    expect(sectionText((await answerTo(id)).body)).toContain('/thidua');
  });

  it('refuses a forged signature with 401 and runs nothing', async () => {
    const before = fake.responses.length;
    const { res } = await alice.command('trogiup', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    const ok = await alice.command('trogiup');
    await answerTo(ok.id);
    expect(fake.responses.length).toBe(before + 1);
  });

  it('refuses a request signed more than 5 minutes ago with 401', async () => {
    const { res } = await alice.command('trogiup', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
  });

  it('processes a signed request once: a replay within the 5 minutes is refused with 401', async () => {
    const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: 'UALICE', user_name: 'alice', command: '/thidua', text: 'trogiup', response_url: fake.responseUrl('replayed'), trigger_id: 'trig-replayed' }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedPost(bot.port, body, { timestamp })).status).toBe(200);
    await answerTo('replayed');
    expect((await signedPost(bot.port, body, { timestamp })).status).toBe(401);
    await answerTo((await alice.command('trogiup')).id); // a later request is answered, the replay never was
    expect(fake.responses.filter((r) => r.id === 'replayed')).toHaveLength(1);
  });

  it('refuses a request stamped more than 5 minutes in the future with 401', async () => {
    const { res } = await alice.command('trogiup', { timestamp: Math.floor(Date.now() / 1000) + 3600 });
    expect(res.status).toBe(401);
  });

  it('answers 413 to a body over 1 MB before reading it, signed or not', async () => {
    const big = `payload=${'x'.repeat(2 * 1024 * 1024)}`;
    expect((await signedPost(bot.port, big)).status).toBe(413);
    expect((await signedPost(bot.port, big, { secret: 'forged' })).status).toBe(413);
    expect((await alice.command('trogiup')).res.status).toBe(200);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await signedPost(bot.port, JSON.stringify({ token: 'x', challenge: 'chal-123', type: 'url_verification' }), { type: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('chal-123');
  });

  it('GET /healthz answers 200', async () => {
    const status = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: bot.port, path: '/healthz' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(200);
  });

  it('joins a unit with /thidua thamgia CODE and then knows the person in /thidua toi', async () => {
    const inv = await bot.app.services.people.createInvite('cuc-btp', 'officer', { now: bot.app.services.now() });
    const join = await alice.command(`thamgia ${inv.code.toLowerCase()}`);
    expect(sectionText((await answerTo(join.id)).body)).toContain('✅');
    const person = await bot.app.services.people.get('slack', 'T1:UALICE');
    expect(person?.chatId).toBe('UALICE'); // reminders reach the DM, not the channel the command was typed in
    const me = await alice.command('tôi');
    expect(sectionText((await answerTo(me.id)).body)).toContain('Cục Bổ trợ tư pháp');
  });

  it('forwards a long question cut at an emoji to a Slack admin (no half emoji to break the request)', async () => {
    const admin = slackUser(bot.port, fake, 'UADMIN');
    const inv = await bot.app.services.people.createInvite('vu-tccb', 'admin', { now: bot.app.services.now() });
    await answerTo((await admin.command(`thamgia ${inv.code}`)).id);
    const base = 'Thủ tục đăng ký kết hôn với người nước ngoài cần giấy tờ gì?';
    const guest = slackUser(bot.port, fake, 'UGUEST');
    const ask = await guest.command(`hoi ${base} ${'a'.repeat(999 - base.length - 1)}😀 phần cuối`);
    const send = buttonsOf((await answerTo(ask.id)).body).find((b) => b.value.startsWith('q:send:'))!;
    const pressed = await guest.press(send);
    expect(sectionText((await answerTo(pressed.id)).body)).not.toContain('chưa có quản trị viên');
    const notice = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UADMIN' && sectionText(c.params).includes('Câu hỏi mới')));
    expect(sectionText(notice.params)).not.toMatch(/\p{Cs}/u); // no half of an emoji left to fuse with the next character
    expect(sectionText(notice.params)).toContain(`${'a'.repeat(20)}…»`);
  });

  it('joins by a channel mention in the DM: bound to the DM, nothing personal in the channel, the thread told briefly', async () => {
    const inv = await bot.app.services.people.createInvite('cuc-hctp', 'head', { now: bot.app.services.now() });
    const bob = slackUser(bot.port, fake, 'UBOBHEAD');
    const ts = '1700000000.000100';
    expect((await bob.event({ type: 'app_mention', channel: 'CPUBLIC', ts, text: `<@UBOT> /thamgia ${inv.code}` })).status).toBe(200);
    const posts = (channel: string) => fake.calledWith('chat.postMessage').filter((c) => c.params.channel === channel).map((c) => sectionText(c.params));
    await fake.until(() => posts('UBOBHEAD').some((t) => t.includes('✅')));
    const note = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'CPUBLIC' && c.params.thread_ts === ts));
    expect(sectionText(note.params)).toContain('tin nhắn riêng');
    expect(posts('CPUBLIC').join('\n')).not.toMatch(new RegExp(`${inv.code}|Cục Hành chính tư pháp|thủ trưởng`));
    expect((await bot.app.services.people.get('slack', 'T1:UBOBHEAD'))?.chatId).toBe('UBOBHEAD');

    // The registration sent for approval goes to the head's DM, not to the channel.
    const officer = await joined(bot.app, 'oMention', 'cuc-hctp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
    const request = await fake.until(() => fake.calledWith('chat.postMessage').find((c) => c.params.channel === 'UBOBHEAD' && sectionText(c.params).includes('đã gửi đăng ký')));
    expect(buttonsOf(request.params).map((b) => b.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^reg:approve:cuc-hctp:/)]));
  });
});
