import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { makeDataDir } from './fixture.js';

const CURATED = `
- id: sang-kien-cstdcs
  questions:
    - Sáng kiến có bắt buộc cho Chiến sĩ thi đua cơ sở không?
    - CSTĐCS có bắt buộc phải có sáng kiến không?
  answer: "CÂU TRẢ LỜI CHUẨN: không bắt buộc."
  answer_en: "CURATED: not mandatory."
  citations:
    - { doc: luat-06-2022, article: "23" }
`;

describe('answers', () => {
  it('gives the lead and bullets of the best passage, then "Căn cứ" lines with the effective date', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir() });
    const a = await k.ask('Hồ sơ đề nghị xét tặng danh hiệu thi đua gồm những gì?');
    expect(a).toMatchObject({ answered: true, superseded: false, source: 'extractive' });
    expect(a.citations[0]).toEqual({ doc: 'luat-06-2022', article: '84', clause: '1', title: 'Hồ sơ đề nghị xét tặng danh hiệu thi đua', id: 't-ho-so' });
    expect(a.answer).toMatch(/^Hồ sơ đề nghị xét tặng danh hiệu thi đua gồm tờ trình/);
    expect(a.answer).toContain('- Biên bản bình xét thi đua.');
    expect(a.answer).toContain('Căn cứ:\n- khoản 1 Điều 84 Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024)');
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.confidence).toBeLessThanOrEqual(1);
  });

  it('warns clearly when the passage is no longer in force, and marks its document as such', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir() });
    const a = await k.ask('Tỷ lệ 15% chiến sĩ thi đua cơ sở là quy định nào?');
    expect(a.citations[0].id).toBe('t-cstdcs-15-cu');
    expect(a.superseded).toBe(true);
    expect(a.answer).toContain('⚠️ Quy định này đã hết hiệu lực từ 01/01/2024, được thay thế bởi Nghị định 152/2025/NĐ-CP');
    expect(a.answer).toContain('khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP (hết hiệu lực từ 01/01/2024, thay thế bởi Nghị định 152/2025/NĐ-CP)');
    const en = await k.ask('Is the 15% quota of grassroots emulation fighters still valid?');
    expect(en.superseded).toBe(true);
    expect(en.answer).toContain('⚠️ This rule is no longer in force since 1 Jan 2024; it was replaced by Decree 152/2025/ND-CP');
  });

  it('says that a low-confidence passage must be verified, with its source', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir() });
    const a = await k.ask('Tập thể lao động tiên tiến cần điều kiện gì?');
    expect(a.citations[0].id).toBe('t-ttldtt');
    expect(a.answer).toContain('chưa được kiểm chứng đầy đủ');
    expect(a.answer).toContain('https://example.org/luat-06-2022/dieu-28');
    const high = await k.ask('Tiêu chuẩn Lao động tiên tiến');
    expect(high.citations[0].id).toBe('t-ldtt');
    expect(a.confidence).toBeLessThan(high.confidence);
  });

  it('prefers a curated answer for a close variant of its question, with or without diacritics', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir({ 'curated/common.yaml': CURATED }) });
    for (const q of ['Sáng kiến có bắt buộc cho CSTĐCS không?', 'sang kien co bat buoc cho chien si thi dua co so khong', 'CSTĐCS có bắt buộc phải có sáng kiến không']) {
      const a = await k.ask(q);
      expect(a.source, q).toBe('curated');
      expect(a.answer).toMatch(/^CÂU TRẢ LỜI CHUẨN: không bắt buộc\.\n\nCăn cứ:\n- Điều 23 Luật Thi đua, khen thưởng số 06\/2022\/QH15 \(hiệu lực 01\/01\/2024\)$/);
      expect(a.citations).toEqual([{ doc: 'luat-06-2022', article: '23', title: 'Tiêu chuẩn danh hiệu "Chiến sĩ thi đua cơ sở"', id: 't-cstdcs' }]);
    }
  });

  it('does not use a curated answer for a question about another title or a loosely related one', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir({ 'curated/common.yaml': CURATED }) });
    // Same wording, another title: the answer for CSTĐCS would be wrong here.
    expect((await k.ask('Sáng kiến có bắt buộc cho Chiến sĩ thi đua toàn quốc không?')).source).not.toBe('curated');
    expect((await k.ask('Chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?')).source).toBe('extractive');
  });

  it('adds a curated answer from the chat: persisted to YAML, used at once and after a reload', async () => {
    const dir = makeDataDir({ 'curated/common.yaml': CURATED });
    const file = join(dir, 'curated', 'added.yaml');
    const k = await loadKnowledge({ dataDir: dir });
    const q = 'Đơn vị sự nghiệp có được đề nghị Cờ thi đua của Chính phủ không?';
    expect((await k.ask(q)).source).not.toBe('curated');
    await k.addCurated({ questions: [q], answer: 'Có, nếu dẫn đầu cụm thi đua (trả lời của Vụ).', citations: [{ doc: 'luat-06-2022', article: '25' }], by: 'console:adm' });
    const now = await k.ask(q);
    expect(now.source).toBe('curated');
    expect(now.answer).toContain('trả lời của Vụ');
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('by: console:adm');
    expect(saved).toContain(q);
    const reloaded = await loadKnowledge({ dataDir: dir });
    expect((await reloaded.ask('don vi su nghiep co duoc de nghi co thi dua cua chinh phu khong')).source).toBe('curated');
    await expect(k.addCurated({ questions: ['x?'], answer: '', citations: [] })).rejects.toThrow(/invalid curated answer/);
    await expect(k.addCurated({ questions: ['Câu hỏi khác?'], answer: 'A', citations: [{ doc: 'luat-99' }] })).rejects.toThrow(/unknown document code/);
  });

  it('answers an English question with the curated English text when there is one', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir({ 'curated/common.yaml': CURATED }) });
    const a = await k.ask('CSTĐCS có bắt buộc phải có sáng kiến không', { locale: 'en' });
    // The question is Vietnamese: it is answered in Vietnamese whatever the user's locale.
    expect(a.answer).toContain('CÂU TRẢ LỜI CHUẨN');
  });

  it('never throws, whatever the input', async () => {
    const k = await loadKnowledge({ dataDir: makeDataDir() });
    for (const q of [undefined, null, 42, 'x'.repeat(100_000), '\u0000\u0301', '🙂🙂'] as unknown as string[]) {
      const a = await k.ask(q);
      expect(typeof a.answer).toBe('string');
      expect(a.answer.length).toBeGreaterThan(0);
    }
  });
});
