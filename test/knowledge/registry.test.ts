import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { kbCheckMain } from '../../src/checks/cli.js';
import { PASSAGES, REGISTRY, makeDataDir } from './fixture.js';

async function kbCheck(dir: string) {
  let out = '';
  const code = await kbCheckMain([], { dataDir: dir, out: (s) => (out += s) });
  return { code, out };
}

const MONEY = `---
id: t-money
title: Tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở
title_en: Reward for the Grassroots Emulation Fighter title
doc: nd-152-2025
article: null
effective: 2025-07-01
confidence: medium
tags: [tien-thuong]
keywords: [tiền thưởng CSTĐCS]
source: https://example.org/nd-152-2025
---
"Chiến sĩ thi đua cơ sở" được thưởng 1,0 lần mức lương cơ sở, tức {{money 1.0}}; "Lao động tiên tiến" 0,3 lần ({{money 0.3}}).
- Mức lương cơ sở: {{base-salary}}.
EN: Grassroots Emulation Fighter: 1.0 × base salary = {{money 1.0}}.
`;

describe('legal status as data (data/documents.yaml)', () => {
  it('kb check fails with file:line on a passage citing a document the registry does not know', async () => {
    const bad = PASSAGES['ldtt.md'].replace('doc: luat-06-2022', 'doc: luat-99-2030');
    const { code, out } = await kbCheck(makeDataDir({ 'knowledge/ldtt.md': bad }));
    expect(code).toBe(1);
    expect(out).toMatch(/knowledge\/ldtt\.md:4: t-ldtt: unknown document code "luat-99-2030"/);
  });

  it('kb check validates the registry itself (unknown successor, missing date) with lines', async () => {
    const reg = REGISTRY['documents.yaml'].replace('    superseded_by: nd-152-2025\n', '    superseded_by: nd-999-2030\n').replace('    superseded_from: 2024-02-12\n', '');
    const { code, out } = await kbCheck(makeDataDir({ 'documents.yaml': reg }));
    expect(code).toBe(1);
    expect(out).toMatch(/documents\.yaml:\d+: documents\.\d+ \(nd-98-2023\): unknown document code "nd-999-2030"/);
    expect(out).toMatch(/documents\.yaml:\d+: documents\.\d+\.superseded_from: superseded_by needs superseded_from/);
  });

  it('one line in the registry marks a document replaced: answers then warn and name the successor, kb check lists the passages to review', async () => {
    const q = 'Tiêu chuẩn Lao động tiên tiến';
    const before = await loadKnowledge({ dataDir: makeDataDir() });
    const a0 = await before.ask(q);
    expect(a0.superseded).toBe(false);
    expect(a0.answer).not.toContain('hết hiệu lực');

    // The department records that the Law was replaced (a made-up law, for the test).
    const reg = REGISTRY['documents.yaml']
      .replace('    amended_by: [luat-06-2026]\n', '    amended_by: [luat-06-2026]\n    superseded_by: luat-06-2026\n    superseded_from: 2026-10-01\n');
    const dir = makeDataDir({ 'documents.yaml': reg });
    const after = await loadKnowledge({ dataDir: dir, now: () => new Date('2026-11-30T03:00:00Z') });
    const a1 = await after.ask(q);
    expect(a1.superseded).toBe(true);
    expect(a1.answer).toContain('⚠️ Quy định này đã hết hiệu lực từ 01/10/2026, được thay thế bởi Luật số 06/2026/QH16');
    expect(a1.answer).toContain('khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15 (hết hiệu lực từ 01/10/2026, thay thế bởi Luật số 06/2026/QH16');
    // Before the date the replacement takes effect, the rule is still in force.
    const earlier = await loadKnowledge({ dataDir: dir, now: () => new Date('2026-09-30T03:00:00Z') });
    expect((await earlier.ask(q)).superseded).toBe(false);

    const { code, out } = await kbCheck(dir);
    expect(code).toBe(0);
    expect(out).toMatch(/passage\(s\) to review/);
    expect(out).toMatch(/knowledge\/ldtt\.md:1: t-ldtt: cites luat-06-2022 \(replaced by luat-06-2026 from 2026-10-01\)/);
  });

  it('names the end date of a document with a sunset clause when it is near, and says it lapsed after it', async () => {
    // The shipped registry records Điều 60 khoản 1 of Nghị định 152/2025: no longer in force from 01/3/2027 unless extended.
    const dir = makeDataDir({ 'knowledge/tien-thuong.md': MONEY });
    const at = async (day: string) => (await loadKnowledge({ dataDir: dir, now: () => new Date(`${day}T03:00:00Z`) })).ask('Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?');
    expect((await at('2026-06-30')).answer).not.toContain('hết hiệu lực');
    expect((await at('2026-11-30')).answer).toContain('ℹ️ Nghị định 152/2025/NĐ-CP hết hiệu lực từ 01/03/2027, trừ khi được kéo dài');
    const after = await at('2027-03-02');
    expect(after.answer).toContain('⚠️ Nghị định 152/2025/NĐ-CP đã hết hiệu lực từ 01/03/2027');
    expect(after.superseded).toBe(true);
  });

  it('names the rule in force at the end of a chain of replacements (91/2017 → 98/2023 → 152/2025)', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir() });
    const a = await k.ask('Tỷ lệ 15% chiến sĩ thi đua cơ sở là quy định nào?');
    expect(a.citations[0].id).toBe('t-cstdcs-15-cu');
    expect(a.answer).toContain('được thay thế bởi Nghị định 152/2025/NĐ-CP');
    expect(a.answer).not.toMatch(/thay thế bởi Nghị định 98\/2023/);
  });

  it('computes money from the base salary in force on the day, rounded up to 10,000 đồng, and cites the salary decree', async () => {
    const dir = makeDataDir({ 'knowledge/tien-thuong.md': MONEY });
    const q = 'Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?';
    const now = await loadKnowledge({ dataDir: dir, now: () => new Date('2026-11-30T03:00:00Z') });
    const a = await now.ask(q);
    expect(a.citations[0].id).toBe('t-money');
    expect(a.answer).toContain('tức 2.530.000 đồng');
    expect(a.answer).toContain('(760.000 đồng)'); // 0.3 × 2,530,000 = 759,000 → 760,000
    expect(a.answer).toContain('2.530.000 đồng/tháng (từ 01/07/2026, Nghị định 161/2026/NĐ-CP)');
    expect(a.answer).toContain('- Nghị định 161/2026/NĐ-CP (mức lương cơ sở)');
    expect(a.answer).not.toContain('{{');
    const before = await loadKnowledge({ dataDir: dir, now: () => new Date('2026-06-30T03:00:00Z') });
    expect((await before.ask(q)).answer).toContain('tức 2.340.000 đồng');
    const en = await now.ask('How much is the reward for the grassroots emulation fighter?');
    expect(en.answer).toContain('VND 2,530,000');
    expect(en.citations[0].title).toBe('Reward for the Grassroots Emulation Fighter title');
  });
});
