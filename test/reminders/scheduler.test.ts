import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/flows/reminders/ledger.js';
import { Registrations } from '../../src/flows/register/records.js';
import { reminderApp } from './helpers.js';

const texts = (s: { reply: { text: string } }[]) => s.map((x) => x.reply.text);

describe('reminders reach only units that have not completed', () => {
  it('reminds every officer and head of a pending unit, with done and snooze buttons, in their language', async () => {
    const t = await reminderApp();
    await t.join('a', 'cuc-btp');
    const en = await t.join('b', 'cuc-hctp');
    await en.say('/lang en');
    const out = await t.tickAt('2026-12-08 08:00');
    const toA = out.filter(t.to('a'));
    expect(toA).toHaveLength(1);
    expect(toA[0].reply.text).toContain('Nộp báo cáo thử nghiệm');
    expect(toA[0].reply.text).toContain('còn 7 ngày');
    expect(toA[0].reply.choices?.map((c) => c.value)).toEqual(['rem:done:t-ack', 'rem:snooze:t-ack']);
    expect(out.filter(t.to('b'))[0].reply.text).toContain('Send the test report');
    // Registration deadline (due 20/01, -7 = 13/01) is not due yet.
    expect(texts(out).join()).not.toContain('Đăng ký thi đua năm 2027');
  });

  it('"done" stops the reminders for the whole unit and is recorded with who and when', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    await t.join('a2', 'cuc-btp', 'head');
    await t.join('b', 'cuc-hctp');
    await t.tickAt('2026-12-08 08:00');
    const reply = (await a.press('rem:done:t-ack')).map((r) => r.text).join();
    expect(reply).toContain('Đã ghi nhận');
    expect((await a.press('rem:done:t-ack'))[0].text).toContain('trước đó');
    const next = await t.tickAt('2026-12-14 08:00');
    expect(next.filter(t.to('a'))).toHaveLength(0);
    expect(next.filter(t.to('a2'))).toHaveLength(0);
    expect(next.filter(t.to('b'))).toHaveLength(1);
    expect(await t.reminders.ledger.done.get(Ledger.doneKey('t-ack', 'cuc-btp'))).toMatchObject({ by: 'console:a', at: '2026-12-08T01:00:00.000Z' });
  });

  it('a submitted registration completes the registration deadline; "done" points to /dangky instead', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-hctp');
    expect((await a.press('rem:done:t-reg'))[0].text).toContain('/dangky');
    const now = t.clock.now().toISOString();
    await new Registrations(t.app.store).save({
      unitId: 'cuc-btp', year: 2027, status: 'submitted', collectiveTitle: null, headcount: 10, individual: {}, targets: [], movements: [],
      version: 1, updatedAt: now, updatedBy: 'console:a', submittedAt: now, history: [{ version: 1, at: now, by: 'console:a', action: 'submit', changes: [] }],
    });
    const out = await t.tickAt('2027-01-13 08:00');
    expect(texts(out.filter(t.to('b'))).join()).toContain('Đăng ký thi đua năm 2027');
    expect(texts(out.filter(t.to('a'))).join()).not.toContain('Đăng ký thi đua năm 2027');
  });

  it('refuses buttons for unknown deadlines or people outside the audience', async () => {
    const t = await reminderApp({ calendar: (await import('./helpers.js')).TEST_CALENDAR.replace('offsets: [7, 3, 1, 0]', 'offsets: [7, 3, 1, 0]\n    audience: { roles: [officer], clusters: [bo-phan-thuong-truc] }') });
    const a = await t.join('a', 'cuc-btp');
    expect((await a.press('rem:done:t-ack'))[0].text).toContain('không áp dụng');
    expect((await a.press('rem:done:nope'))[0].text).toContain('Không tìm thấy');
    expect((await a.press('rem:explode'))[0].text).toContain('Không tìm thấy');
  });
});

describe('snooze, mute, working time', () => {
  it('snooze reminds that person again one working day later, once', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-btp');
    await t.tickAt('2026-12-08 08:00');
    t.clock.set(new Date('2026-12-08T01:05:00Z').toISOString());
    expect((await a.press('rem:snooze:t-ack'))[0].text).toContain('08:05 09/12/2026');
    expect(await t.tickAt('2026-12-09 08:00')).toHaveLength(0);
    const again = await t.tickAt('2026-12-09 08:05');
    expect(again.map((s) => s.chatId)).toEqual(['chat-a']);
    expect(await t.tickAt('2026-12-09 08:06')).toHaveLength(0);
  });

  it('sends nothing on a weekend, at night or on a day off; muted people get no reminders but heads still get escalations', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    const h = await t.join('h', 'cuc-btp', 'head');
    expect(await a.say('/tatnhac')).toContain('Đã tắt');
    await h.say('/mute');
    expect(await t.tickAt('2026-12-12 10:00')).toHaveLength(0); // Saturday
    expect(await t.tickAt('2026-12-14 19:00')).toHaveLength(0); // evening
    expect(await t.tickAt('2026-12-15 08:00')).toHaveLength(0); // muted
    const esc = await t.tickAt('2026-12-15 13:30');
    expect(esc.map((s) => s.chatId)).toEqual(['chat-h']);
    expect(esc[0].reply.text).toContain('Thủ trưởng');
    expect(await a.say('/batnhac')).toContain('Đã bật');
  });
});

