import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { askMain } from '../../src/knowledge/cli.js';

/** The shipped knowledge base (data/knowledge, data/curated), as `thidua ask` uses it. */
const dataDir = join(import.meta.dirname, '../../data');
const k = await loadKnowledge({ dataDir });

interface Q {
  id: string;
  q: string;
  expect: { doc: string; article?: string }[];
  outOfScope?: boolean;
}
const readQuestions = (file: string): Q[] =>
  readFileSync(join(import.meta.dirname, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Q);
const paraphrases = readQuestions('paraphrases.jsonl');
/** Short, typo'd and English paraphrases, and near-miss questions from neighbouring domains (hộ tịch, lương, nhân sự…). */
const nearMiss = readQuestions('near-miss.jsonl');

async function run(args: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await askMain(args, {
    dataDir,
    stdin: stdin === undefined ? Object.assign(Readable.from([]), { isTTY: true }) : Readable.from([stdin]),
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  return { code, out, err };
}

describe('the shipped knowledge base', () => {
  it('loads without problems', () => {
    expect(k.issues).toEqual([]);
    expect(k.passages.length).toBeGreaterThan(30);
  });

  it('answers our own paraphrases (abbreviations, no diacritics, English) with the right citation in the top 3', async () => {
    const misses: string[] = [];
    let inScope = 0;
    for (const q of paraphrases.filter((x) => !x.outOfScope)) {
      inScope++;
      const a = await k.ask(q.q);
      const ok = a.answered && a.citations.slice(0, 3).some((c) => q.expect.some((e) => e.doc === c.doc && (!e.article || e.article === c.article)));
      if (!ok) misses.push(`${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`);
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(inScope * 0.1));
  });

  it('refuses every out-of-scope paraphrase', async () => {
    for (const q of paraphrases.filter((x) => x.outOfScope)) {
      const a = await k.ask(q.q);
      expect(a.answered, `${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`).toBe(false);
    }
  });

  it('answers the short and English paraphrases of near-miss.jsonl with the right citation in the top 3', async () => {
    const misses: string[] = [];
    const inScope = nearMiss.filter((x) => !x.outOfScope);
    for (const q of inScope) {
      const a = await k.ask(q.q);
      const ok = a.answered && a.citations.slice(0, 3).some((c) => q.expect.some((e) => e.doc === c.doc && (!e.article || e.article === c.article)));
      if (!ok) misses.push(`${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`);
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(inScope.length * 0.05));
  });

  it('refuses near-miss questions whose distinctive words the base does not explain (the minister now, hộ tịch, luật sư, nghỉ phép…)', async () => {
    const answered: string[] = [];
    const oos = nearMiss.filter((x) => x.outOfScope);
    for (const q of oos) {
      const a = await k.ask(q.q);
      if (a.answered) answered.push(`${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`);
    }
    for (const q of ['Bộ trưởng Bộ Tư pháp hiện nay là ai?', 'Who is the current Minister of Justice?']) expect((await k.ask(q)).answered, q).toBe(false);
    // Known leaks: 8 of 42 when written, 11 of 59 once m01–m17 were added, 1 since the domain anchor and the unknown-name rule (n27: "Công an" does occur in a passage): questions whose words all occur in one passage (see the report in git history).
    expect(answered.length, answered.join('\n')).toBeLessThanOrEqual(1);
  });

  it('never states a low-confidence passage as settled nor a superseded rule as current, whatever the question', async () => {
    const byId = new Map(k.passages.map((p) => [p.id, p]));
    const all = [...paraphrases, ...nearMiss].filter((x) => !x.outOfScope);
    let lowSeen = 0;
    let oldSeen = 0;
    for (const q of all) {
      const a = await k.ask(q.q);
      if (!a.answered || a.source !== 'extractive') continue;
      for (const c of a.citations) {
        const p = byId.get(c.id)!;
        // Only passages whose text is shown (not those merely listed under "see also").
        if (!a.answer.includes(p.lead)) continue;
        if (p.confidence === 'low') {
          lowSeen++;
          expect(a.answer, `${q.id}: ${p.id}`).toContain(`⚠️ Nội dung "${p.title}" chưa được kiểm chứng đầy đủ`);
        }
        if (p.supersededBy) {
          oldSeen++;
          expect(a.superseded, `${q.id}: ${p.id}`).toBe(true);
          expect(a.answer, `${q.id}: ${p.id}`).toMatch(/⚠️ Quy định này đã hết hiệu lực/);
        }
      }
    }
    expect(lowSeen).toBeGreaterThan(0);
    expect(oldSeen).toBeGreaterThan(0);
  });

  it('shows every criterion of a supporting passage (TTLĐXS needs ≥ 1 CSTĐCS) and understands "reward for the ministry flag"', async () => {
    const a = await k.ask('TTLĐXS bao nhiêu % LĐTT');
    expect(a.answer).toContain('Có ít nhất 01 cá nhân đạt "Chiến sĩ thi đua cơ sở"');
    const b = await k.ask('Tiền thưởng Tập thể lao động xuất sắc và tiêu chuẩn TTLĐXS');
    expect(b.answer).toContain('Có ít nhất 01 cá nhân đạt "Chiến sĩ thi đua cơ sở"');
    const en = await k.ask('What is the reward for the ministry flag?');
    expect(en.answered).toBe(true);
    expect(en.citations[0]).toMatchObject({ doc: 'nd-98-2023', article: '54' });
    expect(en.answer).toContain('ministry flag 8×');
  });

  it('answers "X cần gì?" with the criteria of X first, not a passage that merely names X', async () => {
    for (const [q, id] of [
      ['CSTĐCS cần gì?', 'luat-2022-d23-cstdcs'],
      ['cstdcs can nhung gi', 'luat-2022-d23-cstdcs'],
      ['LĐTT cần gì', 'luat-2022-d24-ldtt'],
      ['Muốn đạt cờ thi đua của Bộ thì phải có gì?', 'luat-2022-d26-co-bo'],
    ]) expect((await k.ask(q)).citations[0]?.id, q).toBe(id);
  });

  it('does not state the old 15% quota as current', async () => {
    const a = await k.ask('Tỷ lệ 15% CSTĐCS còn áp dụng không?');
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/không (tìm thấy|được)/i);
    expect(a.answer).toMatch(/91\/2017/);
  });
});

describe('thidua ask', () => {
  it('prints one JSON object matching the contract with --json', async () => {
    const r = await run(['--json', 'CSTĐCS', 'cần', 'những', 'điều', 'kiện', 'gì?']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(Object.keys(j).sort()).toEqual(['answer', 'answered', 'citations', 'confidence']);
    expect(j.answered).toBe(true);
    expect(typeof j.confidence).toBe('number');
    expect(j.citations.slice(0, 3).some((c: { doc: string; article: string }) => c.doc === 'luat-06-2022' && c.article === '23')).toBe(true);
    for (const c of j.citations) {
      expect(Object.keys(c).filter((x) => x !== 'clause').sort()).toEqual(['article', 'doc', 'id', 'title']);
      expect(typeof c.title).toBe('string');
    }
  });

  it('prints the answer text without --json, and reads one question per stdin line otherwise', async () => {
    const plain = await run(['Tiêu chuẩn Giấy khen do văn bản nào quy định?']);
    expect(plain.out).toContain('Căn cứ:');
    expect(plain.out).toContain('Điều 75');
    const lines = await run(['--json'], 'Hôm nay trời có mưa không?\n\nLDTT co bi gioi han ty le khong\n');
    const objs = lines.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => o.answered)).toEqual([false, true]);
    expect(objs[0].citations).toEqual([]);
    expect(objs[0].answer).toContain('Vụ Tổ chức cán bộ');
  });

  it('shows usage for a bad option or a terminal without a question', async () => {
    expect((await run(['--bogus', 'x'])).code).toBe(2);
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('thidua ask');
  });
});
