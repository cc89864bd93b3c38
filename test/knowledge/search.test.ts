import { describe, expect, it } from 'vitest';
import { loadKnowledge, type Answer } from '../../src/knowledge/index.js';
import { analyzeVi, detectLang, enWords, namePairs, planQuery, viTerms } from '../../src/knowledge/analyze.js';
import { DomainAnchors } from '../../src/knowledge/anchor.js';
import { docsAt } from '../../src/knowledge/docs.js';
import { PASSAGES, makeDataDir } from './fixture.js';

const k = await loadKnowledge({ dataDir: makeDataDir() });
const firstId = async (q: string) => (await k.ask(q)).citations[0]?.id;

describe('retrieval', () => {
  it('finds the same passage with diacritics, without them, in NFD and with đ written as d', async () => {
    const forms = [
      'Điều kiện để đạt Chiến sĩ thi đua cơ sở là gì?',
      'dieu kien de dat chien si thi dua co so la gi',
      'Điều kiện để đạt Chiến sĩ thi đua cơ sở là gì?'.normalize('NFD'),
      'DIEU KIEN DE DAT CHIEN SI THI DUA CO SO',
    ];
    for (const q of forms) expect(await firstId(q), q).toBe('t-cstdcs');
  });

  it('expands abbreviations, with and without diacritics, and the i/y spelling variants', async () => {
    expect(await firstId('CSTĐCS cần những gì')).toBe('t-cstdcs');
    expect(await firstId('cstdcs can nhung gi')).toBe('t-cstdcs');
    expect(await firstId('Chiến sỹ thi đua cơ sở cần gì')).toBe('t-cstdcs');
    expect(await firstId('tiêu chuẩn LĐTT')).toBe('t-ldtt');
    expect(await firstId('LDTT can dieu kien gi')).toBe('t-ldtt');
    expect(await firstId('tiêu chuẩn cờ CP')).toBe('t-co-cp');
    expect(await firstId('TTLĐTT cần gì')).toBe('t-ttldtt');
  });

  it('keeps multi-syllable words together and lets diacritics tell "tiền" (money) from "tiên" (advanced)', async () => {
    expect(viTerms('cờ thi đua của Chính phủ')).toEqual(expect.arrayContaining(['co_thi', 'thi_dua', 'dua_chinh', 'chinh_phu']));
    // (The fixture's money passage is Nghị định 98/2023's, replaced: a question naming it asks about the old rule.)
    expect(await firstId('Theo Nghị định 98/2023, chiến sĩ thi đua cơ sở được thưởng bao nhiêu tiền?')).toBe('t-tien-thuong');
  });

  it('answers an English question from the English summary, with English citations', async () => {
    expect(detectLang('What are the criteria for the Government Emulation Flag?')).toBe('en');
    expect(detectLang('co thi dua chinh phu can dieu kien gi')).toBe('vi');
    expect(detectLang('LĐTT?')).toBe('vi');
    // English naming a title in Vietnamese is English; Vietnamese naming one in English is Vietnamese
    expect(detectLang("What are the criteria for the 'Advanced Worker' (Lao động tiên tiến) title for civil servants at the Ministry of Justice?")).toBe('en');
    expect(detectLang('Danh hiệu Advanced Worker tiếng Anh là gì?')).toBe('vi');
    const a = await k.ask('What are the criteria for the Government Emulation Flag?');
    expect(a.answered).toBe(true);
    expect(a.citations[0].id).toBe('t-co-cp');
    expect(a.answer).toContain('Government Emulation Flag: yearly');
    expect(a.answer).toContain('Sources:');
    expect(a.answer).toContain('Article 25, Law on Emulation and Commendation No. 06/2022/QH15 (in force from 1 Jan 2024)');
    expect(a.answer).not.toContain('Căn cứ');
  });

  it('refuses off-topic questions politely, in the language of the question, offering the department', async () => {
    for (const q of ['Hôm nay trời Hà Nội có mưa không?', 'Kết quả trận bóng đá tối qua thế nào?', 'Thủ tục ly hôn gồm những gì?', 'thu tuc ly hon', 'Cho tôi công thức nấu phở', '???', '']) {
      const a = await k.ask(q);
      expect(a.answered, q).toBe(false);
      expect(a.citations, q).toEqual([]);
      expect(a.source).toBe('none');
    }
    const vi = await k.ask('Thủ tục ly hôn gồm những gì?');
    expect(vi.answer).toContain('Vụ Tổ chức cán bộ');
    const en = await k.ask('Who won the football match last night?');
    expect(en.answered).toBe(false);
    expect(en.answer).toMatch(/is not about the emulation and commendation rules/);
    expect(en.answer).toContain('Vụ Tổ chức cán bộ');
  });

  it("finds a passage by the questions written for it (asked:), in words its text does not use, and never shows them", async () => {
    const passage = (id: string, asked: string) => `---
id: ${id}
title: Tiêu chuẩn danh hiệu "Lao động tiên tiến"
doc: luat-06-2022
article: "24"
effective: 2024-01-01
confidence: high
keywords: [LĐTT]
${asked}
source: https://example.org/luat-06-2022/dieu-24
---
Lao động tiên tiến được xét cho người hoàn thành tốt nhiệm vụ trở lên.
`;
    const other = PASSAGES['cstdcs.md'];
    const q = 'Chị đồng nghiệp ở tổ văn thư vừa sinh em bé giữa năm thì cuối năm có được bình bầu thi đua không?';
    const withAsked = await loadKnowledge({
      dataDir: makeDataDir({}, { 'ldtt.md': passage('t-ldtt', 'asked: ["Nghỉ sinh em bé giữa năm có được bình bầu LĐTT không?", "van thu co duoc LDTT khong"]'), 'cstdcs.md': other }),
    });
    const top = (a: Answer) => a.citations[0]?.id ?? a.suggestions?.[0]?.id;
    const a = await withAsked.ask(q);
    expect(top(a)).toBe('t-ldtt');
    expect(a.answer).not.toContain('sinh em bé');
    const without = await loadKnowledge({ dataDir: makeDataDir({}, { 'ldtt.md': passage('t-ldtt', ''), 'cstdcs.md': other }) });
    expect(top(await without.ask(q))).not.toBe('t-ldtt');
  });

  it('reads everyday words as the passages write them, even when they open with a function word ("về hưu")', () => {
    for (const q of ['Chị ấy nghỉ đẻ cả năm', 'chi ay nghi de ca nam', 'Chị ấy nghỉ sinh cả năm']) expect(analyzeVi(q).tokens.join(' '), q).toContain('nghi thai san');
    for (const q of ['Anh ấy về hưu từ tháng 8', 'anh ay ve huu tu thang 8']) expect(analyzeVi(q).tokens.join(' '), q).toContain('nghi huu');
    // "về" as a function word is still dropped.
    expect(analyzeVi('quy định về khen thưởng').tokens).toEqual(['quy', 'dinh', 'khen', 'thuong']);
  });

  it('reads a function word by its diacritics: "hỏi" is dropped, "hội đồng", "thu hồi", "hạng Nhì", "vẻ vang" are kept', () => {
    const terms = (q: string) => planQuery(q, 'vi').terms.filter((t) => !t.startsWith('~'));
    expect(terms('Cho tôi hỏi hội đồng thi đua gồm ai')).toEqual(expect.arrayContaining(['hoi_dong', 'dong_thi']));
    expect(terms('Cho tôi hỏi hội đồng thi đua gồm ai').filter((t) => t === 'hoi')).toHaveLength(1);
    expect(terms('Bằng khen có bị thu hồi không')).toContain('thu_hoi');
    expect(terms('Huân chương Lao động hạng Nhì')).toContain('hang_nhi');
    expect(terms('Huy chương Chiến sĩ vẻ vang')).toContain('ve_vang');
    // typed without diacritics they are read as the function words they mostly are
    expect(terms('cho em hoi ve bang khen')).toEqual(['bang', 'bang_khen', 'khen']);
    // …except inside the domain's phrases they belong to
    expect(terms('thu hoi bang khen')).toContain('thu_hoi');
    expect(terms('chuc nang hoi dong thi dua')).toContain('hoi_dong');
    expect(terms('cho hỏi đồng chí A')).not.toContain('hoi_dong');
  });

  it('turns a question into words a passage must explain: unknown multi-syllable words stay unexplained', () => {
    const plan = planQuery('thủ tục ly hôn', 'vi');
    expect(plan.heads).toEqual(['thu', 'tuc', 'li', 'hon']);
    expect(plan.units[2]).toEqual(['tuc_li', 'li_hon']);
  });
});