describe('escalation and late report', () => {
  it('tells the head after the last reminder, then cluster heads and admins which units are late', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    await t.join('b', 'cuc-hctp');
    await t.join('hb', 'cuc-hctp', 'head');
    await t.join('ch', 'cuc-qlthads', 'cluster-head');
    await t.join('ad', 'vu-tccb', 'admin');
    await a.press('rem:done:t-ack');
    expect((await t.tickAt('2026-12-15 08:00')).map((s) => s.chatId).sort()).toEqual(['chat-b', 'chat-hb']); // the last reminder
    const head = await t.tickAt('2026-12-15 13:30');
    expect(head.map((s) => s.chatId)).toEqual(['chat-hb']);
    expect(head[0].reply.text).toContain('Cục Hành chính tư pháp');
    expect(await t.tickAt('2026-12-15 14:00')).toHaveLength(0);
    const late = await t.tickAt('2026-12-16 08:00');
    const toCh = late.filter(t.to('ch'))[0].reply.text;
    expect(toCh).toContain('Quá hạn');
    expect(toCh).toContain('Cục Hành chính tư pháp');
    expect(toCh).not.toContain('Cục Bổ trợ tư pháp');
    expect(toCh).toContain('(5/6)'); // only cuc-btp is done
    const toAd = late.filter(t.to('ad'))[0].reply.text;
    expect(toAd).toContain('Vụ Tổ chức cán bộ');
    expect(late.filter(t.to('b'))).toHaveLength(0);
    expect(await t.tickAt('2026-12-16 08:01')).toHaveLength(0); // once
  });
});

describe('catch-up after downtime', () => {
  it('sends only the latest missed reminder, drops stale ones after the deadline', async () => {
    const t = await reminderApp();
    await t.join('a', 'cuc-btp');
    // Down from 1/12 until Monday 14/12 10:00: the -7 reminder was missed; only the -1 goes out.
    const first = await t.tickAt('2026-12-14 10:00');
    expect(first.filter(t.to('a'))).toHaveLength(1);
    expect(first[0].reply.text).toContain('ngày mai');
    // Down again until after the deadline: no reminder, only the late report (nobody to get it here).
    expect(await t.tickAt('2026-12-17 09:00')).toHaveLength(0);
  });
});

describe('delivery failures', () => {
  it('records a failed send and retries it later, delivering once', async () => {
    let failing = true;
    const t = await reminderApp({ fail: (chat) => failing && chat === 'chat-a' });
    await t.join('a', 'cuc-btp');
    expect(await t.tickAt('2026-12-08 08:00')).toHaveLength(0);
    const rec = await t.reminders.ledger.deliveries.get(Ledger.reminderKey('t-ack', 'd7', 'console:a'));
    expect(rec).toMatchObject({ status: 'failed', attempt: 1, reason: 'chat not found' });
    failing = false;
    expect(await t.tickAt('2026-12-08 08:02')).toHaveLength(0); // waits for the retry time
    expect(await t.tickAt('2026-12-08 08:06')).toHaveLength(1);
    expect(await t.tickAt('2026-12-08 08:30')).toHaveLength(0);
    expect(await t.reminders.ledger.deliveries.get(Ledger.reminderKey('t-ack', 'd7', 'console:a'))).toMatchObject({ status: 'sent', attempt: 2 });
  });
});

describe('/hanchot', () => {
  it('lists upcoming deadlines with the unit status, and counts for admins', async () => {
    const t = await reminderApp();
    const a = await t.join('a', 'cuc-btp');
    const ad = await t.join('ad', 'vu-tccb', 'admin');
    await a.press('rem:done:t-ack');
    const list = await a.say('/hanchot');
    expect(list).toContain('Nộp báo cáo thử nghiệm');
    expect(list).toContain('✅ đã hoàn thành');
    expect(list).toContain('⏳ chưa hoàn thành');
    expect(await a.say('/deadlines')).toContain('Đăng ký thi đua năm 2027');
    expect(await ad.say('/hanchot')).toContain('1/7 đơn vị đã hoàn thành');
  });
});
