import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joined, tempDir, testApp, user } from '../helpers/app.js';
import { recordConsole } from '../helpers/data.js';
import { askModule } from '../../src/flows/ask/index.js';
import { parseCitations } from '../../src/flows/ask/escalation.js';
import { docsAt } from '../../src/knowledge/docs.js';
import { Questions } from '../../src/flows/ask/questions.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { Runtime } from '../../src/bot/runtime.js';
import type { Reply } from '../../src/bot/types.js';

const docs = docsAt('data');

describe('questions', () => {
  it('answers /hoi and plain text with citations and feedback buttons, without diacritics too', async () => {
    const app = await testApp();
    const u = user(app, 'q1');
    const [a] = await u.send('/hoi chien si thi dua co so can dieu kien gi');
    expect(a.text).toMatch(/Điều 23/);
    expect(a.choices?.map((c) => c.value)).toEqual([expect.stringMatching(/^fb:up:/), expect.stringMatching(/^fb:down:/)]);
    const [b] = await u.send('Tập thể lao động xuất sắc cần bao nhiêu phần trăm Lao động tiên tiến?');
    expect(b.text).toMatch(/70\s?%/);
    expect(b.text).toMatch(/Điều 27/);
    expect((await u.send('/hoi'))[0].text).toContain('Gõ /hoi');
  });

  it("points a question about a deadline to this year's dates in the department's calendar (/hanchot)", async () => {
    const app = await testApp();
    const u = user(app, 'q-deadline');
    const [a] = await u.send('Hạn nộp hồ sơ đề nghị khen thưởng năm nay là ngày nào?');
    expect(a.text).toContain('/hanchot');
    const [listed] = await u.send('/hanchot');
    expect(listed.text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect((await u.send('chien si thi dua co so can dieu kien gi'))[0].text).not.toContain('/hanchot');
  });

  it('declines an out-of-scope question and escalates it to the admins, whose answer comes back', async () => {
    const dir = tempDir();
    const app = await testApp();
    const sent = recordConsole(app);
    const admin = await joined(app, 'adm', 'vu-tccb', 'admin');
    const officer = await joined(app, 'off', 'cuc-hctp', 'officer');
    const [r] = await officer.send('/hoi Thủ tục đăng ký kết hôn với người nước ngoài cần giấy tờ gì?');
    expect(r.text).not.toMatch(/Điều \d+/);
    const escalate = r.choices?.find((c) => c.value.startsWith('q:send:'));
    expect(escalate).toBeDefined();
    // Another person cannot use the button.
    expect((await user(app, 'intruder').press(escalate!.value))[0].text).toContain('không còn hiệu lực');
    expect((await officer.press(escalate!.value))[0].text).toContain('Đã gửi câu hỏi');
    expect((await officer.press(escalate!.value))[0].text).toContain('đã được gửi trước đó');
    expect(sent.find((s) => s.chatId === 'chat-adm')?.reply.text).toContain('Cục Hành chính tư pháp');

    expect((await officer.send('/cauhoi'))[0].text).toContain('Chỉ quản trị viên');
    const [list] = await admin.send('/cauhoi');
    expect(list.text).toContain('kết hôn');
    expect((await admin.press(list.choices![0].value))[0].text).toContain('Nhập câu trả lời');
    expect((await admin.send('Ngoài phạm vi thi đua, khen thưởng; xem hướng dẫn hộ tịch.'))[0].text).toContain('căn cứ');
    expect((await admin.send('luat-99 1'))[0].text).toContain('Không hiểu căn cứ');
    const [done] = await admin.send('luat-06-2022 23 1');
    expect(done.text).toContain('Đã gửi câu trả lời');
    const toAsker = sent.find((s) => s.chatId === 'chat-off');
    expect(toAsker?.reply.text).toContain('Ngoài phạm vi thi đua');
    expect(toAsker?.reply.text).toContain('khoản 1 Điều 23');
    expect(done.choices?.[0].value).toMatch(/^q:curate:/);

    // Saving as a standard answer: use a knowledge base whose curated file is a temp file.
    const knowledge = await loadKnowledge({ dataDir: app.config.DATA_DIR, curatedFile: join(dir, 'added.yaml') });
    const withTempCurated = new Runtime(app.services, [askModule({ services: app.services, knowledge })]);
    const [curated] = await withTempCurated.handle({ platform: 'console', chatId: 'chat-adm', userId: 'adm', action: done.choices![0].value });
    expect(curated.text).toContain('Đã lưu thành câu trả lời chuẩn');
    const again = await knowledge.ask('Thủ tục đăng ký kết hôn với người nước ngoài cần giấy tờ gì?');
    expect(again.source).toBe('curated');
    expect(again.answer).toContain('Ngoài phạm vi thi đua');
  });

  it("passes a question and an answer holding '$' patterns verbatim to the admins and back to the asker", async () => {
    const app = await testApp();
    const sent = recordConsole(app);
    const admin = await joined(app, 'adm', 'vu-tccb', 'admin');
    const officer = await joined(app, 'off', 'cuc-hctp', 'officer');
    // `$'`, `$&` and `{a}` mean something to String.replace with a string replacement; here they are just text.
    const question = "Thủ tục đăng ký kết hôn với người nước ngoài: phí $' hay $& {a} USD?";
    const [r] = await officer.send(`/hoi ${question}`);
    await officer.press(r.choices!.find((c) => c.value.startsWith('q:send:'))!.value);
    const toAdmin = sent.find((s) => s.chatId === 'chat-adm')!.reply.text;
    expect(toAdmin).toContain(`«${question}»`);
    expect(toAdmin).toContain('Gõ /cauhoi để xem và trả lời.');
    expect(toAdmin.match(/Gõ \/cauhoi/g)).toHaveLength(1);
    const [list] = await admin.send('/cauhoi');
    await admin.press(list.choices![0].value);
    const answer = "Phí theo $1 hay $' tùy nơi; xem hướng dẫn hộ tịch.";
    await admin.send(answer);
    await admin.send('-');
    const toAsker = sent.find((s) => s.chatId === 'chat-off')!.reply.text;
    expect(toAsker).toContain(`«${question}»`);
    expect(toAsker).toContain(answer);
  });

  it('stores feedback only from the person who asked', async () => {
    const app = await testApp();
    const u = user(app, 'fb');
    const [a] = await u.send('/hoi Lao động tiên tiến cần tiêu chuẩn gì?');
    const down = a.choices!.find((c) => c.value.startsWith('fb:down:'))!.value;
    expect((await user(app, 'other').press(down))[0].text).toContain('không còn hiệu lực');
    const [r] = await u.press(down);
    expect(r.text).toContain('Cảm ơn phản hồi');
    expect(r.choices?.[0].value).toMatch(/^q:send:/);
    const q = await new Questions(app.store).get(down.split(':')[2]);
    expect(q?.feedback).toBe('down');
  });

  it('reads citations typed by the department', () => {
    expect(parseCitations('luat-06-2022 Điều 23 khoản 1; nd-98-2023 54', docs)).toEqual({ ok: true, citations: [{ doc: 'luat-06-2022', article: '23', clause: '1' }, { doc: 'nd-98-2023', article: '54' }] });
    expect(parseCitations('-', docs)).toEqual({ ok: true, citations: [] });
    expect(parseCitations('abc', docs)).toEqual({ ok: false, bad: 'abc' });
  });
});
