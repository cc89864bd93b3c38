import { afterEach, describe, expect, it } from 'vitest';
import { joined } from '../helpers/app.js';
import { Questions } from '../../src/flows/ask/questions.js';
import { client, saveRegistration, unitsYaml, waitingQuestion, webApp } from '../helpers/web.js';

/** The dashboard over plain HTTP: sessions, CSRF, escaping, access. The browser tests drive the same pages in Chromium. */
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('web dashboard over HTTP', () => {
  it('shows no page and no download without a session', async () => {
    const w = await webApp();
    close = w.close;
    await saveRegistration(w.app, 'cuc-btp', 2027, 'approved');
    const c = client(w.base);
    for (const path of ['/app', '/app/', '/app/unit/cuc-btp', '/app/unit/cuc-btp/registration.docx?year=2027', '/app/unit/cuc-btp/registration.xlsx?year=2027', '/app/export.xlsx', '/app/review/cum-3/minutes.docx', '/app/questions', '/app/knowledge']) {
      const res = await c.get(path);
      expect(res.status, path).toBe(401);
      const body = await res.text();
      expect(body, path).toContain('Gõ /web');
      expect(body).not.toContain('Cục Bổ trợ tư pháp');
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    // A forged session cookie is no session.
    c.jar.set('thidua_sid', 'A'.repeat(43));
    expect((await c.get('/app/')).status).toBe(401);
  });

  it('signs in once per link with a strict, HttpOnly session cookie; Secure behind https', async () => {
    const w = await webApp({ env: { WEB_BASE_URL: 'https://thidua.example.gov.vn' } });
    close = w.close;
    await joined(w.app, 'head', 'cuc-btp', 'cluster-head');
    const link = (await w.link({ kind: 'person', person: 'console:head' })).replace('https://thidua.example.gov.vn', w.base);
    const c = client(w.base);
    const res = await c.signIn(link);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/');
    const sid = res.headers.getSetCookie().find((s) => s.startsWith('thidua_sid='))!;
    expect(sid).toMatch(/HttpOnly/);
    expect(sid).toMatch(/SameSite=Strict/);
    expect(sid).toMatch(/Secure/);
    expect(sid).toMatch(/Max-Age=28800/);
    expect((await c.get('/app/')).status).toBe(200);
    // The same link again, from another browser: refused as used.
    const again = client(w.base);
    const used = await again.get(link);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('đã được sử dụng');
    // A link for someone who is not (or no longer) in the store opens nothing.
    const ghost = (await w.link({ kind: 'person', person: 'console:ghost' })).replace('https://thidua.example.gov.vn', w.base);
    const none = await client(w.base).get(ghost);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Liên kết đăng nhập không hợp lệ');
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const w = await webApp();
    close = w.close;
    await joined(w.app, 'adm', 'vu-tccb', 'admin');
    const q = await waitingQuestion(w.app, 'off', 'Thủ tục đăng ký kết hôn cần gì?');
    const c = client(w.base);
    await c.signIn(await w.link({ kind: 'person', person: 'console:adm' }));
    const page = await c.get('/app/questions');
    const csrf = c.csrfOf(await page.text());
    expect(csrf).not.toBe('');
    for (const bad of [{}, { csrf: 'x'.repeat(43) }] as Record<string, string>[]) {
      const res = await c.post(`/app/questions/${q.id}/answer`, { ...bad, answer: 'Trả lời giả mạo', citations: '' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ');
    }
    expect((await new Questions(w.app.store).get(q.id))?.status).toBe('escalated');
    expect(w.sent).toHaveLength(0);
    const ok = await c.post(`/app/questions/${q.id}/answer`, { csrf, answer: 'Xem Điều 23.', citations: 'luat-06-2022 23 1' });
    expect(ok.status).toBe(303);
    expect(w.sent.find((s) => s.chatId === 'chat-off')?.reply.text).toContain('Xem Điều 23.');
  });

  it('escapes a unit name and a question holding markup', async () => {
    const evil = '<script>alert(1)</script>';
    const yaml = unitsYaml().replace('vi: Cục Bổ trợ tư pháp', `vi: "Cục Bổ trợ tư pháp ${evil}"`);
    const w = await webApp({ units: yaml });
    close = w.close;
    await joined(w.app, 'adm', 'vu-tccb', 'admin');
    await saveRegistration(w.app, 'cuc-btp', 2027, 'submitted', { notes: `Ghi chú <img src=x onerror=alert(2)>` });
    await waitingQuestion(w.app, 'off', `Câu hỏi ${evil} có "ngoặc" & 'nháy'?`, 'cuc-btp');
    const c = client(w.base);
    await c.signIn(await w.link({ kind: 'person', person: 'console:adm' }));
    for (const path of ['/app/', '/app/unit/cuc-btp?year=2027', '/app/questions', '/app/review/cum-3']) {
      const body = await (await c.get(path)).text();
      expect(body, path).not.toContain('<script>alert');
      expect(body, path).not.toContain('<img src=x');
    }
    expect(await (await c.get('/app/unit/cuc-btp?year=2027')).text()).toContain('Cục Bổ trợ tư pháp &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await (await c.get('/app/unit/cuc-btp?year=2027')).text()).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(await (await c.get('/app/questions')).text()).toContain('Câu hỏi &lt;script&gt;alert(1)&lt;/script&gt; có &quot;ngoặc&quot; &amp; &#39;nháy&#39;?');
  });

  it('scopes a cluster head to the cluster: 403 for another cluster, downloads of its own units', async () => {
    const w = await webApp();
    close = w.close;
    await joined(w.app, 'ch', 'cuc-btp', 'cluster-head');
    await saveRegistration(w.app, 'cuc-hctp', 2027, 'approved');
    await saveRegistration(w.app, 'vu-tccb', 2027, 'approved');
    const c = client(w.base);
    await c.signIn(await w.link({ kind: 'person', person: 'console:ch' }));
    const other = await c.get('/app/unit/vu-tccb?year=2027');
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Bạn không có quyền xem dữ liệu của Vụ Tổ chức cán bộ');
    expect((await c.get('/app/unit/vu-tccb/registration.docx?year=2027')).status).toBe(403);
    expect((await c.get('/app/review/bo-phan-thuong-truc')).status).toBe(403);
    expect((await c.get('/app/questions')).status).toBe(403);
    const docx = await c.get('/app/unit/cuc-hctp/registration.docx?year=2027');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('dang-ky-thi-dua-2027-cuc-hctp.docx');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const xlsx = await c.get('/app/export.xlsx?year=2027');
    expect(xlsx.status).toBe(200);
    expect((await c.get('/app/review/cum-3/minutes.docx')).status).toBe(200);
    // The role is read again on every request: demoted to officer, the export is gone at once.
    const p = (await w.app.services.people.get('console', 'ch'))!;
    await w.app.services.people.save({ ...p, role: 'officer' });
    expect((await c.get('/app/export.xlsx?year=2027')).status).toBe(403);
    expect((await c.get('/app/unit/cuc-hctp?year=2027')).status).toBe(403);
  });

  it('rate-limits sign-in: after 10 refused links in 15 minutes an address gets 429, even with a good link, until the window ends', async () => {
    const w = await webApp();
    close = w.close;
    await joined(w.app, 'off', 'cuc-btp', 'officer');
    const c = client(w.base);
    for (let i = 0; i < 11; i++) expect((await c.get(`/app/login?t=${String(i).padStart(43, 'x')}`)).status).toBe(400);
    const good = await w.link({ kind: 'person', person: 'console:off' });
    const refused = await c.get(good);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Có quá nhiều lần đăng nhập không thành công');
    w.clock.advance(15 * 60_000);
    const fresh = await w.link({ kind: 'person', person: 'console:off' });
    expect((await c.signIn(fresh)).status).toBe(303);
  });

  it('behind a proxy (TRUST_PROXY_HOPS=1) counts refused sign-ins per client, not per proxy, and ignores forged entries', async () => {
    const w = await webApp({ env: { TRUST_PROXY_HOPS: '1' } });
    close = w.close;
    await joined(w.app, 'off', 'cuc-btp', 'officer');
    // Every request comes from the same socket (the proxy); the proxy appends the address it saw.
    const via = (seen: string, path: string) => fetch(new URL(path, w.base), { headers: { 'x-forwarded-for': seen }, redirect: 'manual' });
    // The guesser also sends entries of its own, different each time: the proxy's entry is what counts.
    for (let i = 0; i < 11; i++) expect((await via(`10.0.0.${i}, 203.0.113.7`, `/app/login?t=${String(i).padStart(43, 'x')}`)).status).toBe(400);
    const good = await w.link({ kind: 'person', person: 'console:off' });
    expect((await via('203.0.113.7', good)).status).toBe(429);
    // An officer behind the same proxy is not locked out by someone else's guesses.
    expect((await via('198.51.100.20', good)).status).toBe(200);
  });
});
