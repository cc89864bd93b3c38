import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/bot/adapters/telegram/index.js';
import { Inbox } from '../../src/bot/adapters/telegram/inbox.js';
import { telegramHarness } from './setup.js';

const ANNA = { id: 501, first_name: 'Nguyễn', last_name: 'Thị An' };
const BEN = { id: 502, first_name: 'Ben', language_code: 'en' };

type H = Awaited<ReturnType<typeof telegramHarness>>;
let h: H;
beforeEach(async () => {
  h = await telegramHarness();
});
afterEach(async () => {
  await h.close();
});

const buttonsOf = (m: Record<string, any>): { text: string; callback_data: string }[] => (m.reply_markup?.inline_keyboard ?? []).flat();

describe('Telegram adapter, long polling', () => {
  it('answers /start and /trogiup in Vietnamese and registers the command menu in both languages', async () => {
    const an = h.chat(ANNA);
    const [hello] = await an.say('/start');
    expect(hello.text).toContain('Xin chào');
    expect(hello.params.parse_mode).toBe('HTML');
    const [help] = await an.say('/trogiup');
    expect(help.text).toContain('Các lệnh bạn có thể dùng');

    const vi = h.fake.commands.get('')!.map((c) => c.command);
    const en = h.fake.commands.get('en')!.map((c) => c.command);
    expect(vi).toEqual(expect.arrayContaining(['start', 'thamgia', 'trogiup', 'ngonngu']));
    expect(en).toEqual(expect.arrayContaining(['start', 'join', 'help', 'lang']));
    expect(vi).not.toContain('moi'); // admin-only stays out of everyone's menu
    for (const c of [...vi, ...en]) expect(c).toMatch(/^[a-z0-9_]{1,32}$/);
    expect(h.fake.commands.get('en')!.find((c) => c.command === 'help')!.description).toMatch(/commands/);
  });

  it('keeps each fetched update until it is handled: one left over by a crash is answered at the next start', async () => {
    await h.chat(ANNA).say('/start');
    const inbox = new Inbox(h.app.store, h.adapter.me);
    for (let i = 0; (await inbox.size()) > 0; i++) {
      if (i > 200) throw new Error('a handled update stayed in the inbox');
      await new Promise((r) => setTimeout(r, 10));
    }
    // An update fetched — so confirmed to Telegram — by a process that stopped before handling it.
    await inbox.keep(h.fake.textUpdate({ chatId: BEN.id, from: BEN, text: '/start' }));
    await h.adapter.stop();
    const mark = h.fake.calls.length;
    const restarted = await startTelegram(h.app, { host: '127.0.0.1' });
    const reply = await h.fake.waitFor(h.sentTo(BEN.id), { from: mark });
    expect(String(reply.params.text)).toContain('Hello');
    await restarted.stop();
  });

  it('answers an English-speaking user in English', async () => {
    const [hello] = await h.chat(BEN).say('/start');
    expect(hello.text).toContain('Hello!');
  });

  it('binds an invite from a /start CODE deep link', async () => {
    const inv = await h.app.services.people.createInvite('cuc-btp', 'officer', { now: h.app.services.now() });
    const [reply] = await h.chat(ANNA).say(`/start ${inv.code}`);
    expect(reply.text).toContain('✅');
    const person = await h.app.services.people.get('telegram', String(ANNA.id));
    expect(person).toMatchObject({ unitId: 'cuc-btp', chatId: String(ANNA.id), name: 'Nguyễn Thị An' });
    const [again] = await h.chat(ANNA).say(`/start ${inv.code}`);
    expect(again.text).toContain('đã được sử dụng');
  });

  it('walks a choice with buttons: opaque callback data, answered press, keyboard removed, one press only', async () => {
    const an = h.chat(ANNA);
    const [ask] = await an.say('/ngonngu');
    const buttons = buttonsOf(ask);
    expect(buttons.map((b) => b.text)).toEqual(['Tiếng Việt', 'English']);
    expect(ask.reply_markup.inline_keyboard).toHaveLength(1); // short labels: two on a row
    for (const b of buttons) {
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
      expect(b.callback_data).not.toContain('lang');
    }

    const mark = h.fake.calls.length;
    const press = await an.press(ask, buttons[1].callback_data);
    const [done] = await h.fake.waitForCount(h.sentTo(ANNA.id), 1, { from: mark });
    expect(done.params.text).toBe('Language set to English.');
    expect(h.fake.answered(press.callback_query.id)).toBe(true);
    const edit = h.fake.calls.slice(mark).find((c) => c.method === 'editMessageReplyMarkup' && c.status === 200);
    expect(Number(edit?.params.chat_id)).toBe(ANNA.id);
    expect(edit?.params.message_id).toBe(ask.message_id);

    const [hello] = await an.say('/start');
    expect(hello.text).toContain('Hello!');

    // The same keyboard pressed again (e.g. a stale client): refused politely, nothing else.
    const mark2 = h.fake.calls.length;
    const again = await an.press(ask, buttons[0].callback_data);
    const answer = await h.fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === again.callback_query.id, { from: mark2 });
    expect(answer.params).toMatchObject({ show_alert: true, text: expect.stringContaining('no longer valid') });
    const [still] = await an.say('/start');
    expect(still.text).toContain('Hello!');
    expect(h.fake.calls.slice(mark2).filter(h.sentTo(ANNA.id))).toHaveLength(1);
  });

  it('refuses tampered and expired buttons politely and keeps answering', async () => {
    const an = h.chat(ANNA);
    const [ask] = await an.say('/ngonngu');
    const [vi] = buttonsOf(ask);
    const mark = h.fake.calls.length;
    const tampered = [vi.callback_data.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), 'lang:en', 'x'.repeat(64), ''];
    const presses = [];
    for (const data of tampered) presses.push(await an.press(ask, data));
    const answers = await h.fake.waitForCount((c) => c.method === 'answerCallbackQuery', tampered.length, { from: mark });
    for (const a of answers) expect(a.params).toMatchObject({ show_alert: true, text: 'Nút này không còn hiệu lực (thao tác đã kết thúc hoặc đã hết hạn). Vui lòng gõ lại lệnh nếu cần.' });
    for (const p of presses) expect(h.fake.answered(p.callback_query.id)).toBe(true);

    h.clk.advance(8 * 86400_000);
    const mark2 = h.fake.calls.length;
    await an.press(ask, vi.callback_data);
    await h.fake.waitFor((c) => c.method === 'answerCallbackQuery', { from: mark2 });

    const [hello] = await an.say('/start');
    expect(hello.text).toContain('Xin chào');
    const after = h.fake.calls.slice(mark);
    expect(after.filter(h.sentTo(ANNA.id))).toHaveLength(1);
    expect(after.filter((c) => c.method === 'editMessageReplyMarkup')).toHaveLength(0);
    expect(await h.app.runtime.localeFor({ platform: 'telegram', userId: String(ANNA.id) })).toBe('vi');
  });

  it('ignores malformed updates and unknown update types without crashing', async () => {
    const mark = h.fake.calls.length;
    h.fake.queue({ message: 'garbage' });
    h.fake.queue({ message: { message_id: 1, chat: { id: 'x' }, text: '/start' } });
    h.fake.queue({ message: { message_id: 2, from: { id: ANNA.id, is_bot: false, first_name: 'A' }, chat: { id: ANNA.id, type: 'private' }, date: 1, text: 42 } });
    h.fake.queue({ poll: { id: '1', question: 'Q?', options: [] } });
    h.fake.queue({ edited_message: { message_id: 3, chat: { id: ANNA.id, type: 'private' }, text: 'x' } });
    h.fake.queue({ callback_query: { id: 'q1', from: { id: ANNA.id, is_bot: false, first_name: 'A' }, chat_instance: '1', data: 'abc' } });
    const [hello] = await h.chat(ANNA).say('/start');
    expect(hello.text).toContain('Xin chào');
    expect(h.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(h.fake.pending).toBeLessThanOrEqual(1); // all confirmed by the next offset
  });

  it('obeys a 429 retry_after and delivers the message once', async () => {
    h.fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const mark = h.fake.calls.length;
    const [hello] = await h.chat(ANNA).say('/start');
    expect(hello.text).toContain('Xin chào');
    const sends = h.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.status)).toEqual([429, 200]);
    expect(sends[1].at - sends[0].at).toBeGreaterThanOrEqual(950); // waited as told
    expect(h.fake.sent.filter((m) => m.chat.id === ANNA.id)).toHaveLength(1);
  });

  it('splits a message over 4096 characters at paragraph boundaries, escaped for HTML', async () => {
    const paragraph = (i: number) => `Đoạn ${i}: tiêu chuẩn <CSTĐCS> & "LĐTT" — ` + 'nội dung '.repeat(60).trim();
    const text = Array.from({ length: 20 }, (_, i) => paragraph(i)).join('\n\n');
    expect(text.length).toBeGreaterThan(8192);
    const mark = h.fake.calls.length;
    await h.app.services.outbox.send({ platform: 'telegram', chatId: String(ANNA.id) }, [{ text: text + '\n\n*Hết*', format: 'markdown-lite' }]);
    const parts = h.fake.calls.slice(mark).filter(h.sentTo(ANNA.id)).map((c) => h.fake.sent.find((m) => m.params === c.params)!);
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(4096);
      expect(p.text.startsWith('Đoạn ')).toBe(true); // each part starts at a paragraph
    }
    expect(parts.map((p) => p.text).join('\n\n')).toBe(text + '\n\nHết');
    expect(parts[2].params.text).toContain('<b>Hết</b>');
    expect(parts[0].params.text).toContain('&lt;CSTĐCS&gt; &amp;');
  });

  it('sends files as documents, with the text as caption', async () => {
    const bytes = new TextEncoder().encode('STT,Đơn vị\n1,Cục Bổ trợ tư pháp\n');
    await h.app.services.outbox.send({ platform: 'telegram', chatId: String(ANNA.id) }, [
      { text: 'Bảng tổng hợp đăng ký <2026>', file: { name: 'dang-ky-2026.csv', mime: 'text/csv', bytes } },
    ]);
    const doc = h.fake.sent.find((m) => m.document)!;
    expect(doc.document.file_name).toBe('dang-ky-2026.csv');
    expect(doc.caption).toBe('Bảng tổng hợp đăng ký <2026>');
    expect(Buffer.from(h.fake.files[0].bytes).toString('utf8')).toBe('STT,Đơn vị\n1,Cục Bổ trợ tư pháp\n');
  });
});
