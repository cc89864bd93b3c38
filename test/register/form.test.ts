import { afterEach, describe, expect, it } from 'vitest';
import { createKit } from '../../src/flows/register/kit.js';
import type { App } from '../../src/app.js';
import { Registrations } from '../../src/flows/register/records.js';
import { clock, joined, testApp } from '../helpers/app.js';
import { GOOD, texts } from './helpers.js';

let app: App;
afterEach(async () => app?.close());

async function officer() {
  const c = clock('2026-02-10T03:00:00Z');
  app = await testApp({ now: c.now });
  return { u: await joined(app, 'o1', 'cuc-btp', 'officer'), c };
}

describe('/dangky step by step', () => {
  it('re-prompts with a reason for a negative number, text for a number, a decimal and a count above the headcount', async () => {
    const { u } = await officer();
    await u.say('/dangky');
    await u.say('TTLĐXS');
    let t = await u.say('-3');
    expect(t).toContain('không được là số âm');
    expect(t).toContain('(2/9) Tổng số cán bộ');
    t = await u.say('hai mươi');
    expect(t).toContain('"hai mươi" không phải là một số');
    t = await u.say('20,5');
    expect(t).toContain('số nguyên');
    expect(await u.say('20')).toContain('(3/9) Số người đăng ký "Lao động tiên tiến (LĐTT)"');
    t = await u.say('25');
    expect(t).toContain('"LĐTT" (25) không được lớn hơn tổng số cán bộ của đơn vị (20)');
    expect(t).toContain('(3/9)');
    expect(await u.say('16')).toContain('(4/9)');
  });

  it('re-prompts a malformed target line, naming the line and the expected shape', async () => {
    const { u } = await officer();
    for (const a of ['/dangky', ...GOOD.slice(0, 6)]) await u.say(a);
    let t = await u.say('Tổ chức hội nghị; 12');
    expect(t).toContain('dòng 1: "Tổ chức hội nghị; 12" chưa đúng dạng "nội dung; đơn vị tính; giá trị"');
    expect(t).toContain('đọc được hai phần ("Tổ chức hội nghị" và "12"), còn thiếu một phần. Ví dụ: Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12');
    t = await u.say('Hội nghị; hội nghị; 12 | Tập huấn; lớp; -3');
    expect(t).toContain('dòng 2: giá trị "-3" là số âm');
    expect(t).toContain('(7/9) Chỉ tiêu thi đua');
    t = await u.say('Hội nghị; hội nghị; 12 | Tập huấn; lớp; 3');
    expect(t).toContain('(8/9)');
  });

  it('accepts input without diacritics and targets one per line', async () => {
    const { u } = await officer();
    await u.say('/dang ky');
    expect(await u.say('ttldxs')).toContain('(2/9)');
    for (const a of ['20', '16', '2', '0', '0']) await u.say(a);
    const t = await u.say('Hoi nghi; hoi nghi; 12\nTap huan; lop; 3');
    expect(t).toContain('(8/9)');
    await u.say('bo qua');
    const review = await u.say('-');
    expect(review).toContain('1. Hoi nghi — 12 hoi nghi');
    expect(review).toContain('2. Tap huan — 3 lop');
  });

  it('keeps every answer in the store as it goes, and resumes there after the conversation is lost', async () => {
    const { u, c } = await officer();
    for (const a of ['/dangky', 'TTLĐXS', '20', '16']) await u.say(a);
    const draft = await createKit(app.services).drafts.get(Registrations.key('cuc-btp', 2026));
    expect(draft?.values).toMatchObject({ collective: 'ttldxs', headcount: 20, 'n-ldtt': 16 });
    c.advance(3 * 3600_000); // the session expires
    const t = await u.say('/dangky');
    expect(t).toContain('Tiếp tục bản đang soạn dở');
    expect(t).toContain('(4/9) Số người đăng ký "Chiến sĩ thi đua cơ sở');
  });

  it('prefills from last year; "Keep" reuses an answer; back goes one step', async () => {
    const { u } = await officer();
    await u.say('/dangky 2025');
    for (const a of GOOD) await u.say(a);
    expect(await u.say('gửi')).toContain('Đã gửi đăng ký thi đua năm 2025');
    const first = await u.send('/dangky');
    expect(texts(first)).toContain('điền sẵn từ đăng ký năm 2025');
    expect(first[0].form?.fields.find((f) => f.id === 'headcount')?.initial).toBe(20);
    await u.press('f:collective:=');
    let t = await u.say('quay lại');
    expect(t).toContain('(1/9)');
    await u.press('f:collective:=');
    t = await u.say('22');
    expect(t).toContain('Hiện tại: 16');
    for (let i = 0; i < 4; i++) await u.press(`f:${['n-ldtt', 'n-cstdcs', 'n-cstd-bo', 'n-cstd-toan-quoc'][i]}:=`);
    await u.press('f:targets:=');
    await u.press('f:movements:-');
    const review = texts(await u.press('f:notes:-'));
    expect(review).toContain('Tổng số cán bộ: 22');
    expect(review).toContain('1. Tổ chức hội nghị phổ biến pháp luật — 12 hội nghị');
  });

  it('edits one item from the review, then saves a draft with the change in history', async () => {
    const { u } = await officer();
    await u.say('/dangky');
    for (const a of GOOD) await u.say(a);
    await u.press('f:do:edit');
    const ask = await u.press('f:edit:headcount');
    expect(ask[0].expects).toBe('number');
    expect(await u.say('21')).toContain('Tổng số cán bộ: 21');
    expect(await u.say('lưu')).toContain('Đã lưu nháp (phiên bản 1)');
    const r = await new Registrations(app.services.store).get('cuc-btp', 2026);
    expect(r).toMatchObject({ status: 'draft', headcount: 21, version: 1 });
    expect(await new Registrations(app.services.store).isSubmitted('cuc-btp', 2026)).toBe(false);
  });
});
