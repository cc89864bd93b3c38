import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Registrations } from '../../src/flows/register/records.js';
import { clock, joined, testApp } from '../helpers/app.js';
import { GOOD, recordConsole, texts } from './helpers.js';

let app: App;
let regs: Registrations;
let sent: ReturnType<typeof recordConsole>;
const c = clock('2026-02-10T03:00:00Z');

beforeEach(async () => {
  c.set('2026-02-10T03:00:00Z');
  app = await testApp({ now: c.now });
  regs = new Registrations(app.services.store);
  sent = recordConsole(app);
});
afterEach(async () => app.close());

async function submitted(unitId = 'cuc-btp', id = 'oA') {
  const officer = await joined(app, id, unitId, 'officer');
  for (const a of ['/dangky', ...GOOD]) await officer.say(a);
  expect(await officer.say('gửi')).toContain('Đã gửi đăng ký');
  return officer;
}

describe('approval', () => {
  it('the head is notified with buttons, approves, and the officer is told through the outbox', async () => {
    const head = await joined(app, 'hA', 'cuc-btp', 'head');
    await submitted();
    const toHead = sent.find((s) => s.chatId === 'chat-hA');
    expect(toHead?.reply.text).toContain('Cán bộ đầu mối (Cục Bổ trợ tư pháp) đã gửi đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp');
    expect(toHead?.reply.choices?.map((x) => x.value)).toEqual(['reg:approve:cuc-btp:2026:1', 'reg:return:cuc-btp:2026:1']);

    c.advance(3600_000);
    const out = texts(await head.press('reg:approve:cuc-btp:2026:1'));
    expect(out).toContain('Đã duyệt đăng ký thi đua năm 2026 của Cục Bổ trợ tư pháp (phiên bản 2)');
    expect(out).toContain('Đã thông báo cho: cán bộ đầu mối (terminal)');
    expect(out).not.toMatch(/console|\boA\b/);
    expect(sent.find((s) => s.chatId === 'chat-oA')?.reply.text).toContain('đã được thủ trưởng đơn vị (Cục Bổ trợ tư pháp) duyệt');
    expect(await regs.get('cuc-btp', 2026)).toMatchObject({ status: 'approved', approvedBy: 'console:hA', version: 2 });
    expect(await regs.isSubmitted('cuc-btp', 2026)).toBe(true);
    // pressed twice (or an old message): nothing to decide
    expect(texts(await head.press('reg:approve:cuc-btp:2026:1'))).toContain('trạng thái "đã duyệt"');
  });

  it('return asks for a comment, the officer is notified, sees it and resubmits', async () => {
    const head = await joined(app, 'hA', 'cuc-btp', 'head');
    const officer = await submitted();
    const view = await head.send('/dangky xem');
    expect(view[0].choices?.map((x) => x.label)).toEqual(['✅ Duyệt', '↩️ Trả lại']);
    expect(texts(await head.press(view[0].choices![1].value))).toContain('nhập ý kiến');
    const done = texts(await head.send('Chỉ tiêu số 2 cần cụ thể hơn'));
    expect(done).toContain('Đã trả lại đăng ký năm 2026');
    const note = sent.find((s) => s.chatId === 'chat-oA' && s.reply.text.includes('trả lại'));
    expect(note?.reply.text).toContain('Ý kiến: Chỉ tiêu số 2 cần cụ thể hơn');
    expect(await regs.get('cuc-btp', 2026)).toMatchObject({ status: 'returned', returnComment: 'Chỉ tiêu số 2 cần cụ thể hơn' });
    expect(await regs.isSubmitted('cuc-btp', 2026)).toBe(false);

    const again = await officer.say('/dangky');
    expect(again).toContain('Ý kiến: Chỉ tiêu số 2 cần cụ thể hơn');
    for (let i = 0; i < 6; i++) await officer.press(`f:${['collective', 'headcount', 'n-ldtt', 'n-cstdcs', 'n-cstd-bo', 'n-cstd-toan-quoc'][i]}:=`);
    await officer.say('Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Hồ sơ giải quyết đúng hạn trong 15 ngày; %; 100');
    await officer.press('f:movements:-');
    await officer.press('f:notes:-');
    expect(await officer.say('gửi')).toContain('phiên bản 3');
    const history = await officer.say('/dangky lichsu');
    expect(history).toContain('v2 · 10/02/2026 10:00 · thủ trưởng đơn vị (Cục Bổ trợ tư pháp) · Trả lại (ý kiến: Chỉ tiêu số 2 cần cụ thể hơn)');
    expect(history).toContain('v3 · 10/02/2026 10:00 · cán bộ đầu mối (Cục Bổ trợ tư pháp) · Gửi đăng ký: Thêm chỉ tiêu: Hồ sơ giải quyết đúng hạn trong 15 ngày; %; 100; Bỏ chỉ tiêu: Hồ sơ giải quyết đúng hạn; %; 100');
  });

  it('says so when the person to notify is on a platform that is not running', async () => {
    await app.services.people.save({ platform: 'telegram', userId: '42', chatId: '42', unitId: 'cuc-btp', role: 'head', muted: false, joinedAt: c.now().toISOString(), name: 'Trưởng Cục' });
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    expect(await officer.say('gửi')).toContain('Chưa gửi được thông báo tới Trưởng Cục (thủ trưởng đơn vị, Telegram)');
  });
});

