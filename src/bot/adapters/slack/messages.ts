import type { Msg } from '../../../text/i18n.js';

/** The Slack adapter's own texts. */
export const M = {
  openForm: { vi: '📝 Mở biểu mẫu', en: '📝 Open the form' },
  formHint: { vi: 'Bấm "📝 Mở biểu mẫu" để điền tất cả trong một cửa sổ, hoặc trả lời từng bước tại đây.', en: 'Press "📝 Open the form" to fill everything in one window, or answer step by step here.' },
  formGone: { vi: 'Biểu mẫu này không còn hiệu lực (phiên đã kết thúc hoặc hết hạn). Gõ lại lệnh để bắt đầu lại.', en: 'This form is no longer valid (the session ended or expired). Type the command again to start over.' },
  answeredInDm: { vi: '📬 Đã trả lời bạn trong tin nhắn riêng với bot.', en: '📬 Answered you in a direct message with the bot.' },
  fileFailed: {
    vi: 'Không gửi được tệp "{name}" qua Slack. Vui lòng thử lại sau, hoặc nhờ quản trị viên xuất tệp bằng lệnh `thidua export`.',
    en: 'Could not send the file "{name}" through Slack. Please try again later, or ask an administrator to export it with `thidua export`.',
  },
} satisfies Record<string, Msg>;
