import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramHarness } from './setup.js';

/**
 * The bot echoes parts of what people type (an unknown title, a forwarded question). Cut in the
 * middle of an emoji, such an echo is not UTF-8 and Telegram refuses the whole message.
 */
const ADMIN = { id: 801, first_name: 'Quản trị' };
const GUEST = { id: 802, first_name: 'Khách' };
const EMOJI = '😀';

type H = Awaited<ReturnType<typeof telegramHarness>>;
let h: H;
beforeAll(async () => {
  h = await telegramHarness();
  const inv = await h.app.services.people.createInvite('vu-tccb', 'admin', { now: h.app.services.now() });
  const [joined] = await h.chat(ADMIN).say(`/start ${inv.code}`);
  expect(joined.text).toContain('✅');
});
afterAll(async () => {
  await h.close();
});

describe('echoes of user text on Telegram', () => {
  it('answers an unknown title whose echo would end inside an emoji', async () => {
    const [reply] = await h.chat(GUEST).say(`/kiemtra ${'x'.repeat(59)}${EMOJI}${EMOJI}`);
    expect(reply.text).toContain(`Không tìm thấy danh hiệu "${'x'.repeat(59)}…"`);
  });

  it('forwards a long question cut at an emoji to the admins, and lists it in /cauhoi', async () => {
    const base = 'Thủ tục đăng ký kết hôn với người nước ngoài cần giấy tờ gì?';
    const question = `${base} ${'a'.repeat(999 - base.length - 1)}${EMOJI} phần cuối`;
    const guest = h.chat(GUEST);
    const [answer] = await guest.say(`/hoi ${question}`);
    const send = answer.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.startsWith('📨'));
    const mark = h.fake.calls.length;
    await guest.press(answer, send.callback_data);
    const [toAdmin] = await h.fake.waitForCount(h.sentTo(ADMIN.id), 1, { from: mark });
    expect(toAdmin.params.text).toContain('📨 Câu hỏi mới');
    expect(toAdmin.params.text).toContain(`${'a'.repeat(20)}…»`);
    const [toGuest] = await h.fake.waitForCount(h.sentTo(GUEST.id), 1, { from: mark });
    expect(toGuest.params.text).toContain('Đã gửi câu hỏi');
    expect(toGuest.params.text).not.toContain('chưa có quản trị viên');

    const [list] = await h.chat(ADMIN).say('/cauhoi');
    expect(list.text).toContain('Câu hỏi đang chờ trả lời (1)');
    expect(list.text).toContain(base);
  });
});