describe('who may do what', () => {
  it('a head of another unit (and a forged button naming another unit) cannot approve', async () => {
    await submitted('cuc-btp', 'oA');
    const headB = await joined(app, 'hB', 'vu-htqt', 'head');
    const out = texts(await headB.press('reg:approve:cuc-btp:2026:1'));
    expect(out).toContain('Bạn không có quyền duyệt đăng ký của Cục Bổ trợ tư pháp');
    expect(texts(await headB.press('reg:return:cuc-btp:2026:1'))).toContain('không có quyền duyệt');
    expect((await regs.get('cuc-btp', 2026))?.status).toBe('submitted');
    // the officer of the unit cannot approve either, nor can tampered values do anything
    const officerA = await joined(app, 'oA2', 'cuc-btp', 'officer');
    expect(texts(await officerA.press('reg:approve:cuc-btp:2026:1'))).toContain('không có quyền duyệt');
    expect(texts(await headB.press('reg:approve:cuc-btp:2026:99999'))).toContain('không có quyền');
    expect(texts(await headB.press('reg:approve:../../x:2026:1'))).toContain('Nút này không hợp lệ');
    expect((await regs.get('cuc-btp', 2026))?.version).toBe(1);
  });

  it('a stale button (the registration changed since) is refused', async () => {
    const head = await joined(app, 'hA', 'cuc-btp', 'head');
    const officer = await submitted();
    await officer.say('/dangky');
    await officer.press('f:collective:=');
    await officer.say('21');
    for (let i = 0; i < 4; i++) await officer.press(`f:${['n-ldtt', 'n-cstdcs', 'n-cstd-bo', 'n-cstd-toan-quoc'][i]}:=`);
    for (const v of ['f:targets:=', 'f:movements:-', 'f:notes:-']) await officer.press(v);
    expect(await officer.say('gửi')).toContain('phiên bản 2');
    expect(texts(await head.press('reg:approve:cuc-btp:2026:1'))).toContain('nay là phiên bản 2');
    expect(texts(await head.press('reg:approve:cuc-btp:2026:2'))).toContain('Đã duyệt');
  });

  it('officers edit and see only their unit; a cluster head sees the cluster; admins see all', async () => {
    await submitted('cuc-btp', 'oA');
    const officerB = await joined(app, 'oB', 'vu-htqt', 'officer');
    expect(await officerB.say('/dangky xem cuc-btp')).toContain('Bạn không xem được đăng ký của Cục Bổ trợ tư pháp');
    expect(await officerB.say('/dangky lichsu cuc-btp')).toContain('Bạn không xem được');
    expect(await officerB.say('/dangky cuc-btp')).toContain('Bạn không có quyền sửa đăng ký của Cục Bổ trợ tư pháp');
    const clusterHead = await joined(app, 'ch', 'vu-htqt', 'cluster-head');
    const seen = await clusterHead.send('/dangky xem cuc-btp');
    expect(seen[0].text).toContain('Trạng thái: đã gửi, chờ duyệt');
    expect(seen[0].choices).toBeUndefined();
    expect(await clusterHead.say('/dangky cuc-btp')).toContain('Bạn không có quyền sửa');
    expect(await joined(app, 'tccb', 'vu-tccb', 'officer').then((u) => u.say('/dangky xem cuc-btp'))).toContain('Bạn không xem được');
    const admin = await joined(app, 'ad', 'vu-tccb', 'admin');
    const adminView = await admin.send('/dangky xem cuc-btp');
    expect(adminView[0].choices?.[0].value).toBe('reg:approve:cuc-btp:2026:1');
  });

  it('a person whose role changed mid-form cannot save', async () => {
    const officer = await joined(app, 'oA', 'cuc-btp', 'officer');
    for (const a of ['/dangky', ...GOOD]) await officer.say(a);
    const p = (await app.services.people.get('console', 'oA'))!;
    await app.services.people.save({ ...p, unitId: 'vu-htqt' });
    expect(await officer.say('gửi')).toContain('không còn quyền sửa');
    expect(await regs.get('cuc-btp', 2026)).toBeUndefined();
  });
});
