import { afterEach, describe, expect, it } from 'vitest';
import { Registrations } from '../../src/flows/register/records.js';
import type { App } from '../../src/app.js';
import { hasErrors, runChecks } from '../../src/knowledge/rules.js';
import { docsAt } from '../../src/knowledge/docs.js';
import { loadTitles, type Title } from '../../src/domain/titles.js';
import { clock, joined, testApp } from '../helpers/app.js';

const titles = loadTitles('data/titles.yaml');
const docs = docsAt('data');
const data = (o: Partial<{ collectiveTitle: string | null; headcount: number; ldtt: number; cstdcs: number }>) => ({
  collectiveTitle: o.collectiveTitle ?? null,
  headcount: o.headcount ?? 20,
  individual: { ldtt: o.ldtt ?? 0, cstdcs: o.cstdcs ?? 0 },
  targets: [{ content: 'Hội nghị', unit: 'hội nghị', value: 1 }],
  movements: [],
});

describe('rule checks driven by data/titles.yaml', () => {
  it('TTLĐXS with under 70 % LĐTT is an error citing Điều 27', () => {
    const checks = runChecks(data({ collectiveTitle: 'ttldxs', ldtt: 13, cstdcs: 1 }), titles, 'vi', docs);
    const e = checks.find((c) => c.level === 'error');
    expect(e?.text).toContain('cần ít nhất 70% cán bộ đạt "LĐTT" — có 13/20 người = 65%');
    expect(e?.citation).toBe('khoản 1 Điều 27 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(hasErrors(checks)).toBe(true);
    expect(hasErrors(runChecks(data({ collectiveTitle: 'ttldxs', ldtt: 14, cstdcs: 1 }), titles, 'vi', docs))).toBe(false);
  });

  it('TTLĐXS without any CSTĐ cơ sở is an error citing Điều 27', () => {
    const e = runChecks(data({ collectiveTitle: 'ttldxs', ldtt: 18, cstdcs: 0 }), titles, 'en', docs).filter((c) => c.level === 'error');
    expect(e.map((c) => c.text)).toEqual([expect.stringContaining('needs at least 1 "Grassroots Emulation Fighter"')]);
    expect(e[0].citation).toBe('Article 27(1), Law on Emulation and Commendation No. 06/2022/QH15');
  });

  it('more CSTĐ cơ sở than LĐTT is an error citing Điều 23', () => {
    const e = runChecks(data({ ldtt: 2, cstdcs: 3 }), titles, 'vi', docs).filter((c) => c.level === 'error');
    expect(e).toHaveLength(1);
    expect(e[0].text).toContain('số "CSTĐCS" (3) không được lớn hơn số "LĐTT" (2)');
    expect(e[0].citation).toBe('Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
  });

  it('a flag is guidance (leading the cluster, Điều 25–26), never blocking', () => {
    for (const [id, article] of [['co-bo', 'Điều 26'], ['co-chinh-phu', 'Điều 25']]) {
      const checks = runChecks(data({ collectiveTitle: id, ldtt: 10 }), titles, 'vi', docs);
      const g = checks.find((c) => c.level === 'guidance');
      expect(g?.text).toContain('dẫn đầu');
      expect(g?.citation).toContain(article);
      expect(hasErrors(checks)).toBe(false);
    }
  });

  it('an unverified criterion is only a warning', () => {
    const fake: Title[] = [
      ...titles,
      {
        ...titles.find((t) => t.id === 'ttldtt')!,
        id: 'x-unverified',
        criteria: [{ id: 'half', text: { vi: 'Trên 50% LĐTT', en: 'Over 50%' }, ask: 'yesno', question: { vi: '?', en: '?' }, citation: { doc: 'luat-2003', article: '28' }, verified: false, registration: { type: 'ratio', field: 'ldtt', min: 0.5 } }],
      },
    ];
    const checks = runChecks(data({ collectiveTitle: 'x-unverified', ldtt: 2 }), fake, 'vi', docs);
    expect(checks).toHaveLength(1);
    expect(checks[0].level).toBe('warning');
    expect(checks[0].text).toContain('chưa được xác minh');
    expect(hasErrors(checks)).toBe(false);
  });
});

describe('rule checks in the conversation', () => {
  let app: App;
  afterEach(async () => app?.close());

  it('shows the errors with citations, offers no submit button, and refuses a forged submit', async () => {
    app = await testApp({ now: clock('2026-02-10T03:00:00Z').now });
    const u = await joined(app, 'o1', 'cuc-btp', 'officer');
    for (const a of ['/dangky', 'TTLĐXS', '20', '3', '4', '0', '0', 'Hội nghị; hội nghị; 12', '-']) await u.say(a);
    const [review] = await u.send('-');
    expect(review.text).toContain('❌ Lỗi (phải sửa trước khi gửi):');
    expect(review.text).toContain('Căn cứ: Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(review.text).toContain('Căn cứ: khoản 1 Điều 27');
    expect(review.citations).toContain('Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(review.choices?.map((c) => c.value)).toEqual(['f:do:save', 'f:do:edit', 'f:cancel']);
    const forged = await u.press('f:do:submit');
    expect(forged[0].text).toContain('Chưa gửi được vì còn lỗi');
    expect(await new Registrations(app.store).get('cuc-btp', 2026)).toBeUndefined();
  });
});
