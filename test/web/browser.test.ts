import { mkdirSync, readdirSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joined } from '../helpers/app.js';
import { chromePath, launchChrome, NO_CHROME } from '../helpers/browser.js';
import { dataDir } from '../helpers/data.js';
import { saveRegistration, waitingQuestion, webApp } from '../helpers/web.js';
import { Questions } from '../../src/flows/ask/questions.js';

/** The dashboard in a real Chromium: sign in through a link, read the overview, answer a question, be refused. */
const chrome = chromePath();
if (!chrome) console.warn(NO_CHROME);

describe.skipIf(!chrome)('web dashboard in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChrome();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser profile (its own cookies) that opens `link` and presses "Đăng nhập". */
  async function signedIn(link: string): Promise<Page> {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.goto(link);
    await Promise.all([page.waitForNavigation(), page.click('#signin')]);
    return page;
  }
  const text = (page: Page) => page.$eval('main', (m) => (m as unknown as { innerText: string }).innerText);

  it('a cluster head signs in through a link and sees the counts of the cluster; another cluster is 403', async () => {
    const w = await webApp();
    try {
      await joined(w.app, 'ch', 'cuc-btp', 'cluster-head');
      await saveRegistration(w.app, 'cuc-btp', 2027, 'approved');
      await saveRegistration(w.app, 'cuc-hctp', 2027, 'approved');
      await saveRegistration(w.app, 'cuc-qlthads', 2027, 'submitted');
      await saveRegistration(w.app, 'cuc-pbgdpl-tgpl', 2027, 'returned', { returnComment: 'Thiếu chỉ tiêu' });
      await saveRegistration(w.app, 'vu-htqt', 2027, 'draft');
      await saveRegistration(w.app, 'vu-tccb', 2027, 'approved'); // another cluster: not counted here
      const page = await signedIn(await w.link({ kind: 'person', person: 'console:ch' }));
      expect(new URL(page.url()).pathname).toBe('/app/');
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Tổng quan');
      expect(await page.$$eval('.legend li', (li) => li.map((x) => x.textContent))).toEqual(['đã duyệt: 2', 'đã gửi, chờ duyệt: 1', 'bị trả lại để sửa: 1', 'bản nháp: 1', 'chưa đăng ký: 1']);
      const rows = await page.$$eval('section.card table.sortable tbody', (b) => (b[0] as unknown as { rows: { cells: { textContent: string }[] }[] }).rows.length);
      expect(rows).toBe(6);
      expect(await text(page)).not.toContain('Vụ Tổ chức cán bộ');
      // The chart is drawn on the server and says the counts.
      expect(await page.$eval('svg.chart', (s) => s.getAttribute('aria-label'))).toContain('đã duyệt 2');
      // Sorting by status puts the approved units first, then (again) last.
      const statusCol = () => page.$$eval('section.card table.sortable tbody', (b) => [...(b[0] as unknown as { rows: { cells: { textContent: string }[] }[] }).rows].map((r) => r.cells[1].textContent));
      await page.click('section.card table.sortable thead th:nth-child(2)');
      expect((await statusCol())[0]).toBe('đã duyệt');
      await page.click('section.card table.sortable thead th:nth-child(2)');
      expect((await statusCol())[0]).toBe('chưa đăng ký');

      const denied = await page.goto(`${w.base}/app/unit/vu-tccb`);
      expect(denied?.status()).toBe(403);
      expect(await text(page)).toContain('Bạn không có quyền xem dữ liệu của Vụ Tổ chức cán bộ');

      // English on request.
      await page.goto(`${w.base}/app/`);
      await Promise.all([page.waitForNavigation(), page.click('a[lang=en]')]);
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Overview');
      expect(await page.$$eval('.legend li', (li) => li[0].textContent)).toBe('approved: 2');
    } finally {
      await w.close();
    }
  }, 60_000);

  it('the department answers a waiting question on the page; the asker receives it and it becomes a standard answer', async () => {
    const dir = dataDir({ without: ['curated'] });
    mkdirSync(join(dir, 'curated'));
    for (const f of readdirSync(resolve('data/curated'))) copyFileSync(resolve('data/curated', f), join(dir, 'curated', f));
    const w = await webApp({ env: { DATA_DIR: dir } });
    try {
      await joined(w.app, 'adm', 'vu-tccb', 'admin');
      await joined(w.app, 'off', 'cuc-hctp', 'officer');
      const q = await waitingQuestion(w.app, 'off', 'Thủ tục đăng ký kết hôn với người nước ngoài cần giấy tờ gì?', 'cuc-hctp');
      const page = await signedIn(await w.link({ kind: 'person', person: 'console:adm' }));
      await page.goto(`${w.base}/app/questions`);
      expect(await page.$eval('h1', (h) => h.textContent)).toContain('(1)');
      expect(await text(page)).toContain('kết hôn với người nước ngoài');
      await page.type(`#a-${q.id}`, 'Ngoài phạm vi thi đua, khen thưởng; xem hướng dẫn hộ tịch.');
      await page.type(`#c-${q.id}`, 'luat-06-2022 23 1');
      await page.click(`#q-${q.id} input[name=curate]`);
      await Promise.all([page.waitForNavigation(), page.click(`#q-${q.id} button[type=submit]`)]);
      const flash = await page.$eval('.flash', (f) => f.textContent);
      expect(flash).toContain('Đã gửi câu trả lời cho người hỏi');
      expect(flash).toContain('Đã lưu thành câu trả lời chuẩn');
      expect(await page.$eval('h1', (h) => h.textContent)).toContain('(0)');
      const toAsker = w.sent.filter((s) => s.chatId === 'chat-off');
      expect(toAsker).toHaveLength(1);
      expect(toAsker[0].reply.text).toContain('Ngoài phạm vi thi đua, khen thưởng; xem hướng dẫn hộ tịch.');
      expect(toAsker[0].reply.text).toContain('khoản 1 Điều 23');
      expect((await new Questions(w.app.store).get(q.id))?.reply?.curated).toBe(true);
    } finally {
      await w.close();
    }
  }, 60_000);

  it('refuses a used link and an expired link', async () => {
    const w = await webApp();
    try {
      await joined(w.app, 'off', 'cuc-btp', 'officer');
      const link = await w.link({ kind: 'person', person: 'console:off' });
      const first = await signedIn(link);
      expect(await first.$eval('h1', (h) => h.textContent)).toBe('Tổng quan');

      const other = await (await browser.createBrowserContext()).newPage();
      const used = await other.goto(link);
      expect(used?.status()).toBe(410);
      expect(await text(other)).toContain('Liên kết đăng nhập này đã được sử dụng');
      expect(await other.$('#signin')).toBeNull();

      const late = await w.link({ kind: 'person', person: 'console:off' });
      w.clock.advance(10 * 60_000 + 1000);
      const expired = await other.goto(late);
      expect(expired?.status()).toBe(410);
      expect(await text(other)).toContain('Liên kết đăng nhập này đã hết hạn');
      // Still without a session in that browser.
      expect((await other.goto(`${w.base}/app/`))?.status()).toBe(401);
    } finally {
      await w.close();
    }
  }, 60_000);
});
