/**
 * What the bot answers: emulation and commendation. Officers also send it questions of neighbouring domains
 * (the tax on a bonus, the salary of a grade, a pension, a notarised contract); those are refused with the
 * domain named, so the officer knows where to ask instead. A question is out of scope when
 * - it names nothing of emulation and commendation (no title, form, emulation word or known document: see
 *   anchor.ts), or
 * - its asking sentence is about a topic of another domain that no passage of the base covers (the topics
 *   below; a topic the base comes to cover — a passage using its phrase — stops being foreign by itself).
 */
import type { Msg } from '../text/i18n.js';
import { hasDiacritics, tonedWords } from '../text/vntext.js';
import { normWords, PhraseTable } from './lexicon.js';

/** Topics of neighbouring domains, each with the phrases (Vietnamese, then English) that make a question about it. */
export const OTHER_DOMAINS: { topic: Msg; phrases: string[] }[] = [
  {
    topic: { vi: 'tiền lương, phụ cấp', en: 'salaries and allowances' },
    phrases: ['lương tháng', 'hệ số lương', 'bậc lương', 'nâng lương', 'nâng bậc lương', 'ngạch lương', 'bảng lương', 'thang lương', 'tính lương', 'truy lĩnh', 'phụ cấp', 'thu nhập tăng thêm', 'lương hợp đồng', 'thưởng tết', 'lương tháng 13',
      'salary scale', 'salary grade', 'salary step', 'salary increase', 'pay rise', 'allowance', 'allowances', '13th month'],
  },
  {
    // The bonus paid from 10 % of the salary fund (Nghị định 73/2024) is a pay rule, not an award of the emulation law.
    topic: { vi: 'chế độ tiền thưởng theo lương (quỹ tiền thưởng của Nghị định 73/2024/NĐ-CP)', en: 'the salary-linked bonus (the bonus fund of Decree 73/2024)' },
    phrases: ['quỹ tiền thưởng', 'quỹ lương', 'tổng quỹ lương', 'thưởng định kỳ', 'tiền thưởng theo nghị định 73', 'thưởng theo nghị định 73', 'quy chế thưởng',
      'periodic bonus', 'periodic bonuses', 'bonus fund', 'salary fund', 'bonus regime', 'bonus regulation'],
  },
  {
    topic: { vi: 'chính sách ưu đãi người có công', en: 'benefits for people with revolutionary merit' },
    phrases: ['trợ cấp hằng tháng', 'trợ cấp hàng tháng', 'trợ cấp một lần', 'trợ cấp người có công', 'ưu đãi người có công', 'chế độ người có công', 'chế độ thương binh', 'chất độc hóa học', 'chất độc da cam',
      'monthly allowance', 'one time allowance', 'lump sum allowance', 'meritorious services', 'revolutionary contributors'],
  },
  {
    topic: { vi: 'khen thưởng, huy hiệu của Đảng', en: 'Party awards and badges' },
    phrases: ['huy hiệu đảng', 'tuổi đảng', 'khen thưởng của đảng', 'đảng viên hoàn thành xuất sắc', 'xếp loại đảng viên', 'đánh giá đảng viên', 'chi bộ', 'đảng bộ khen', 'party badge', 'party membership', 'party member'],
  },
  {
    topic: { vi: 'khen thưởng học sinh, sinh viên', en: 'awards for pupils and students' },
    phrases: ['học sinh giỏi', 'học sinh đạt giải', 'sinh viên đạt giải', 'thi olympic', 'học bổng', 'thưởng học sinh', 'thưởng cho học sinh', 'excellent student', 'excellent students', 'scholarship', 'pupil', 'pupils'],
  },
  { topic: { vi: 'thuế', en: 'tax' }, phrases: ['thuế', 'thuế thu nhập', 'khấu trừ', 'quyết toán thuế', 'chịu thuế', 'miễn thuế', 'tax', 'taxes', 'taxable', 'income tax'] },
  {
    topic: { vi: 'bảo hiểm xã hội, hưu trí', en: 'social insurance and pensions' },
    phrases: ['bảo hiểm xã hội', 'bhxh', 'bảo hiểm y tế', 'bhyt', 'bảo hiểm thất nghiệp', 'lương hưu', 'hưu trí', 'nghỉ hưu trước tuổi', 'chế độ hưu', 'trợ cấp thôi việc', 'chế độ ốm đau', 'tuổi nghỉ hưu',
      'social insurance', 'health insurance', 'unemployment insurance', 'pension', 'pensions', 'retirement age', 'severance'],
  },
  { topic: { vi: 'nghỉ phép, thời giờ làm việc', en: 'leave and working time' }, phrases: ['nghỉ phép', 'phép năm', 'ngày phép', 'nghỉ không lương', 'làm thêm giờ', 'thời giờ làm việc', 'chấm công', 'annual leave', 'unpaid leave', 'overtime', 'working hours'] },
  {
    topic: { vi: 'tuyển dụng, thi nâng ngạch, bổ nhiệm', en: 'recruitment, grade exams and appointments' },
    phrases: ['thi tuyển', 'xét tuyển', 'miễn tập sự', 'chế độ tập sự', 'thi nâng ngạch', 'nâng ngạch', 'chuyển ngạch', 'thăng hạng', 'bổ nhiệm lại', 'quy hoạch cán bộ', 'luân chuyển cán bộ',
      'recruitment', 'civil service exam', 'rank promotion exam', 'probation'],
  },
  {
    topic: { vi: 'công chứng, chứng thực, hộ tịch, lý lịch tư pháp', en: 'notarisation, certification, civil status and judicial records' },
    phrases: ['công chứng', 'chứng thực', 'hộ tịch', 'khai sinh', 'khai tử', 'đăng ký kết hôn', 'ly hôn', 'quốc tịch', 'lý lịch tư pháp', 'hợp đồng ủy quyền', 'di chúc', 'thừa kế',
      'notarization', 'notarisation', 'notarize', 'notarise', 'notarized', 'notarised', 'notary', 'certified copy', 'civil status', 'birth certificate', 'marriage registration', 'divorce', 'inheritance', 'judicial record'],
  },
  { topic: { vi: 'đất đai, nhà ở', en: 'land and housing' }, phrases: ['sổ đỏ', 'quyền sử dụng đất', 'đất đai', 'nhà ở', 'sang tên', 'tranh chấp đất', 'land use right', 'land dispute', 'red book'] },
  {
    topic: { vi: 'trình tự xử lý kỷ luật, đánh giá cán bộ', en: 'disciplinary procedure and staff appraisal' },
    phrases: ['thời hiệu kỷ luật', 'thời hiệu xử lý kỷ luật', 'hội đồng kỷ luật', 'quy trình xử lý kỷ luật', 'quy trình đánh giá xếp loại', 'tiêu chí xếp loại chất lượng'],
  },
  { topic: { vi: 'giao thông', en: 'traffic' }, phrases: ['vi phạm giao thông', 'giấy phép lái xe', 'bằng lái', 'traffic violation', 'driving licence', 'driving license', 'driver license'] },
];

