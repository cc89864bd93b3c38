import type { Msg } from '../text/i18n.js';

/**
 * Texts every part of the bot shares (core, flows, adapters). The convention elsewhere: a file's
 * own table is `M`; a folder's shared table is `M` in its `messages.ts`; every text is shown
 * through `ctx.t(M.key, params)` (or `tr(locale, M.key, params)` where there is no ctx).
 */
export const COMMON = {
  cancel: { vi: 'Hủy', en: 'Cancel' },
  back: { vi: '◀ Quay lại', en: '◀ Back' },
  badButton: { vi: 'Nút này không hợp lệ.', en: 'This button is not valid.' },
  staleButton: {
    vi: 'Nút này không còn hiệu lực (thao tác đã kết thúc hoặc đã hết hạn). Vui lòng gõ lại lệnh nếu cần.',
    en: 'This button is no longer valid (the action has finished or expired). Please type the command again if needed.',
  },
} satisfies Record<string, Msg>;
