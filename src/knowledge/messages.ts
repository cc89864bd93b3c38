import type { Msg } from '../text/i18n.js';

/** User-facing texts of the knowledge engine, in Vietnamese and English. */
export const M = {
  notCovered: {
    vi: 'Xin lỗi, câu hỏi này không thuộc nội dung thi đua, khen thưởng mà tôi có, nên tôi không đoán. Nếu câu hỏi có liên quan đến thi đua, khen thưởng, bạn có thể hỏi lại rõ hơn (nêu danh hiệu, hình thức khen thưởng) hoặc chuyển câu hỏi tới Vụ Tổ chức cán bộ (bộ phận thi đua, khen thưởng của Bộ).',
    en: 'Sorry, this question is not about the emulation and commendation rules I hold, so I will not guess. If it is about emulation and commendation, ask again more precisely (name the title or form of commendation) or forward it to the Department of Organisation and Personnel (Vụ Tổ chức cán bộ).',
  },
  empty: {
    vi: 'Bạn hãy gõ câu hỏi về thi đua, khen thưởng, ví dụ: "Tiêu chuẩn Chiến sĩ thi đua cơ sở là gì?"',
    en: 'Please type a question about emulation and commendation, e.g. "What are the criteria for the Grassroots Emulation Fighter title?"',
  },
  failed: {
    vi: 'Xin lỗi, đã có lỗi khi tra cứu. Bạn vui lòng thử lại sau hoặc chuyển câu hỏi tới Vụ Tổ chức cán bộ.',
    en: 'Sorry, something went wrong while looking this up. Please try again later or forward the question to the Department of Organisation and Personnel.',
  },
  sources: { vi: 'Căn cứ:', en: 'Sources:' },
  seeAlso: { vi: 'Xem thêm: {items}', en: 'See also: {items}' },
  old: { vi: 'đã hết hiệu lực', en: 'no longer in force' },
  note: { vi: 'Lưu ý: {text}', en: 'Note: {text}' },
  inForce: { vi: '{cite} (hiệu lực {date})', en: '{cite} (in force from {date})' },
  replacedOn: { vi: '{cite} (hết hiệu lực từ {date}, thay thế bởi {by})', en: '{cite} (no longer in force since {date}; replaced by {by})' },
  lapsedOn: { vi: '{cite} (hết hiệu lực từ {date})', en: '{cite} (no longer in force since {date})' },
  superseded: {
    vi: '⚠️ Quy định này đã hết hiệu lực từ {date}, được thay thế bởi {by}. Nội dung trên chỉ để biết những gì đã thay đổi, không dùng làm căn cứ hiện hành.',
    en: '⚠️ This rule is no longer in force since {date}; it was replaced by {by}. The text above only explains what changed and must not be used as the current rule.',
  },
  lapsed: {
    vi: '⚠️ {cite} đã hết hiệu lực từ {date}. Nội dung trên chỉ để tham khảo; cần kiểm tra văn bản hiện hành.',
    en: '⚠️ {cite} is no longer in force since {date}. The text above is for reference only; check the current rules.',
  },
  expiring: {
    vi: 'ℹ️ {cite} hết hiệu lực từ {date}, trừ khi được kéo dài hoặc có văn bản thay thế; việc khen thưởng từ ngày đó cần kiểm tra văn bản áp dụng.',
    en: 'ℹ️ {cite} ceases to be in force on {date} unless extended or replaced; awards from that day need the rules then in force checked.',
  },
  amended: {
    vi: 'ℹ️ {doc} đã được sửa đổi, bổ sung bởi {by} từ {date}. {note}',
    en: 'ℹ️ {doc} was amended by {by} from {date}. {note}',
  },
  salarySource: { vi: '{cite} (mức lương cơ sở)', en: '{cite} (base salary)' },
  lowConfidence: {
    vi: '⚠️ Nội dung "{title}" chưa được kiểm chứng đầy đủ với văn bản gốc: cần đối chiếu nguồn ({source}) hoặc hỏi Vụ Tổ chức cán bộ trước khi sử dụng.',
    en: '⚠️ "{title}" has not been fully verified against the original text: check the source ({source}) or ask the Department of Organisation and Personnel before relying on it.',
  },
  unsure: {
    vi: 'Tôi chưa chắc đã hiểu đúng câu hỏi, nên không trả lời đoán. Có phải bạn hỏi về một trong các nội dung sau?\n{list}\nBạn chọn một mục, hỏi lại rõ hơn, hoặc chuyển câu hỏi tới Vụ Tổ chức cán bộ.',
    en: 'I am not sure I understood the question, so I will not guess. Did you mean one of these?\n{list}\nPick one, ask again more precisely, or forward the question to the Department of Organisation and Personnel.',
  },
  otherDomain: {
    vi: 'Câu hỏi này thuộc lĩnh vực {topic}, ngoài phạm vi của tôi: tôi chỉ trả lời về thi đua, khen thưởng (danh hiệu, hình thức khen thưởng, tiêu chuẩn, hồ sơ, thẩm quyền). Bạn nên hỏi bộ phận phụ trách lĩnh vực đó của đơn vị.',
    en: 'This question is about {topic}, outside my scope: I only answer about emulation and commendation (titles, forms of commendation, criteria, dossiers, who decides). Please ask the office of your unit that handles that field.',
  },
  noEnglish: {
    vi: '',
    en: '(No English summary of this passage in the knowledge base; the Vietnamese text follows.)',
  },
} satisfies Record<string, Msg>;
