import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kbCheckMain } from '../../src/checks/cli.js';
import { parseBody, parseKnowledgeFile } from '../../src/knowledge/corpus.js';
import { PASSAGES, makeDataDir } from './fixture.js';

async function check(dataDir: string): Promise<{ code: number; lines: string[] }> {
  let text = '';
  const code = await kbCheckMain([], { dataDir, out: (s) => (text += s) });
  return { code, lines: text.trimEnd().split('\n') };
}

const TITLES_OK = `titles:
  - id: ldtt
    kind: individual
    subject: individual
    name: { vi: Lao động tiên tiến, en: Advanced Worker }
    level: unit
    decidedBy: { vi: Thủ trưởng đơn vị, en: Head of unit }
    citation: { doc: luat-06-2022, article: "24" }
`;

describe('thidua kb check', () => {
  it('passes a valid data dir with a one-line summary', async () => {
    const dir = makeDataDir({ 'titles.yaml': TITLES_OK, 'curated/a.yaml': '- id: a\n  questions: [Câu hỏi mẫu?]\n  answer: Trả lời.\n  citations: [{ doc: luat-06-2022, article: "23" }]\n' });
    const r = await check(dir);
    expect(r.lines).toEqual([expect.stringMatching(new RegExp(`^kb check: OK — ${Object.keys(PASSAGES).length} passages in ${Object.keys(PASSAGES).length} files, \\d+ documents, 1 titles, 1 curated answers$`))]);
    expect(r.code).toBe(0);
  });

  it("puts each passage's asked: questions to the bot: how many find their passage, and which ones it would decline (file:line, not an error)", async () => {
    const ldtt = PASSAGES['ldtt.md'].replace('keywords: [', 'asked: ["LĐTT cần điều kiện gì?", "Lương cơ sở hiện nay là bao nhiêu?"]\nkeywords: [');
    const dir = makeDataDir({}, { ...PASSAGES, 'ldtt.md': ldtt });
    const r = await check(dir);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('kb check: 1 asked question(s) the bot declines — an officer asking that way would be turned away:');
    expect(r.lines[1]).toMatch(/ldtt\.md:\d+: t-ldtt: "Lương cơ sở hiện nay là bao nhiêu\?" is declined/);
    expect(r.lines.at(-1)).toMatch(/^kb check: OK — .*; asked questions: 1\/2 find their passage in the top 3$/);
  });

  it('reports each broken passage as file:line and exits 1', async () => {
    const broken = `---
id: Broken Id
title: Một đoạn hỏng
doc: luat-06-2022
article: "23"
effective: 2024-02-30
superseded_by: null
confidence: sure
tags: [x]
keywords: [y]
source: https://example.org
---
Nội dung.
`;
    const dir = makeDataDir({ 'knowledge/sub/broken.md': broken });
    const r = await check(dir);
    expect(r.code).toBe(1);
    const file = join(dir, 'knowledge/sub/broken.md');
    expect(r.lines).toContain(`${file}:2: id: id: lowercase letters, digits and dashes`);
    expect(r.lines).toContain(`${file}:6: effective: not a real calendar date`);
    expect(r.lines.some((l) => l.startsWith(`${file}:8: confidence:`))).toBe(true);
    expect(r.lines.at(-1)).toMatch(/^kb check: 3 error\(s\)/);
  });

  it('catches unknown documents, successors and keys, missing articles, duplicate ids and YAML syntax errors', async () => {
    const head = (id: string, extra: string) => `---\nid: ${id}\ntitle: T\n${extra}\neffective: 2024-01-01\nconfidence: high\nsource: https://example.org\n---\nNội dung.\n`;
    const dir = makeDataDir({
      'knowledge/a.md': head('a', 'doc: luat-99-2099\narticle: "1"'),
      'knowledge/b.md': head('b', 'doc: luat-06-2022'),
      'knowledge/c.md': head('c', 'doc: luat-06-2022\narticle: "2"\nsuperseded_by: nd-00-0000\nauthor: me'),
      'knowledge/z.md': head('t-ldtt', 'doc: luat-06-2022\narticle: "3"'),
      'knowledge/e.md': '---\nid: e\ntitle: [unclosed\n---\nx\n',
      'knowledge/f.md': head('f', 'doc: btp-thuc-tien') + head('g', 'doc: luat-06-2022\narticle: null'),
      'knowledge/h.md': 'Không có front-matter.\n',
    });
    const r = await check(dir);
    const at = (f: string) => join(dir, 'knowledge', f);
    expect(r.code).toBe(1);
    expect(r.lines).toContain(`${at('a.md')}:4: a: unknown document code "luat-99-2099": add it to data/documents.yaml or correct the code`);
    expect(r.lines.some((l) => l.startsWith(`${at('b.md')}:4: b: article is required for document "luat-06-2022"`))).toBe(true);
    expect(r.lines).toContain(`${at('c.md')}:6: c: superseded_by "nd-00-0000" is not a code of data/documents.yaml`);
    expect(r.lines.some((l) => l.startsWith(`${at('c.md')}:7: unknown key "author"`))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${at('z.md')}:1: duplicate id "t-ldtt" (first in `))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${at('e.md')}:3: YAML:`))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${at('h.md')}:1: expected front-matter`))).toBe(true);
    // Practice notes need no article, and `article: null` says on purpose that there is none.
    expect(r.lines.some((l) => l.includes(at('f.md')))).toBe(false);
  });

  it('checks titles.yaml, curated answers and other data/*.yaml, with lines', async () => {
    const dir = makeDataDir({
      'titles.yaml': TITLES_OK.replace('luat-06-2022', 'luat-x'),
      'curated/bad.yaml': '- id: ok-1\n  questions: []\n  answer: A\n  citations: [{ doc: nope }]\n',
      'units.yaml': 'clusters:\n  - id: c1\n    name: { vi: Cụm, en: Cluster }\n    units: []\n',
      'calendar.yaml': 'events: [a, b\n',
    });
    const r = await check(dir);
    expect(r.code).toBe(1);
    const t = join(dir, 'titles.yaml');
    expect(r.lines).toContain(`${t}:8: titles.0.citation.doc: unknown document code "luat-x"`);
    const c = join(dir, 'curated/bad.yaml');
    expect(r.lines.some((l) => l.startsWith(`${c}:2: 0.questions:`))).toBe(true);
    expect(r.lines).toContain(`${c}:4: 0.citations.0.doc: unknown document code "nope"`);
    // units.yaml is validated with the schema of src/domain/units.ts (at least one unit per cluster).
    expect(r.lines.some((l) => l.startsWith(`${join(dir, 'units.yaml')}:4: clusters.0.units:`))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${join(dir, 'calendar.yaml')}:`) && l.includes('YAML'))).toBe(true);
  });

  it('validates calendar.yaml with the reminders schema when it parses as YAML', async () => {
    const dir = makeDataDir({ 'calendar.yaml': 'extraDaysOff:\n  - 2026-13-01x\ndeadlines: []\n' });
    const r = await check(dir);
    const c = join(dir, 'calendar.yaml');
    expect(r.code).toBe(1);
    expect(r.lines.some((l) => l.startsWith(`${c}:2: extraDaysOff.0:`))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${c}:3: deadlines:`))).toBe(true);
  });

  it('reports schema errors of titles.yaml at the line of the offending value', async () => {
    const dir = makeDataDir({ 'titles.yaml': TITLES_OK.replace('kind: individual', 'kind: person') });
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(new RegExp(`^${join(dir, 'titles.yaml')}:3: titles\\.0\\.kind: `));
  });

  it('passes the shipped data (data/knowledge, titles, curated answers, units, calendar)', async () => {
    const r = await check(join(import.meta.dirname, '../../data'));
    // Errors and passages to review would be listed indented; the asked questions declined are listed too, for the writers.
    expect(r.lines.filter((l) => !l.startsWith('kb check:') && !l.includes('is declined as outside'))).toEqual([]);
    expect(r.code).toBe(0);
    // The passages' own questions find them: at least 90 % in the top 3.
    const [found, total] = /asked questions: (\d+)\/(\d+)/.exec(r.lines.at(-1)!)!.slice(1).map(Number);
    expect(found / total).toBeGreaterThanOrEqual(0.9);
  });
});

describe('passage format', () => {
  it('splits a body into lead, bullets, note and English line, and accepts several passages per file', () => {
    const b = parseBody(['Câu dẫn', 'tiếp tục.', '', '- Ý một', '  nối tiếp', '- Ý hai', 'Lưu ý: cần kiểm tra.', 'EN: English summary.']);
    expect(b).toEqual({ lead: 'Câu dẫn tiếp tục.', bullets: ['Ý một nối tiếp', 'Ý hai'], note: 'cần kiểm tra.', en: 'English summary.', extra: [] });
    const two = `${PASSAGES['ldtt.md']}\n---\n${PASSAGES['cstdcs.md'].slice(4)}`;
    const r = parseKnowledgeFile(two, '/tmp/two.md');
    expect(r.issues).toEqual([]);
    expect(r.passages.map((p) => [p.id, p.article, p.clause, p.line])).toEqual([
      ['t-ldtt', '24', '1', 1],
      ['t-cstdcs', '23', undefined, 18],
    ]);
  });
});
