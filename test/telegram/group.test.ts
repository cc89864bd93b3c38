import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joined } from '../helpers/app.js';
import { GOOD } from '../register/helpers.js';
import { telegramHarness } from './setup.js';

// Each check gets its own group: the outbox rightly paces a group to 20 messages a minute.
let nextGroup = -1001234567890;
const newGroup = () => nextGroup--;
const ANNA = { id: 701, first_name: 'Trần', last_name: 'Văn An' };
const BINH = { id: 702, first_name: 'Bình' };

type H = Awaited<ReturnType<typeof telegramHarness>>;
let h: H;
beforeAll(async () => {
  h = await telegramHarness();
  // Anna is bound to a unit through a deep link in her private chat.
  const inv = await h.app.services.people.createInvite('cuc-btp', 'admin', { now: h.app.services.now() });
  const [joined] = await h.chat(ANNA).say(`/start ${inv.code}`);
  expect(joined.text).toContain('✅');
});
afterAll(async () => {
  await h.close();
});

describe('Telegram adapter in a group chat', () => {
  it('ignores plain chatter and commands addressed to another bot', async () => {
    const GROUP = newGroup();
    const an = h.chat(ANNA, GROUP, true);
    const mark = h.fake.calls.length;
    await h.push(h.fake.textUpdate({ chatId: GROUP, from: ANNA, text: 'Chào cả nhà, chiều nay họp cụm nhé', group: true }));
    await h.push(h.fake.textUpdate({ chatId: GROUP, from: ANNA, text: '/start@other_bot', group: true }));
    const [help] = await an.say(`/trogiup@${h.fake.bot.username}`);
    expect(help.text).toContain('Các lệnh');
    expect(h.fake.calls.slice(mark).filter(h.sentTo(GROUP))).toHaveLength(1);
  });

  it('answers a personal command with the private-chat redirect and posts no unit data', async () => {
    const groups = [newGroup(), newGroup()];
    const mark = h.fake.calls.length;
    const [me] = await h.chat(ANNA, groups[0], true).say('/toi');
    expect(me.text).toContain('chỉ dùng trong tin nhắn riêng');
    const [invite] = await h.chat(ANNA, groups[1], true).say('/moi cuc-btp');
    expect(invite.text).toContain('chỉ dùng trong tin nhắn riêng');
    const posted = h.fake.sent.filter((m) => m.chat.id < 0).map((m) => m.text).join('\n');
    expect(posted).not.toMatch(/Cục Bổ trợ tư pháp|Trần Văn An|[A-HJ-NP-Z2-9]{8}/);
    expect(h.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage')).toHaveLength(2);
    // Even a proactive personal message is never posted into a group.
    await expect(h.app.services.outbox.send({ platform: 'telegram', chatId: String(newGroup()) }, [{ text: 'Đơn vị: Cục Bổ trợ tư pháp', personal: true }])).rejects.toThrow(/group/);
  });

  it('turns a mention into a question', async () => {
    const [answer] = await h.chat(ANNA, newGroup(), true).say(`@${h.fake.bot.username} tiêu chuẩn chiến sĩ thi đua cơ sở là gì?`);
    expect(answer.text).not.toMatch(/Không có lệnh|chưa hiểu/);
    expect(answer.text.length).toBeGreaterThan(40);
  });

  it('lets only the person a keyboard was sent to press it', async () => {
    const GROUP = newGroup();
    const [ask] = await h.chat(ANNA, GROUP, true).say('/ngonngu');
    const en = ask.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text === 'English');
    const mark = h.fake.calls.length;
    const byBinh = await h.chat(BINH, GROUP, true).press(ask, en.callback_data);
    const refusal = await h.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === byBinh.callback_query.id, { from: mark });
    expect(refusal.params).toMatchObject({ show_alert: true, text: expect.stringContaining('không còn hiệu lực') });

    await h.chat(ANNA, GROUP, true).press(ask, en.callback_data);
    const done = await h.fake.waitFor(h.sentTo(GROUP), { from: mark });
    expect(done.params.text).toBe('Language set to English.');
    expect(await h.app.runtime.localeFor({ platform: 'telegram', userId: String(BINH.id) })).toBe('vi');
  });

  it('never binds a person to a group: /thamgia CODE there answers with a deep link, echoes no code, and the join happens in private', async () => {
    const inv = await h.app.services.people.createInvite('cuc-btp', 'head', { now: h.app.services.now() });
    const [join] = await h.chat(BINH, newGroup(), true).say(`/thamgia ${inv.code}`);
    const [start] = await h.chat(BINH, newGroup(), true).say(`/start ${inv.code}`);
    for (const r of [join, start]) {
      expect(r.text).toContain('chỉ dùng trong tin nhắn riêng');
      expect(r.text).toMatch(/https:\/\/t\.me\/thidua_test_bot\?start=p_\w+/);
      expect(r.text).not.toContain(inv.code);
    }
    expect(await h.app.services.people.get('telegram', String(BINH.id))).toBeUndefined();

    // The link opens the private chat with "/start p_thamgia": the bot asks for the code there.
    const payload = /\?start=(\S+)/.exec(join.text)![1];
    const binh = h.chat(BINH);
    expect((await binh.say(`/start ${payload}`))[0].text).toContain('/thamgia MÃ');
    expect((await binh.say(`/thamgia ${inv.code}`))[0].text).toContain('✅');
    expect((await h.app.services.people.get('telegram', String(BINH.id)))?.chatId).toBe(String(BINH.id));

    // So the head gets the unit's registration for approval, in private.
    const mark = h.fake.calls.length;
    const officer = await joined(h.app, 'oGroup', 'cuc-btp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
    const request = await h.fake.waitFor((c) => h.sentTo(BINH.id)(c) && String(c.params.text).includes('đã gửi đăng ký'), { from: mark });
    expect(request.params.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toContain('✅ Duyệt');
  });
});
