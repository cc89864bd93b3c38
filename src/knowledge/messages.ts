import type { Msg } from '../bot/i18n.js';

/** User-facing texts of the knowledge engine, in Vietnamese and English. */
export const KM = {
  notCovered: {
    vi: 'Xin lỗi, cơ sở tri thức của tôi chưa có nội dung đủ tin cậy để trả lời câu hỏi này, nên tôi không đoán. Bạn có thể chuyển câu hỏi tới Vụ Tổ chức cán bộ (bộ phận thi đua, khen thưởng của Bộ) để được giải đáp.',
    en: 'Sorry, my knowledge base does not cover this question reliably, so I will not guess. You can forward it to the Department of Organisation and Personnel (Vụ Tổ chức cán bộ), which handles emulation and commendation at the Ministry.',
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
  noLongerInForce: { vi: '{cite} (đã hết hiệu lực)', en: '{cite} (no longer in force)' },
  superseded: {
    vi: '⚠️ Quy định này đã hết hiệu lực, được thay thế bởi {by}. Nội dung trên chỉ để biết những gì đã thay đổi, không dùng làm căn cứ hiện hành.',
    en: '⚠️ This rule is no longer in force; it was replaced by {by}. The text above only explains what changed and must not be used as the current rule.',
  },
  supersededUnknown: {
    vi: '⚠️ Quy định này đã hết hiệu lực ({by}). Nội dung trên chỉ để tham khảo; cần kiểm tra văn bản hiện hành.',
    en: '⚠️ This rule is no longer in force ({by}). The text above is for reference only; check the current document.',
  },
  lowConfidence: {
    vi: '⚠️ Nội dung "{title}" chưa được kiểm chứng đầy đủ với văn bản gốc: cần đối chiếu nguồn ({source}) hoặc hỏi Vụ Tổ chức cán bộ trước khi sử dụng.',
    en: '⚠️ "{title}" has not been fully verified against the original text: check the source ({source}) or ask the Department of Organisation and Personnel before relying on it.',
  },
  noEnglish: {
    vi: '',
    en: '(No English summary of this passage in the knowledge base; the Vietnamese text follows.)',
  },
} satisfies Record<string, Msg>;
