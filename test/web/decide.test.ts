import { afterEach, describe, expect, it } from 'vitest';
import { Registrations } from '../../src/flows/register/records.js';
import { joined } from '../helpers/app.js';
import { client, saveRegistration, webApp } from '../helpers/web.js';

/** A head decides on the unit's submitted registration from the dashboard, as with the chat's buttons. */
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const UNIT = '/app/unit/cuc-btp';

async function signedIn(w: Awaited<ReturnType<typeof webApp>>, who: string) {
  const c = client(w.base);
  expect((await c.signIn(await w.link({ kind: 'person', person: `console:${who}` }))).status).toBe(303);
  return c;
}

/** The dashboard, with a head and an officer of Cục Bổ trợ tư pháp and its 2027 registration (version 1) awaiting a decision. */
async function unitAwaitingDecision() {
  const w = await webApp();
  close = w.close;
  await joined(w.app, 'hd', 'cuc-btp', 'head');
  await joined(w.app, 'of', 'cuc-btp', 'officer');
  await saveRegistration(w.app, 'cuc-btp', 2027, 'submitted');
  return { w, regs: new Registrations(w.app.store) };
}

describe('deciding on a registration from the web dashboard', () => {
  it('lets the head approve: the same record, history and notice to the officers as in chat; an officer gets no form and a 403', async () => {
    const { w, regs } = await unitAwaitingDecision();

    const officer = await signedIn(w, 'of');
    const seen = await (await officer.get(`${UNIT}?year=2027`)).text();
    expect(seen).toContain('Đang chờ thủ trưởng đơn vị duyệt');
    expect(seen).not.toContain('name="decision"');
    const forbidden = await officer.post(`${UNIT}/decide`, { csrf: officer.csrfOf(seen), year: '2027', version: '1', decision: 'approve' });
    expect(forbidden.status).toBe(403);
    expect((await regs.get('cuc-btp', 2027))?.status).toBe('submitted');

    const head = await signedIn(w, 'hd');
    const page = await (await head.get(`${UNIT}?year=2027`)).text();
    expect(page).toContain('Duyệt đăng ký (phiên bản 1)');
    const csrf = head.csrfOf(page);
    // A button of an older version is refused with the reason, and nothing changes.
    const stale = await head.post(`${UNIT}/decide`, { csrf, year: '2027', version: '2', decision: 'approve' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Đăng ký đã thay đổi (nay là phiên bản 1)');
    const sentBefore = w.sent.length;

    const done = await head.post(`${UNIT}/decide`, { csrf, year: '2027', version: '1', decision: 'approve' });
    expect(done.status).toBe(303);
    const after = await (await head.get(done.headers.get('location')!)).text();
    expect(after).toContain('Đã duyệt đăng ký năm 2027 (phiên bản 1)');
    expect(after).not.toContain('name="decision"');
    const reg = (await regs.get('cuc-btp', 2027))!;
    expect(reg.status).toBe('approved');
    expect(reg.history.at(-1)).toMatchObject({ action: 'approve', by: 'console:hd', role: 'head' });
    const told = w.sent.slice(sentBefore).filter((s) => s.chatId === 'chat-of');
    expect(told.map((s) => s.reply.text).join('\n')).toContain('đã được');
    expect(w.sent.slice(sentBefore).filter((s) => s.chatId === 'chat-hd')).toEqual([]); // the head sees the outcome on the page

    // Posting again (a reload, a second tab) decides nothing twice.
    const twice = await head.post(`${UNIT}/decide`, { csrf, year: '2027', version: '1', decision: 'approve' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('không có gì để duyệt');
    expect((await regs.get('cuc-btp', 2027))!.history.filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('lets the head return with a comment, which is required, and tells the officers what to change', async () => {
    const { w, regs } = await unitAwaitingDecision();
    const head = await signedIn(w, 'hd');
    const csrf = head.csrfOf(await (await head.get(`${UNIT}?year=2027`)).text());

    const empty = await head.post(`${UNIT}/decide`, { csrf, year: '2027', version: '1', decision: 'return', comment: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Hãy nhập ý kiến');
    expect((await regs.get('cuc-btp', 2027))?.status).toBe('submitted');

    const comment = 'Bổ sung chỉ tiêu về cải cách hành chính <b>trước 15/01</b>';
    const done = await head.post(`${UNIT}/decide`, { csrf, year: '2027', version: '1', decision: 'return', comment });
    expect(done.status).toBe(303);
    const after = await (await head.get(done.headers.get('location')!)).text();
    expect(after).toContain('Đã trả lại đăng ký năm 2027');
    expect(after).toContain('Bổ sung chỉ tiêu về cải cách hành chính &lt;b&gt;trước 15/01&lt;/b&gt;');
    const reg = (await regs.get('cuc-btp', 2027))!;
    expect(reg).toMatchObject({ status: 'returned', returnComment: comment });
    expect(w.sent.filter((s) => s.chatId === 'chat-of').map((s) => s.reply.text).join('\n')).toContain(`Ý kiến: ${comment}`);
  });
});