describe('document numbers, proper names and the domain anchor', () => {
  it('turns the year of a document number into its own token, leaving dates, month/years and bare years alone', () => {
    expect(analyzeVi('Nghị định 98/2023/NĐ-CP').tokens.slice(0, 4)).toEqual(['nghi', 'dinh', '98', 'y2023']);
    expect(analyzeVi('06/2022/QH15').tokens).toEqual(['6', 'y2022', 'qh15']);
    expect(analyzeVi('ngày 15/9/2025').tokens).toEqual(['ngay', '15', '9', '2025']);
    expect(analyzeVi('tháng 6/2025').tokens).toEqual(['thang', '6', '2025']);
    expect(enWords('base salary in 2025')).toContain('2025');
  });

  it('finds capitalised names inside a sentence, not at its start nor abbreviations', () => {
    expect([...namePairs('Tiêu chuẩn xét tặng danh hiệu Nhà giáo nhân dân')]).toEqual(['nha_giao']);
    expect([...namePairs('Trưởng phòng là nữ. Ai ký LĐTT?')]).toEqual([]);
  });

  it('anchors questions on titles, forms, emulation words, document numbers and quotas of passage titles only', () => {
    const a = new DomainAnchors([{ title: 'Tỷ lệ 15% Chiến sĩ thi đua cơ sở – quy định cũ' } as never], docsAt('data'));
    const has = (q: string) => a.has(q, analyzeVi(q).tokens, enWords(q));
    for (const q of ['LĐTT cần gì', 'NĐ 98/2023 hiệu lực khi nào', 'Is Decree 98/2023 in force?', 'Tỷ lệ 15% còn áp dụng không', 'cum 3 gom don vi nao', 'công văn 5007'])
      expect(has(q), q).toBe(true);
    for (const q of ['Mức lương cơ sở năm 2025', 'Nghị định 90/2020 gồm mấy mức', 'Thời gian tập sự của công chức', 'Tỷ lệ 10% công chức'])
      expect(has(q), q).toBe(false);
  });
});
