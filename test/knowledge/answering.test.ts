import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { toAskJson } from '../../src/knowledge/cli.js';
import { readCounts } from '../../src/knowledge/figures.js';
import { splitFocus } from '../../src/knowledge/focus.js';
import { PASSAGES, makeDataDir } from './fixture.js';

const TTLDXS = `---
id: t-ttldxs
title: Tiêu chuẩn danh hiệu "Tập thể lao động xuất sắc"
doc: luat-06-2022
article: "27"
clause: "1"
effective: 2024-01-01
confidence: high
tags: [tap-the, ttldxs]
keywords: [TTLĐXS]
source: https://example.org/luat-06-2022/dieu-27
---
"Tập thể lao động xuất sắc" xét cho tập thể hoàn thành xuất sắc nhiệm vụ.
- 100% thành viên hoàn thành nhiệm vụ, ít nhất 70% đạt "Lao động tiên tiến".
- Có ít nhất 01 cá nhân đạt "Chiến sĩ thi đua cơ sở".
`;
const titles = readFileSync(join(import.meta.dirname, '../../data/titles.yaml'), 'utf8');
const k = await loadKnowledge({ dataDir: makeDataDir({ 'titles.yaml': titles, 'knowledge/ttldxs.md': TTLDXS }) });

describe('answering real questions', () => {
  it('reads the asking sentence apart from the context around it', () => {
    const f = splitFocus('Tôi là nhân viên hợp đồng. Năm 2017 tôi hoàn thành tốt nhiệm vụ. Vậy năm nay tôi có được xét Lao động tiên tiến không?');
    expect(f.focus).toBe('Vậy năm nay tôi có được xét Lao động tiên tiến không?');
    expect(f.context).toContain('hợp đồng');
    // A thin asking sentence takes in what comes before it.
    expect(splitFocus('Tôi chưa rõ vì sao không được xét Lao động tiên tiến. Xin giải thích?').focus).toContain('Lao động tiên tiến');
    // …also when it only asks the Board to explain ("thi đua, khen thưởng" names the domain, not a topic).
    expect(splitFocus('Năm nay tôi không được bình xét Chiến sĩ thi đua cơ sở. Đề nghị Ban Thi đua – Khen thưởng giải thích rõ cho tôi vấn đề này?').focus).toContain('Chiến sĩ thi đua cơ sở');
    // Without a question mark or an asking word, "xin hỏi" / "cho em hỏi" still makes a question.
    const told = splitFocus('Anh A được Lao động tiên tiến và Giấy khen, tôi chưa thấy điều nào nói về việc này. Vậy xin hỏi anh A được nhận tiền thưởng cả hai khoản. Xin cảm ơn.');
    expect(told.focus).toContain('anh A được nhận tiền thưởng cả hai khoản');
    expect(splitFocus('Đơn vị em có 3 người chưa đủ thời gian công tác. Cho em hỏi về hồ sơ đề nghị Chiến sĩ thi đua cơ sở. Xin cảm ơn.').focus).toContain('hồ sơ đề nghị');
  });

  it('cuts a message into the questions it asks; one asking only for the source stays with the one before', () => {
    expect(splitFocus('Ai quyết định tặng Bằng khen của Bộ? Tiền thưởng kèm theo là bao nhiêu?').questions).toEqual([
      'Ai quyết định tặng Bằng khen của Bộ?',
      'Tiền thưởng kèm theo là bao nhiêu?',
    ]);
    expect(splitFocus('Hồ sơ đề nghị Huân chương Lao động gồm những gì? Văn bản nào quy định vấn đề này?').questions).toHaveLength(1);
    // Without a question mark, every asking clause counts ("…cùng lúc không; quy trình ra sao").
    expect(splitFocus('Đề nghị Bằng khen và Chiến sĩ thi đua cùng lúc được không; quy trình ra sao').focus).toContain('Bằng khen');
    // A comma inside a name or a list does not cut the question; one asking only "how is this regulated?" takes in what comes before.
    expect(splitFocus('Hiện nay, tiêu chuẩn Anh hùng Lao động cho cá nhân ngành Văn hóa, Thể thao và Du lịch được quy định như thế nào?').focus).toMatch(/^tiêu chuẩn Anh hùng Lao động/);
    expect(splitFocus('Hồ sơ gửi về Bộ văn hóa, thể thao và du lịch được quy định như thế nào?').focus).toMatch(/^Hồ sơ/);
    expect(splitFocus('Đơn vị tôi được tặng Cờ thi đua của Bộ năm 2024. Pháp luật quy định như thế nào về vấn đề này?').focus).toContain('Cờ thi đua');
  });

  it('ranks a long question with personal context like its short form', async () => {
    const short = await k.ask('Lao động tiên tiến cần điều kiện gì?');
    const long = await k.ask(
      'Anh chị cho em hỏi, cơ quan em có 25 người, em công tác ở phòng tổng hợp được 3 năm, năm nay được đánh giá hoàn thành tốt nhiệm vụ, tham gia đầy đủ các phong trào. Vậy em có đủ điều kiện đạt danh hiệu lao động tiên tiến không ạ?',
    );
    expect(short.citations[0].id).toBe('t-ldtt');
    expect(long.answered).toBe(true);
    expect(long.citations[0].id).toBe('t-ldtt');
  });

  it('computes with the figures a question gives, citing the criterion (65 % < 70 %)', async () => {
    const a = await k.ask('Đơn vị em có 20 người, 13 LĐTT, 1 CSTĐCS thì có đủ điều kiện TTLĐXS không ạ?');
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/^Tính theo số liệu bạn nêu \(20 người, 13 LĐTT, 1 CSTĐCS\) cho danh hiệu "Tập thể lao động xuất sắc":/);
    expect(a.answer).toContain('❌ Chưa đạt:');
    expect(a.answer).toContain('cần ít nhất 70% cán bộ đạt "LĐTT" — có 13/20 người = 65%');
    expect(a.answer).toContain('Căn cứ: khoản 1 Điều 27 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(a.citations[0].id).toBe('t-ttldxs');
    const ok = await k.ask('Tập thể 20 người, 14 người đạt lao động tiên tiến, 2 chiến sĩ thi đua cơ sở, có đạt tập thể lao động xuất sắc không');
    expect(ok.answer).not.toContain('❌');
    expect(ok.answer).toContain('14/20 người = 70%');
  });

  it('reads counts written the way people write them', () => {
    expect(readCounts('Đơn vị em có 20 người, 13 LĐTT, 1 CSTĐCS')).toEqual({ headcount: 20, individual: { ldtt: 13, cstdcs: 1 } });
    expect(readCounts('phòng có 12 công chức; 9 người đạt danh hiệu lao động tiên tiến và 1 chiến sĩ thi đua cơ sở')).toEqual({ headcount: 12, individual: { ldtt: 9, cstdcs: 1 } });
    expect(readCounts('tap the 30 can bo, 80% dat LDTT')).toEqual({ headcount: 30, individual: { ldtt: 24 } });
    expect(readCounts('năm 2025 đơn vị được Bằng khen')).toEqual({ headcount: undefined, individual: {} });
  });

  it('refuses a question of a neighbouring domain and names that domain', async () => {
    const tax = await k.ask('Tiền thưởng kèm danh hiệu Chiến sĩ thi đua cơ sở có phải tính thuế thu nhập cá nhân không?');
    expect(tax.answered).toBe(false);
    expect(tax.suggestions).toBeUndefined();
    expect(tax.answer).toContain('thuộc lĩnh vực thuế');
    const pension = await k.ask('Tôi 58 tuổi, từng đạt chiến sĩ thi đua cơ sở. Nghỉ hưu trước tuổi thì lương hưu tính thế nào?');
    expect(pension.answered).toBe(false);
    expect(pension.answer).toContain('bảo hiểm xã hội, hưu trí');
    const notary = await k.ask('Thủ tục công chứng hợp đồng ủy quyền cần những giấy tờ gì?');
    expect(notary.answered).toBe(false);
    // …but context about salary does not make an emulation question foreign.
    const inDomain = await k.ask('Tôi hệ số lương 3,0, năm nay hoàn thành tốt nhiệm vụ. Tôi có được xét lao động tiên tiến không?');
    expect(inDomain.answered).toBe(true);
    expect(inDomain.citations[0].id).toBe('t-ldtt');
  });

  it('offers the closest topics instead of a bare refusal when an emulation question is unclear, and --json lists them', async () => {
    const a = await k.ask('Cơ quan tôi muốn làm bảng vàng thi đua treo ở sảnh thì nên thiết kế ra sao?');
    expect(a.answered).toBe(false);
    expect(a.suggestions?.length).toBeGreaterThan(0);
    expect(a.suggestions?.length).toBeLessThanOrEqual(3);
    expect(a.answer).toMatch(/Có phải bạn hỏi về/);
    expect(a.answer).toContain(`1. ${a.suggestions![0].title}`);
    const json = toAskJson(a);
    expect(json.suggestions).toEqual(a.suggestions!.map((s) => ({ id: s.id, title: s.title })));
    // A topic picked from the list is answered with its passage.
    const picked = k.explain(a.suggestions![0].id);
    expect(picked?.answered).toBe(true);
    expect(picked?.citations[0].id).toBe(a.suggestions![0].id);
    expect(k.explain('khong-co')).toBeUndefined();
    // An answered question prints no suggestions.
    expect(toAskJson(await k.ask('Tiêu chuẩn Lao động tiên tiến')).suggestions).toBeUndefined();
  });

  it('answers in English with English titles when a passage has one', async () => {
    const dir = makeDataDir({}, { ...PASSAGES, 'ldtt.md': PASSAGES['ldtt.md'].replace('doc: luat-06-2022', 'title_en: Criteria for the "Advanced Worker" title\ndoc: luat-06-2022') });
    const en = await (await loadKnowledge({ dataDir: dir })).ask('What are the criteria for the advanced worker title?');
    expect(en.citations[0]).toMatchObject({ id: 't-ldtt', title: 'Criteria for the "Advanced Worker" title' });
  });
});
