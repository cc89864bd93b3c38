import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Sender } from '../../outbox.js';
import { startPayload } from '../../router.js';
import type { Address, Reply } from '../../types.js';
import type { Buttons } from './buttons.js';
import { keyboardRows, MAX_CAPTION, splitMessage, toHtml } from './render.js';

/** Telegram chat ids of groups and channels are negative. */
export const isGroupChat = (chatId: string) => chatId.startsWith('-');

/**
 * Delivers replies: HTML-escaped text split to Telegram's size, server-side buttons, documents;
 * a group answer that continues in private gets the deep link to the bot's private chat.
 */
export function telegramSender(api: Api, buttons: Buttons, bot: string): Sender {
  return {
    platform: 'telegram',
    isGroup: isGroupChat,
    async send(chatId: string, reply: Reply, to?: Address) {
      if (reply.personal && isGroupChat(chatId)) throw new Error('refusing to post personal data in a group chat');
      let markup: InlineKeyboardMarkup | undefined;
      if (reply.choices?.length) {
        const data = await buttons.issue(reply.choices.map((c) => c.value), chatId, to?.userId ?? chatId);
        markup = { inline_keyboard: keyboardRows(reply.choices, (i) => data[i]) };
      }
      const link = reply.toPrivate ? `\n\n👉 https://t.me/${bot}?start=${startPayload(reply.toPrivate)}` : '';
      const text = reply.text.trim() + link;
      const sendText = async (body: string, withMarkup: boolean) => {
        const parts = splitMessage(body);
        for (let i = 0; i < parts.length; i++)
          await api.sendMessage(chatId, toHtml(parts[i], reply.format), {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(withMarkup && i === parts.length - 1 && markup ? { reply_markup: markup } : {}),
          });
      };
      if (reply.file) {
        const caption = text && text.length <= MAX_CAPTION ? text : undefined;
        if (text && !caption) await sendText(text, false);
        await api.sendDocument(chatId, new InputFile(reply.file.bytes, reply.file.name), {
          ...(caption ? { caption: toHtml(caption, reply.format), parse_mode: 'HTML' } : {}),
          ...(markup ? { reply_markup: markup } : {}),
        });
        return;
      }
      if (text || markup) await sendText(text || '…', true);
    },
  };
}