/** Phrases of the domain that contain a neighbouring field's word: the commune's "công chức Tư pháp – Hộ tịch". */
const NOT_FOREIGN = ['tư pháp hộ tịch'];

/** A passage's words (toned, between spaces) without those phrases: a passage naming the commune's officer does not cover "hộ tịch". */
export const withoutDomainPhrases = (toned: string): string => NOT_FOREIGN.reduce((t, p) => t.replaceAll(` ${p} `, ' '), toned);

export class ForeignTopics {
  private table = new PhraseTable({});
  private topics: Msg[] = [];

  /** Folded phrase → the phrases as written, to confirm a match in a text typed with diacritics. */
  private written = new Map<string, string[]>();

  /**
   * `covered(words)`: does some passage of the base use this phrase, words as written with their diacritics
   * (then it is not foreign)? "hồ sơ do Bộ Chính trị xem xét" does not cover "sổ đỏ".
   */
  constructor(covered: (words: string[]) => boolean) {
    OTHER_DOMAINS.forEach((d, i) => {
      for (const p of d.phrases) {
        if (covered(tonedWords(p))) continue;
        this.table.add(p, `topic${i}`);
        const key = normWords(p).join(' ');
        this.written.set(key, [...(this.written.get(key) ?? []), ` ${tonedWords(p).join(' ')} `]);
      }
      this.topics.push(d.topic);
    });
  }

  /**
   * The neighbouring-domain topic a text is about, if any. A text typed with diacritics must use the phrase
   * with its diacritics: "con số đó" is not "sổ đỏ", though both fold to "so do".
   */
  topicOf(text: string): Msg | undefined {
    let w = normWords(text);
    for (const p of NOT_FOREIGN_WORDS) w = ` ${w.join(' ')} `.replaceAll(` ${p} `, ' ').trim().split(' ');
    const toned = hasDiacritics(text) ? ` ${tonedWords(text).join(' ')} ` : undefined;
    for (let i = 0; i < w.length; i++) {
      const hit = this.table.matchAt(w, i);
      if (!hit) continue;
      if (toned && !this.written.get(hit.keys.join(' '))?.some((p) => toned.includes(p))) continue;
      return this.topics[Number(hit.exp[0].slice('topic'.length))];
    }
    return undefined;
  }
}

const NOT_FOREIGN_WORDS = NOT_FOREIGN.map((p) => normWords(p).join(' '));
