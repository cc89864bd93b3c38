import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { passageStatus } from '../../src/knowledge/corpus.js';
import { dayIn } from '../../src/knowledge/docs.js';
import { askMain } from '../../src/knowledge/cli.js';

/** The shipped knowledge base (data/knowledge, data/curated), as `thidua ask` uses it. */
const dataDir = join(import.meta.dirname, '../../data');
const k = await loadKnowledge({ dataDir });
const today = dayIn('Asia/Ho_Chi_Minh');

interface Q {
  id: string;
  q: string;
  expect: { doc: string; article?: string }[];
  outOfScope?: boolean;
  /** false: no settled expectation (not scored). */
  score?: boolean;
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
    const inScope = nearMiss.filter((x) => !x.outOfScope && x.score !== false);
    for (const q of inScope) {
      const a = await k.ask(q.q);
      const ok = a.answered && a.citations.slice(0, 3).some((c) => q.expect.some((e) => e.doc === c.doc && (!e.article || e.article === c.article)));
      if (!ok) misses.push(`${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`);
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(inScope.length * 0.05));
  });

  it('reads the English of legal translations: "Diploma of Merit", the names of orders, American spelling, "fund", "revoked"', async () => {
    for (const [q, id] of [
      ['What are the regulations on the Diploma of Merit of a ministry or province?', 'luat-2022-d74-k1-bang-khen-bo'],
      ['How much money comes with the Labor Order, third class?', 'nd-152-2025-tien-thuong-huan-chuong'],
      ['Who manages the emulation and commendation fund of a ministry?', 'nd-152-2025-quy-thi-dua'],
      ['When will a decision on commendation be revoked?', 'luat-2022-d93-k2-huy-bo-quyet-dinh'],
      ['Who receives the Friendship Order?', 'luat-2022-d53-huan-chuong-huu-nghi'],
      ['What are the rights of individuals who are commended?', 'luat-2022-d86-quyen'],
    ]) {
      const a = await k.ask(q, { locale: 'en' });
      expect(a.answered, q).toBe(true);
      expect(a.citations.slice(0, 3).map((c) => c.id), q).toContain(id);
    }
    // "Who can receive…" asks for whom the award is, not who decides it.
    expect((await k.ask("Who can receive the Prime Minister's Certificate of Merit?", { locale: 'en' })).citations[0]?.id).toBe('luat-2022-d73-bang-khen-ttg');
    expect((await k.ask('Who decides on the Labour Order?', { locale: 'en' })).citations[0]?.id).toBe('luat-2022-d77-chu-tich-nuoc');
  });

  it('refuses near-miss questions whose distinctive words the base does not explain (the minister now, hộ tịch, luật sư, nghỉ phép…)', async () => {
    const answered: string[] = [];
    const oos = nearMiss.filter((x) => x.outOfScope);
    for (const q of oos) {
      const a = await k.ask(q.q);
      if (a.answered) answered.push(`${q.id} ${q.q} → ${a.citations.map((c) => c.id).join(', ')}`);
    }
    for (const q of ['Bộ trưởng Bộ Tư pháp hiện nay là ai?', 'Who is the current Minister of Justice?']) expect((await k.ask(q)).answered, q).toBe(false);
    // Known leaks: 8 of 42 when written, 11 of 59 once m01–m17 were added, 1 since the domain anchor; 0 of 52 since
    // the whole Law is covered (state honours moved in scope, questions about another ministry's circular unscored).
    expect(answered.length, answered.join('\n')).toBeLessThanOrEqual(1);
  });

  it('never states a low-confidence passage as settled nor a rule no longer in force as current, whatever the question', async () => {
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
        const old = !passageStatus(p, k.docs, today).inForce;
        if (old) {
          oldSeen++;
          expect(a.superseded, `${q.id}: ${p.id}`).toBe(true);
          expect(a.answer, `${q.id}: ${p.id}`).toMatch(/⚠️ (Quy định này đã hết hiệu lực|.* đã hết hiệu lực từ)/);
        } else if (p.confidence === 'low') {
          lowSeen++;
          expect(a.answer, `${q.id}: ${p.id}`).toContain(`⚠️ Nội dung "${p.title}" chưa được kiểm chứng đầy đủ`);
        }
      }
    }
    expect(lowSeen).toBeGreaterThan(0);
    expect(oldSeen).toBeGreaterThan(0);
  });

  it('gives reward money under Nghị định 152/2025 at the base salary in force, never Nghị định 98/2023 as current', async () => {
    const a = await k.ask('Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở hiện nay là bao nhiêu?');
    expect(a.answered).toBe(true);
    expect(a.citations.slice(0, 3).map((c) => c.doc)).toContain('nd-152-2025');
    expect(a.answer).toContain('2.530.000 đồng');
    expect(a.answer).not.toMatch(/Điều 54 Nghị định 98\/2023\/NĐ-CP \(hiệu lực/);
    // A "see also" title that already names its article is not followed by the same citation again.
    expect(a.answer).not.toMatch(/(Điều \d+ Nghị định 152\/2025)\) \(/);
    for (const q of ['Tiền thưởng Tập thể lao động xuất sắc bao nhiêu?', 'Bằng khen của Bộ trưởng được thưởng bao nhiêu tiền?', 'What is the reward for the ministry flag?']) {
      const r = await k.ask(q);
      expect(r.answered, q).toBe(true);
      // Whatever it cites, a replaced decree is never given as in force.
      expect(r.answer, q).not.toMatch(/98\/2023\/N(Đ|D)-CP \((hiệu lực|in force)/);
    }
  });

  it("names the Ministry's circular in force (Thông tư 11/2023/TT-BTP)", async () => {
    const a = await k.ask('Thông tư hướng dẫn thi đua, khen thưởng ngành Tư pháp hiện hành là thông tư nào?');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('11/2023/TT-BTP');
    expect(a.answer).not.toMatch(/chưa xác định được số hiệu/);
  });

  it('answers real questions that were refused before, or offers the closest topics — never a bare refusal', async () => {
    const ttldxs = await k.ask('Đơn vị tôi muốn đề nghị danh hiệu Tập thể lao động xuất sắc năm nay thì cần đáp ứng yêu cầu gì ạ?');
    expect(ttldxs.answered).toBe(true);
    expect(ttldxs.citations[0]).toMatchObject({ doc: 'luat-06-2022', article: '27' });
    const discipline = await k.ask('Anh chị cho em hỏi cơ quan em có một đồng chí vừa bị kỷ luật khiển trách thì năm nay có được bình xét lao động tiên tiến không ạ');
    expect(discipline.answered || (discipline.suggestions?.length ?? 0) > 0).toBe(true);
    expect(discipline.answer).toMatch(/kỷ luật/);
    const figures = await k.ask('Đơn vị em có 20 người, 13 LĐTT, 1 CSTĐCS, có đủ điều kiện TTLĐXS không ạ?');
    expect(figures.answered).toBe(true);
    expect(figures.answer).toContain('13/20 người = 65%');
    expect(figures.answer).toContain('❌ Chưa đạt:');
    // TTLĐTT's criteria of the 2022 regime are not verified against Điều 28: the figures are shown against them as
    // a caution, never as a verdict, and never against the repealed "trên 50%".
    const advanced = await k.ask('Tổ em 10 người, 6 người đạt LĐTT, tổ có được Tập thể lao động tiên tiến không?');
    const computed = advanced.answer.split('\n\n')[0];
    expect(computed).toContain('ít nhất 70%');
    expect(computed).toContain('6/10 người = 60%');
    expect(computed).toContain('chưa được xác minh');
    expect(computed).not.toContain('❌');
    expect(computed).not.toContain('50%');
    // Met, it is still marked unverified; a member disciplined at warning level, named in the question, is flagged.
    const met = (await k.ask('Phòng có 10 người, 8 LĐTT nhưng 1 người bị cảnh cáo thì có đạt TTLĐTT không?')).answer.split('\n\n')[0];
    expect(met).toMatch(/8\/10 người = 80%\. \(tiêu chí chưa được xác minh/);
    expect(met).toContain('câu hỏi nêu "cảnh cáo"');
    expect((await k.ask('Phòng có 10 người, 8 LĐTT, không ai bị cảnh cáo, có đạt TTLĐTT không?')).answer).not.toContain('câu hỏi nêu');
  });

  it('answers "X cần gì?" with the criteria of X first, not a passage that merely names X', async () => {
    for (const [q, id] of [
      ['CSTĐCS cần gì?', 'luat-2022-d23-cstdcs'],
      ['cstdcs can nhung gi', 'luat-2022-d23-cstdcs'],
      // the name most askers write, with "cấp"
      ['Danh hiệu chiến sĩ thi đua cấp cơ sở cần những tiêu chuẩn gì?', 'luat-2022-d23-cstdcs'],
      ['Nhân viên hợp đồng có được đề nghị chiến sĩ thi đua cấp cơ sở không?', 'chu-de-nguoi-lao-dong-hop-dong'],
      // classes of orders written as numbers, the flag named by its level
      ['Huân chương lao động hạng III cần gì', 'luat-2022-d44-k1-huan-chuong-lao-dong-hang-ba-ca-nhan'],
      ['HCLĐ hạng 2 tiêu chuẩn cá nhân', 'luat-2022-d43-k1-huan-chuong-lao-dong-hang-nhi-ca-nhan'],
      ['Cờ thi đua cấp bộ xét thế nào', 'luat-2022-d26-co-bo'],
      ['huân chương lđ hạng 3 tiêu chuẩn sao dzậy', 'luat-2022-d44-k1-huan-chuong-lao-dong-hang-ba-ca-nhan'],
      ['lương cơ sở 2tr530 áp dụng tính thưởng từ bao giờ', 'nd-161-2026-luong-co-so-tien-thuong'],
      ['LĐTT cần gì', 'luat-2022-d24-ldtt'],
      ['Muốn đạt cờ thi đua của Bộ thì phải có gì?', 'luat-2022-d26-co-bo'],
    ]) expect((await k.ask(q)).citations[0]?.id, q).toBe(id);
  });

  it('reads "bình bầu", what most units call the year-end vote, as "bình xét" (it was refused)', async () => {
    const a = await k.ask('Nhân viên hợp đồng 111 có được bình bầu không?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.id).toBe('chu-de-nguoi-lao-dong-hop-dong');
    expect((await k.ask('binh bau cuoi nam can bao nhieu phieu')).citations.map((c) => c.id)).toContain('nd-152-2025-ty-le-phieu');
  });

  it('answers a complaint about a vote or an award with what is known, saying where to complain is unverified', async () => {
    const a = await k.ask('Không đồng ý kết quả bình xét thi đua thì khiếu nại ở đâu?');
    expect(a.citations[0]?.id).toBe('chu-de-khieu-nai-thi-dua');
    expect(a.answer).toMatch(/chưa được xác minh/);
  });

  it('answers about posthumous awards ("truy tặng"), a word of the domain on its own', async () => {
    for (const q of ['Truy tặng là gì?', 'Người đã mất có được khen thưởng không?', 'nguoi da tu tran co duoc truy tang bang khen khong']) {
      const a = await k.ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.citations[0]?.id, q).toBe('chu-de-truy-tang');
    }
  });

  it('answers each question of a message that asks two things (who decides, and how much money)', async () => {
    const a = await k.ask('Cho em hỏi Bằng khen của Bộ trưởng do ai quyết định tặng? Kèm theo Bằng khen thì được thưởng bao nhiêu tiền ạ?');
    expect(a.answered).toBe(true);
    const cited = a.citations.slice(0, 3).map((c) => `${c.doc}:${c.article ?? '-'}`);
    expect(cited).toContain('luat-06-2022:79');
    expect(cited).toContain('nd-152-2025:54');
    expect(a.answer).toMatch(/Bộ trưởng/);
    expect(a.answer).toMatch(/1,5 lần \([\d.]+ đồng\)/);
    // Căn cứ names both.
    const sources = a.answer.slice(a.answer.lastIndexOf('Căn cứ:'));
    expect(sources).toContain('Điều 79');
    expect(sources).toContain('Điều 54 Nghị định 152/2025');
    // In the order asked: the criteria first, then the money.
    const both = await k.ask('Chiến sĩ thi đua cơ sở cần điều kiện gì? Được thưởng bao nhiêu tiền?');
    expect(both.citations.slice(0, 2).map((c) => `${c.doc}:${c.article ?? '-'}`)).toEqual(['luat-06-2022:23', 'nd-152-2025:50']);
    expect(both.answer.indexOf('Chiến sĩ thi đua cơ sở')).toBeLessThan(both.answer.indexOf('2.530.000 đồng'));
    // The same with the title abbreviated: "CSTĐCS cần gì?" is a question of its own, not a thin one.
    const short = await k.ask('CSTĐCS cần gì? Được thưởng bao nhiêu?');
    expect(short.citations.slice(0, 2).map((c) => `${c.doc}:${c.article ?? '-'}`)).toEqual(['luat-06-2022:23', 'nd-152-2025:50']);
  });

  it('does not let the passages on who decides crowd out the rule asked about when the question does not ask who', async () => {
    const a = await k.ask('Vậy đối với danh hiệu Lao động tiên tiến thì có cần giấy công nhận không, nếu có thì sử dụng theo mẫu quy định tại văn bản nào?');
    const cited = a.citations.slice(0, 3).map((c) => `${c.doc}:${c.article ?? '-'}`);
    expect(cited).not.toContain('luat-06-2022:80');
    expect(cited).toContain('luat-06-2022:24');
    // …and they still answer a question about who decides.
    expect((await k.ask('Ai có thẩm quyền công nhận danh hiệu Lao động tiên tiến?')).citations[0]).toMatchObject({ doc: 'luat-06-2022', article: '80' });
  });

  it('answers when an award is annulled or withdrawn with that rule, not with the criteria of the award named', async () => {
    const first = async (q: string) => (await k.ask(q)).citations[0]?.id;
    expect(await first('Bằng khen của Thủ tướng có thể bị thu hồi trong trường hợp nào?')).toBe('luat-2022-d93-k2-huy-bo-quyet-dinh');
    expect(await first('Khi nào thì bị tước danh hiệu Anh hùng Lao động?')).toBe('luat-2022-d93-k3-tuoc-danh-hieu');
    // the award named matches some forty passages on orders; the annulment rule still leads
    expect(await first('Huân chương lao động có bị thu hồi không?')).toBe('luat-2022-d93-k2-huy-bo-quyet-dinh');
    expect(await first('Can a Labour Order be revoked?')).toBe('luat-2022-d93-k2-huy-bo-quyet-dinh');
    // answered, or offered as the first of the closest topics
    const back = await k.ask('Can an award be taken back if the achievement behind it turns out to be fake?');
    expect(back.answered ? back.citations[0]?.id : back.suggestions?.[0]?.id).toBe('luat-2022-d93-k2-huy-bo-quyet-dinh');
  });

  it('shows in full only the rules for the kind of recipient asked about (a person, or a collective)', async () => {
    // The leads of the passages for only one kind of recipient, shown in an answer (a passage under "see also" shows its title only).
    const shown = (answer: string, tag: string) => k.passages.filter((p) => p.tags.includes(tag) && p.tags.length && !p.tags.includes(tag === 'tap-the' ? 'ca-nhan' : 'tap-the') && answer.includes(p.lead)).map((p) => p.id);
    for (const q of ['tieu chuan bang khen bo truong bo tu phap cho ca nhan', 'Cá nhân cần gì để được Bằng khen của Bộ trưởng?']) {
      const a = await k.ask(q);
      expect(shown(a.answer, 'ca-nhan').length + a.citations.length, q).toBeGreaterThan(0);
      expect(shown(a.answer, 'tap-the'), q).toEqual([]);
    }
    const group = await k.ask('Tập thể cần gì để được Bằng khen của Bộ trưởng?');
    expect(shown(group.answer, 'tap-the')).not.toEqual([]);
    // A title for collectives only is still answered with its rule when the question asks whether a person can get it.
    const flag = (await k.ask('Danh hiệu Cờ thi đua của Chính phủ có xét tặng cho cá nhân không?')).citations[0];
    expect(`${flag.doc}:${flag.article}`).toMatch(/^luat-06-2022:(20|25)$/);
  });

  it("ranks a question naming another ministry (the asker's sector) like the same question without it", async () => {
    for (const sector of ['', ' trong ngành Văn hóa, Thể thao và Du lịch', ' của Bộ Lao động - Thương binh và Xã hội'])
      expect((await k.ask(`Tiêu chuẩn Cờ thi đua của Bộ${sector} là gì?`)).citations[0]?.id, sector).toBe('luat-2022-d26-co-bo');
  });

  it('puts the money passage first when a question asks about money, and shows no criteria passage in full beside it', async () => {
    for (const q of ['Được tặng Bằng khen của Thủ tướng thì mức thưởng là bao nhiêu?', 'danh hieu chien si thi dua co so duoc thuong bao nhieu tien', 'tien thuong huan chuong lao dong hang ba']) {
      const a = await k.ask(q);
      expect(a.citations[0]?.doc, q).toBe('nd-152-2025');
      const inFull = k.passages.filter((p) => a.answer.includes(p.lead));
      expect(inFull.length, q).toBeGreaterThan(0);
      expect(inFull.filter((p) => !p.tags.includes('tien-thuong')).map((p) => p.id), q).toEqual([]);
    }
  });

  it('refuses neighbouring questions that use award words (the salary-fund bonus, merit allowances, Party badges, pupils), naming the domain', async () => {
    for (const [q, domain] of [
      ['Quỹ tiền thưởng 10% theo Nghị định 73/2024 được chi cho những ai, có căn cứ vào danh hiệu thi đua không?', 'Nghị định 73/2024'],
      ['Người được tặng Huân chương kháng chiến hạng Nhì có được hưởng trợ cấp hằng tháng không?', 'người có công'],
      ['Đảng viên được tặng Huy hiệu Đảng 30 năm thì có tiền thưởng kèm theo không?', 'của Đảng'],
      ['Học sinh giỏi cấp tỉnh được khen thưởng bao nhiêu tiền?', 'học sinh'],
      ['Mẹ tôi mất năm nay, vừa tròn 45 năm tuổi Đảng, gia đình có được đề nghị truy tặng huy hiệu không?', 'của Đảng'],
      // The neighbouring topic opens a long list whose last item holds the question.
      [
        'Cho hỏi trợ cấp một lần theo Quyết định 24/2016/QĐ-TTg có áp dụng cho người được Bằng khen của Thủ tướng Chính phủ, Bằng khen của Bộ trưởng, thủ trưởng cơ quan ngang bộ, Bằng khen của Chủ tịch UBND tỉnh không?',
        'người có công',
      ],
    ]) {
      const a = await k.ask(q);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain(domain);
    }
    // The same fields asked in English.
    for (const [q, domain] of [
      ['Is the reward money for the Labour Order subject to personal income tax?', 'tax'],
      ['Does a certificate of merit give an early salary increase?', 'salaries'],
      ['Can I notarize a copy of my certificate of merit?', 'notarisation'],
    ]) {
      const a = await k.ask(q);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain(domain);
    }
    // Typed with diacritics, a phrase must be that phrase: "con số đó" folds like "sổ đỏ" but is not about land.
    const land = await k.ask('Được tặng Bằng khen của Bộ thì có được ưu tiên khi làm sổ đỏ không?');
    expect(land.answered).toBe(false);
    expect(land.answer).toContain('đất đai');
    expect((await k.ask('Quy chế cũ có tỷ lệ 15% CSTĐCS và hạn nộp 31/10, mấy con số đó còn đúng với luật hiện nay không?')).answered).toBe(true);
    // The commune's "công chức Tư pháp – Hộ tịch" is an officer of the sector, not a civil-status question.
    expect((await k.ask('Công chức Tư pháp – Hộ tịch cấp xã có được xét Kỷ niệm chương ngành Tư pháp không?')).citations[0]?.doc).toBe('tt-14-2025-btp');
    expect((await k.ask('Được tặng bằng khen có được miễn lệ phí hộ tịch không?')).answer).toContain('hộ tịch');
    // Officers' abbreviations and the commune title name the domain.
    expect((await k.ask('HCLĐ hạng ba cần điều kiện gì?')).citations[0]?.article).toBe('44');
    expect((await k.ask('Xã tiêu biểu cần tiêu chuẩn gì?')).citations[0]?.article).toBe('29');
    // …while a Ministry's name or an award's words keep a question in the domain.
    expect((await k.ask('Tiêu chuẩn danh hiệu Tập thể lao động tiên tiến ngành Lao động - Thương binh và Xã hội thế nào?')).answered).toBe(true);
    expect((await k.ask('Mức tiền thưởng kèm Huân chương Lao động hạng Ba là bao nhiêu?')).answered).toBe(true);
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
    expect(Object.keys(j).sort()).toEqual(['answer', 'answered', 'citations', 'confidence']); // no suggestions: answered
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
